// Package workflow is the programming model of wfsim workflows: what
// workflow code calls, with the names and meaning of the Temporal Go SDK's
// workflow package, so that Temporal workflows port by changing imports.
//
// A workflow is a function whose first parameter is a Context and whose
// last result is an error:
//
//	func OrderWorkflow(ctx workflow.Context, id string) (Receipt, error) {
//		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
//		var r Receipt
//		err := workflow.ExecuteActivity(ctx, Charge, id).Get(ctx, &r)
//		return r, err
//	}
//
// Package testsuite runs it against a simulated Temporal server in virtual
// time; package replay runs it against a recorded history.
//
// # Coroutines
//
// Workflow code runs as coroutines of one run: exactly one runs at a time,
// and control passes only at the blocking calls of this package — Future.Get,
// Channel.Receive and Send, Selector.Select, Sleep, Await, WaitGroup.Wait,
// Mutex.Lock, Semaphore.Acquire. A workflow task runs every coroutine that
// can go on until all are blocked, and sends the commands they issued
// (start a timer, schedule an activity, complete the workflow, …).
//
// Use the replacements this package provides for Go's concurrency and time:
//
//	go f()                  workflow.Go(ctx, f)
//	chan T                  workflow.NewChannel, NewBufferedChannel
//	select                  workflow.NewSelector
//	sync.WaitGroup, Mutex   workflow.NewWaitGroup, NewMutex, NewSemaphore
//	time.Sleep, time.After  workflow.Sleep, workflow.NewTimer
//	time.Now                workflow.Now
//	context.WithCancel      workflow.WithCancel, NewDisconnectedContext
//	ranging over a map      workflow.DeterministicKeys
//	math/rand               workflow.GetRandomStream (per run and name)
//	a package variable      workflow.NewLocalVar (per run)
//	log                     workflow.GetLogger (silent while replaying)
//
// A workflow API that blocks, starts a coroutine or issues a command panics
// with a "workflow:" message when it is called from a goroutine that is not
// a workflow coroutine — one started with the go statement, or one that
// outlives the run. (While that goroutine's parent coroutine is running
// too, the two cannot be told apart cheaply; the race detector reports it.)
//
// # Determinism
//
// Workflow code must do the same thing every time it runs with the same
// history: it is replayed, from the start, to recover its state, and a
// replay that issues different commands fails with a nondeterminism error.
// So workflow code must not read the wall clock, random numbers or the
// environment; must not range over a map where the order shapes what it
// does; must not keep state in package variables; must not do I/O or block
// on anything but this package's calls. Anything that touches the outside
// world belongs in an activity (ExecuteActivity), or, for a small
// non-deterministic value, in SideEffect. Random numbers that need not be
// secret come from GetRandomStream, whose streams depend only on the run's
// ID and a name, as Temporal's do. IsReplaying reports whether the
// code is replaying, and GetLogger's logger is silent while it is, so each
// line is logged once.
//
// # Ordering rules
//
// wfsim decides every order the same way on every run, with any GOMAXPROCS,
// and the same way as Temporal's Go SDK:
//
//   - Coroutines run in creation order. A coroutine started with Go first
//     runs when its creator blocks, after the coroutines created before it.
//     A coroutine woken up (its future set, a value sent to it) runs on the
//     dispatcher's next pass, again in creation order, not in wake order.
//   - Channels serve blocked receivers, and blocked senders, first come
//     first served. A value that does not fit the receiver's pointer is
//     logged and dropped, as Temporal does.
//   - A Selector runs exactly one branch per Select. If branches are ready
//     when Select is called, the first ready one in the order of addition
//     wins (AddDefault's function runs only when none is). Otherwise Select
//     blocks, and the first branch to become ready wins. A future's branch
//     fires at most once per Selector, and so does a closed channel's, so
//     a Selector used in a loop then waits for its other branches.
//   - Timers due at the same instant fire in the order they were created;
//     everything that happens at one instant (timers firing, activities
//     finishing, signals) is delivered in one workflow task, in that order.
//     In package testsuite, a delayed callback registered before a timer due
//     at the same instant runs before the timer fires.
//   - Commands are sent in the order the code issued them. Timer and
//     activity IDs are the event IDs Temporal's SDK predicts for them, so
//     histories recorded here and by real workers agree.
//   - Cancelling a Context cancels the timers, activities and child
//     workflows started with it, in the order they were started. A canceled
//     timer's Future fails with a *wfsim.CanceledError and the history
//     records TimerCanceled — also for a timer canceled in the workflow task
//     that created it, which is sent and then canceled, as Temporal does.
//
// # Errors
//
// ErrCanceled is the error of a canceled Context. A panic in workflow code
// fails the run with a *wfsim.PanicError that holds the panic's value and
// stack. A run whose coroutines are all blocked with nothing pending is
// reported by the test environment as a deadlock that names each coroutine,
// what it waits for and the line of workflow code where it waits.
package workflow
