package testsuite

import (
	"log/slog"
	"strings"

	"github.com/wfsim/wfsim/internal/logbridge"
	"github.com/wfsim/wfsim/log"
	"github.com/wfsim/wfsim/metrics"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/workflow"
)

// TB is the part of a test handle the environment uses. *testing.T,
// *testing.B and *rapid.T all satisfy it.
type TB interface {
	Logf(format string, args ...any)
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	FailNow()
	Failed() bool
	Cleanup(f func())
}

// WorkflowTestSuite creates test environments. Its zero value is ready to
// use, and it can be embedded next to testify's suite.Suite.
type WorkflowTestSuite struct {
	logger  *slog.Logger
	metrics metrics.Handler
	// Context propagation for the environments it creates
	// (context_propagation.go).
	contextPropagators []workflow.ContextPropagator
	header             *replay.Header
	// disableAliasing: SetDisableRegistrationAliasing (aliases.go).
	disableAliasing bool
}

// SetLogger sets the logger of the environments the suite creates. It takes
// a log.Logger, as Temporal's SetLogger does: a *slog.Logger is used as it
// is, and any other Logger receives the environments' slog records as
// messages with key-value pairs. A nil logger discards everything.
func (s *WorkflowTestSuite) SetLogger(logger log.Logger) { s.logger = logbridge.Slog(logger) }

// GetLogger returns the logger set with SetLogger, or nil: the
// *slog.Logger given to SetLogger itself, or the *slog.Logger writing to
// the log.Logger given. Unlike Temporal's, it returns a *slog.Logger, which
// is a log.Logger too.
func (s *WorkflowTestSuite) GetLogger() *slog.Logger { return s.logger }

// NewTestWorkflowEnvironment returns an environment not bound to a test:
// its errors are returned, never reported, and real activities run to
// completion in zero virtual time. Its test timeout's watchdog
// (SetTestTimeout) reports to the suite's logger, and stops a busy loop
// as in an environment bound to a test.
func (s *WorkflowTestSuite) NewTestWorkflowEnvironment() *TestWorkflowEnvironment {
	env := newEnvironment(nil, s.logger)
	env.e.worker.Metrics = s.metrics
	s.configure(env.e.reg)
	return env
}

// NewTestWorkflowEnvironment returns an environment bound to t: workflow and
// activity logs go to t.Logf, a failing test prints the run's history as a
// timeline, and mock expectations are asserted when the test ends.
func NewTestWorkflowEnvironment(t TB) *TestWorkflowEnvironment {
	if t == nil {
		panic("testsuite: NewTestWorkflowEnvironment of a nil test handle")
	}
	e := newEnvironment(t, slog.New(slog.NewTextHandler(tbWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(e.e.cleanup)
	return e
}

// tbWriter sends each line written to it to t.Logf.
type tbWriter struct{ t TB }

func (w tbWriter) Write(p []byte) (int, error) {
	w.t.Logf("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
