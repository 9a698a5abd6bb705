package testsuite

// SetDetachedChildWait says whether ExecuteWorkflow, once the workflow under
// test has closed, goes on until its detached children (those whose
// ParentClosePolicy is Abandon or RequestCancel, which outlive it) have
// closed too: true by default, as in Temporal's test environment. With
// false, ExecuteWorkflow returns as soon as the workflow under test closes
// (after its close policies are applied: a RequestCancel child has the
// cancellation request recorded, but runs no further), which a test of a
// parent that leaves an endless child behind needs. Children still open
// then stay open: their histories end where the simulation stopped, and
// they are not replay-checked.
func (env *TestWorkflowEnvironment) SetDetachedChildWait(detachedChildWait bool) *TestWorkflowEnvironment {
	env.e.set().noDetachedChildWait = !detachedChildWait
	return env
}

// waitsForDetachedChildren reports whether the simulation goes on, after
// the workflow under test closed, while other runs are open. Children with
// the Terminate policy are closed with their parent, so the runs still
// open then are detached children and what they started.
func (e *environment) waitsForDetachedChildren() bool {
	return e.more == nil || !e.more.noDetachedChildWait
}
