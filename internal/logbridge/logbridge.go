// Package logbridge turns a log.Logger, the interface Temporal's API takes,
// into the *slog.Logger wfsim's packages write through.
package logbridge

import (
	"context"
	"log/slog"

	"github.com/wfsim/wfsim/log"
)

// Slog returns a *slog.Logger that writes to l: l itself when it is a
// *slog.Logger, a logger on l's handler when l has one (as
// log.NewStructuredLogger's loggers do), and otherwise a logger whose
// records reach l as a message with key-value pairs at the record's level
// (groups become dotted key prefixes). A nil l gives nil.
func Slog(l log.Logger) *slog.Logger {
	switch l := l.(type) {
	case nil:
		return nil
	case *slog.Logger:
		return l
	case interface{ Handler() slog.Handler }:
		if h := l.Handler(); h != nil {
			return slog.New(h)
		}
	}
	return slog.New(&handler{l: l})
}

// handler hands slog records to a log.Logger. attrs are the key-value pairs
// added by WithAttrs, already flattened; prefix is the groups opened by
// WithGroup, each followed by a dot.
type handler struct {
	l      log.Logger
	attrs  []any
	prefix string
}

// Enabled reports true: the Logger filters levels itself.
func (h *handler) Enabled(context.Context, slog.Level) bool { return true }

// Handle calls the Logger's method for the record's level.
func (h *handler) Handle(_ context.Context, r slog.Record) error {
	kv := make([]any, 0, len(h.attrs)+2*r.NumAttrs())
	kv = append(kv, h.attrs...)
	r.Attrs(func(a slog.Attr) bool {
		kv = flatten(kv, h.prefix, a)
		return true
	})
	switch {
	case r.Level < slog.LevelInfo:
		h.l.Debug(r.Message, kv...)
	case r.Level < slog.LevelWarn:
		h.l.Info(r.Message, kv...)
	case r.Level < slog.LevelError:
		h.l.Warn(r.Message, kv...)
	default:
		h.l.Error(r.Message, kv...)
	}
	return nil
}

// WithAttrs returns a handler that adds attrs to every record.
func (h *handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	kv := make([]any, 0, len(h.attrs)+2*len(attrs))
	kv = append(kv, h.attrs...)
	for _, a := range attrs {
		kv = flatten(kv, h.prefix, a)
	}
	return &handler{l: h.l, attrs: kv, prefix: h.prefix}
}

// WithGroup returns a handler that puts later attributes in group name.
func (h *handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	return &handler{l: h.l, attrs: h.attrs, prefix: h.prefix + name + "."}
}

// flatten appends a's key (after prefix) and value to kv, and a group's
// attributes one by one under the group's name. Empty attributes are
// dropped, as slog's handlers drop them.
func flatten(kv []any, prefix string, a slog.Attr) []any {
	v := a.Value.Resolve()
	if v.Kind() == slog.KindGroup {
		p := prefix
		if a.Key != "" {
			p += a.Key + "."
		}
		for _, g := range v.Group() {
			kv = flatten(kv, p, g)
		}
		return kv
	}
	if a.Key == "" && v.Any() == nil {
		return kv
	}
	return append(kv, prefix+a.Key, v.Any())
}
