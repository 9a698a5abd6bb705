package testsuite_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// runScenarioProcess runs the test named test again in a child process of
// this test binary, with envKey set to scenario, for outcomes that end a
// process (a panic, a failed test). It returns the process's output and
// exit code, and fails t if the process hung or exited without error.
func runScenarioProcess(t *testing.T, test, envKey, scenario string) (output string, exitCode int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), envKey+"="+scenario)
	out, err := cmd.CombinedOutput()
	require.NoError(t, ctx.Err(), "the child process hung:\n%s", out)
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "the child process did not fail: %v\n%s", err, out)
	return string(out), exit.ExitCode()
}
