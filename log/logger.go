package log

// Logger is what wfsim and Temporal accept as a logger: leveled messages
// with alternating keys and values, as Temporal's log.Logger. A
// *slog.Logger satisfies it.
type Logger interface {
	Debug(msg string, keyvals ...any)
	Info(msg string, keyvals ...any)
	Warn(msg string, keyvals ...any)
	Error(msg string, keyvals ...any)
}

// WithLogger is implemented by a Logger that can make a child logger adding
// keyvals to every entry, as Temporal's log.WithLogger. With must leave the
// receiver unchanged. A *slog.Logger does not implement it (its With
// returns a *slog.Logger); With wraps such loggers instead.
type WithLogger interface {
	With(keyvals ...any) Logger
}

// WithSkipCallers is implemented by a Logger that reports its caller's
// source location and can make a child logger skipping depth more stack
// frames, for helpers that log on behalf of their callers, as Temporal's
// log.WithSkipCallers. WithCallerSkip must leave the receiver unchanged.
type WithSkipCallers interface {
	WithCallerSkip(depth int) Logger
}
