package workflow

// LocalVar is a handle to a value of type T local to one workflow run, as
// Temporal's workflow.LocalVar: something like a package variable that each
// run has its own copy of, for code that cannot pass the value down (a
// helper library, an interceptor). NewLocalVar makes one; its zero value is
// not usable.
//
// Copies of a handle are the same variable. Its value lives in the run's
// memory only: replay rebuilds it by running the code again, and it does
// not pass to activities, child workflows or the run a continue-as-new
// starts. Set changes workflow state, so it follows the rules of any other
// state change: deterministic, and never from a query handler, an update
// validator or a side effect's function (there it panics with a
// *ReadOnlyError).
type LocalVar[T any] struct {
	key *localKey
	run *runState
}

// localKey identifies a LocalVar. It is not zero-sized, so that two keys
// are two addresses.
type localKey struct{ _ byte }

// NewLocalVar returns a new LocalVar of the run of ctx, holding the zero
// value of T until Set.
func NewLocalVar[T any](ctx Context) LocalVar[T] {
	return LocalVar[T]{key: new(localKey), run: localVarRun(ctx)}
}

// Get returns the value last Set in the run of ctx, or the zero value of T
// if none was.
func (v LocalVar[T]) Get(ctx Context) T {
	s := v.runOf(ctx)
	if m := s.moreOf(); m != nil {
		if x, ok := m.locals[v.key]; ok && x != nil {
			return x.(T)
		}
	}
	var zero T
	return zero
}

// Set sets the variable's value in the run of ctx.
func (v LocalVar[T]) Set(ctx Context, value T) {
	s := v.runOf(ctx)
	s.checkReadOnly("LocalVar.Set")
	x := s.moreForWrite()
	if x.locals == nil {
		x.locals = make(map[*localKey]any)
	}
	x.locals[v.key] = value
}

// runOf returns the run of ctx, panicking with Temporal's messages when v
// was not made by NewLocalVar or belongs to another run.
func (v LocalVar[T]) runOf(ctx Context) *runState {
	if v.key == nil || v.run == nil {
		panic("workflow.LocalVar is not initialized; use workflow.NewLocalVar(ctx)")
	}
	s := localVarRun(ctx)
	if s != v.run {
		panic("workflow.LocalVar: context belongs to a different workflow run")
	}
	return s
}

// localVarRun is getState with the messages Temporal's LocalVar panics
// with.
func localVarRun(ctx Context) *runState {
	if ctx == nil {
		panic("workflow.LocalVar: nil workflow context")
	}
	if s, _ := ctx.Value(stateKey).(*runState); s != nil {
		return getState(ctx)
	}
	panic("workflow.LocalVar: context is not associated with a workflow run")
}
