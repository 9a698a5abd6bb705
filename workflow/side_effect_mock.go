package workflow

import "github.com/wfsim/wfsim/internal/run"

// mockedSideEffect returns f, or, when the driver answers side effects (the
// test environment's OnSideEffect), a function returning its answer. It is
// called only when f would run: never while replaying, where the recorded
// value is returned.
func (s *runState) mockedSideEffect(f func(Context) any) func(Context) any {
	d, ok := s.start.Driver.(run.SideEffectDriver)
	if !ok {
		return f
	}
	return func(ctx Context) any {
		if v, ok := d.SideEffect(); ok {
			return v
		}
		return f(ctx)
	}
}

// mockedMutableSideEffect is mockedSideEffect for MutableSideEffect id (the
// test environment's OnMutableSideEffect).
func (s *runState) mockedMutableSideEffect(id string, f func(Context) any) func(Context) any {
	d, ok := s.start.Driver.(run.SideEffectDriver)
	if !ok {
		return f
	}
	return func(ctx Context) any {
		if v, ok := d.MutableSideEffect(id); ok {
			return v
		}
		return f(ctx)
	}
}
