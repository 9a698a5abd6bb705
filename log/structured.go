package log

import (
	"context"
	"log/slog"
	"runtime"
	"time"
)

// NewStructuredLogger returns a Logger that writes to logger, as Temporal's
// log.NewStructuredLogger does: each entry goes to logger's handler with
// the source location of the code that called Debug, Info, Warn or Error
// (or further up, see Skip). The result implements WithLogger and
// WithSkipCallers. It panics if logger is nil.
func NewStructuredLogger(logger *slog.Logger) Logger {
	if logger == nil {
		panic("log: NewStructuredLogger of a nil *slog.Logger")
	}
	return &structuredLogger{logger: logger}
}

// structuredLogger adapts a *slog.Logger. skip counts the extra frames
// between the logging method and the code to report.
type structuredLogger struct {
	logger *slog.Logger
	skip   int
}

var (
	_ WithLogger      = (*structuredLogger)(nil)
	_ WithSkipCallers = (*structuredLogger)(nil)
)

func (s *structuredLogger) Debug(msg string, keyvals ...any) { s.log(slog.LevelDebug, msg, keyvals) }
func (s *structuredLogger) Info(msg string, keyvals ...any)  { s.log(slog.LevelInfo, msg, keyvals) }
func (s *structuredLogger) Warn(msg string, keyvals ...any)  { s.log(slog.LevelWarn, msg, keyvals) }
func (s *structuredLogger) Error(msg string, keyvals ...any) { s.log(slog.LevelError, msg, keyvals) }

// log hands one entry to the handler. The frames skipped are
// runtime.Callers, log and the method that called it, then s.skip more.
func (s *structuredLogger) log(level slog.Level, msg string, keyvals []any) {
	ctx := context.Background()
	h := s.logger.Handler()
	if !h.Enabled(ctx, level) {
		return
	}
	var pc [1]uintptr
	runtime.Callers(3+s.skip, pc[:])
	// The entry's time is the wall clock's, as slog's own: it is only
	// printed, and never shapes a run.
	r := slog.NewRecord(time.Now(), level, msg, pc[0])
	r.Add(keyvals...)
	_ = h.Handle(ctx, r)
}

// With returns a logger whose entries carry keyvals, through slog's own
// With.
func (s *structuredLogger) With(keyvals ...any) Logger {
	return &structuredLogger{logger: s.logger.With(keyvals...), skip: s.skip}
}

// WithCallerSkip returns a logger that reports the code depth frames
// further up the stack.
func (s *structuredLogger) WithCallerSkip(depth int) Logger {
	return &structuredLogger{logger: s.logger, skip: s.skip + depth}
}

// Handler returns the slog.Handler entries go to. wfsim's packages, which
// log through slog, use it to write to the wrapped logger directly.
func (s *structuredLogger) Handler() slog.Handler { return s.logger.Handler() }
