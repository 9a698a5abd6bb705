package workflow

// IsReadOnly reports whether ctx is running code that may only read the
// workflow's state, as Temporal's workflow.IsReadOnly: a query handler, an
// update validator, or the function of a SideEffect or MutableSideEffect.
// There, blocking or issuing a command panics with a *ReadOnlyError.
func IsReadOnly(ctx Context) bool { return getState(ctx).book.readOnly != "" }

// readOnlyValue calls f, a side effect's function named what, while the run
// is read-only, as Temporal's SDK runs it.
func (s *runState) readOnlyValue(what string, ctx Context, f func(Context) any) any {
	prev := s.book.readOnly
	s.book.readOnly = what
	defer func() { s.book.readOnly = prev }()
	return f(ctx)
}
