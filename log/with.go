package log

// With returns a Logger that adds keyvals before the key-value pairs of
// every entry: logger's own With when it implements WithLogger, a wrapper
// otherwise. It mirrors Temporal's log.With.
func With(logger Logger, keyvals ...any) Logger {
	if wl, ok := logger.(WithLogger); ok {
		return wl.With(keyvals...)
	}
	return &withLogger{next: Skip(logger, 1), keyvals: keyvals}
}

// Skip returns a Logger that reports the caller depth frames further up
// the stack, when logger implements WithSkipCallers; otherwise logger
// itself. It mirrors Temporal's log.Skip.
func Skip(logger Logger, depth int) Logger {
	if sl, ok := logger.(WithSkipCallers); ok {
		return sl.WithCallerSkip(depth)
	}
	return logger
}

// withLogger adds keyvals to the entries of a Logger that cannot do it
// itself. next already skips the wrapper's own frame.
type withLogger struct {
	next    Logger
	keyvals []any
}

var (
	_ WithLogger      = (*withLogger)(nil)
	_ WithSkipCallers = (*withLogger)(nil)
)

// all returns the wrapper's key-value pairs followed by keyvals, in fresh
// memory: appending to l.keyvals could write into a slice another entry
// uses.
func (l *withLogger) all(keyvals []any) []any {
	out := make([]any, 0, len(l.keyvals)+len(keyvals))
	return append(append(out, l.keyvals...), keyvals...)
}

func (l *withLogger) Debug(msg string, keyvals ...any) { l.next.Debug(msg, l.all(keyvals)...) }
func (l *withLogger) Info(msg string, keyvals ...any)  { l.next.Info(msg, l.all(keyvals)...) }
func (l *withLogger) Warn(msg string, keyvals ...any)  { l.next.Warn(msg, l.all(keyvals)...) }
func (l *withLogger) Error(msg string, keyvals ...any) { l.next.Error(msg, l.all(keyvals)...) }

// With adds more key-value pairs after the wrapper's own.
func (l *withLogger) With(keyvals ...any) Logger {
	return &withLogger{next: l.next, keyvals: l.all(keyvals)}
}

// WithCallerSkip skips more frames in the wrapped logger, if it can.
func (l *withLogger) WithCallerSkip(depth int) Logger {
	return &withLogger{next: Skip(l.next, depth), keyvals: l.keyvals}
}
