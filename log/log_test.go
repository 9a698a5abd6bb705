package log_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/log"
)

// *slog.Logger is a log.Logger as it is.
var _ log.Logger = (*slog.Logger)(nil)

type entry struct {
	Level  string
	Msg    string
	Source struct {
		Function string
		File     string
		Line     int
	}
	Attrs map[string]any
}

// decode reads the JSON lines of buf.
func decode(t *testing.T, buf *bytes.Buffer) []entry {
	t.Helper()
	var out []entry
	for _, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
		var m map[string]any
		require.NoError(t, json.Unmarshal(line, &m))
		var e entry
		require.NoError(t, json.Unmarshal(line, &e))
		e.Attrs = map[string]any{}
		for k, v := range m {
			switch k {
			case "level", "msg", "source", "time":
			default:
				e.Attrs[k] = v
			}
		}
		out = append(out, e)
	}
	return out
}

func logFrom(l log.Logger) { l.Info("helper") }

// here returns its caller's line.
func here() int {
	_, _, line, _ := runtime.Caller(1)
	return line
}

func TestStructuredLogger(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	base := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{AddSource: true, Level: slog.LevelInfo}))
	l := log.NewStructuredLogger(base)

	l.Info("one", "k", "v")
	line1 := here() - 1
	logFrom(l)
	logFrom(log.Skip(l, 1))
	line3 := here() - 1
	log.With(l, "w", 1).Warn("two", "k", 2)
	line4 := here() - 1
	l.Debug("dropped")
	l.Error("three")

	got := decode(t, &buf)
	require.Len(t, got, 5)
	for i, tc := range []struct {
		level, msg, function string
		line                 int
		attrs                map[string]any
	}{
		{"INFO", "one", "TestStructuredLogger", line1, map[string]any{"k": "v"}},
		{"INFO", "helper", "logFrom", 0, map[string]any{}},
		{"INFO", "helper", "TestStructuredLogger", line3, map[string]any{}},
		{"WARN", "two", "TestStructuredLogger", line4, map[string]any{"w": 1.0, "k": 2.0}},
		{"ERROR", "three", "TestStructuredLogger", 0, map[string]any{}},
	} {
		e := got[i]
		require.Equal(t, tc.level, e.Level, i)
		require.Equal(t, tc.msg, e.Msg, i)
		require.Equal(t, "github.com/wfsim/wfsim/log_test."+tc.function, e.Source.Function, i)
		require.Equal(t, "log_test.go", filepath.Base(e.Source.File), i)
		if tc.line != 0 {
			require.Equal(t, tc.line, e.Source.Line, i)
		}
		require.Equal(t, tc.attrs, e.Attrs, i)
	}
}

func TestNewStructuredLoggerNilPanics(t *testing.T) {
	t.Parallel()
	require.PanicsWithValue(t, "log: NewStructuredLogger of a nil *slog.Logger", func() { log.NewStructuredLogger(nil) })
}

// recorder is a Logger with neither With nor WithCallerSkip.
type recorder struct{ lines []string }

func (r *recorder) add(level, msg string, kv []any) {
	r.lines = append(r.lines, fmt.Sprint(level, " ", msg, " ", kv))
}
func (r *recorder) Debug(msg string, kv ...any) { r.add("DEBUG", msg, kv) }
func (r *recorder) Info(msg string, kv ...any)  { r.add("INFO", msg, kv) }
func (r *recorder) Warn(msg string, kv ...any)  { r.add("WARN", msg, kv) }
func (r *recorder) Error(msg string, kv ...any) { r.add("ERROR", msg, kv) }

func TestWithWrapsLoggersWithoutWith(t *testing.T) {
	t.Parallel()
	r := &recorder{}
	require.Same(t, log.Logger(r), log.Skip(r, 2), "Skip of a logger that cannot skip is the logger")

	a := log.With(r, "a", 1)
	b := log.With(a, "b", 2)
	c := log.With(a, "c", 3) // must not share b's pairs
	a.Debug("m0")
	b.Info("m1", "x", 0)
	c.Warn("m2")
	log.Skip(c, 1).Error("m3")
	require.Equal(t, []string{
		"DEBUG m0 [a 1]",
		"INFO m1 [a 1 b 2 x 0]",
		"WARN m2 [a 1 c 3]",
		"ERROR m3 [a 1 c 3]",
	}, r.lines)
}
