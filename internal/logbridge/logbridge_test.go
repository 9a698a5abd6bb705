package logbridge_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/internal/logbridge"
	"github.com/wfsim/wfsim/log"
)

type recorder struct{ lines []string }

func (r *recorder) add(level, msg string, kv []any) {
	r.lines = append(r.lines, fmt.Sprint(level, " ", msg, " ", kv))
}
func (r *recorder) Debug(msg string, kv ...any) { r.add("DEBUG", msg, kv) }
func (r *recorder) Info(msg string, kv ...any)  { r.add("INFO", msg, kv) }
func (r *recorder) Warn(msg string, kv ...any)  { r.add("WARN", msg, kv) }
func (r *recorder) Error(msg string, kv ...any) { r.add("ERROR", msg, kv) }

func TestSlogPassesSlogLoggersThrough(t *testing.T) {
	t.Parallel()
	require.Nil(t, logbridge.Slog(nil))
	var typedNil *slog.Logger
	require.Nil(t, logbridge.Slog(typedNil))
	l := slog.New(slog.DiscardHandler)
	require.Same(t, l, logbridge.Slog(l))

	var buf bytes.Buffer
	h := slog.NewTextHandler(&buf, nil)
	got := logbridge.Slog(log.With(log.NewStructuredLogger(slog.New(h)), "a", 1))
	require.NotNil(t, got)
	got.Info("hi", "b", 2)
	require.Contains(t, buf.String(), `msg=hi a=1 b=2`)
}

func TestSlogForwardsToLogger(t *testing.T) {
	t.Parallel()
	r := &recorder{}
	l := logbridge.Slog(r)
	require.True(t, l.Enabled(t.Context(), slog.LevelDebug-4), "the Logger filters levels itself")
	l.Debug("d", "k", 1)
	l.Log(t.Context(), slog.LevelInfo+1, "i")
	l.Warn("w", slog.Group("g", "x", 1, "y", "z"))
	l.Error("e", "", nil)
	child := l.With("a", 1).WithGroup("grp").With("b", 2)
	child.Info("c", "k", "v", slog.Group("", "inline", true))
	l.WithGroup("").Info("no group")
	require.Equal(t, []string{
		"DEBUG d [k 1]",
		"INFO i []",
		"WARN w [g.x 1 g.y z]",
		"ERROR e []",
		"INFO c [a 1 grp.b 2 grp.k v grp.inline true]",
		"INFO no group []",
	}, r.lines)
}
