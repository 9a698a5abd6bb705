package workflow_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/wfsim/wfsim/workflow"
)

func TestWaitGroup(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		wg := workflow.NewWaitGroup(ctx)
		wg.Wait(ctx) // a zero counter does not block
		tr.add(ctx, "empty wait returned")
		for i := 1; i <= 3; i++ {
			wg.Add(1)
			workflow.Go(ctx, func(ctx workflow.Context) {
				defer wg.Done()
				_ = workflow.Sleep(ctx, time.Duration(i)*time.Minute)
			})
		}
		wg.Wait(ctx)
		tr.add(ctx, "all done")
		tr.add(ctx, "%s", panicMessage(func() { wg.Done() }))
		return tr, nil
	}
	assert.Equal(t, trace{"0s empty wait returned", "3m0s all done", "3m0s negative WaitGroup counter"}, result[trace](t, wf))
}

func TestMutex(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		m := workflow.NewMutex(ctx)
		wg := workflow.NewWaitGroup(ctx)
		for _, name := range []string{"a", "b", "c"} {
			wg.Add(1)
			workflow.GoNamed(ctx, name, func(ctx workflow.Context) {
				defer wg.Done()
				if err := m.Lock(ctx); err != nil {
					tr.add(ctx, "%s: %v", name, err)
					return
				}
				tr.add(ctx, "%s locked", name)
				_ = workflow.Sleep(ctx, time.Minute)
				m.Unlock()
			})
		}
		wg.Wait(ctx)
		tr.add(ctx, "locked=%v", m.IsLocked())
		tr.add(ctx, "TryLock=%v locked=%v TryLock again=%v", m.TryLock(ctx), m.IsLocked(), m.TryLock(ctx))
		m.Unlock()
		tr.add(ctx, "%s", panicMessage(m.Unlock))
		return tr, nil
	}
	assert.Equal(t, trace{
		"0s a locked",
		"1m0s b locked", // waiters take the lock in coroutine order
		"2m0s c locked",
		"3m0s locked=false",
		"3m0s TryLock=true locked=true TryLock again=false",
		"3m0s workflow: Unlock of an unlocked Mutex",
	}, result[trace](t, wf))
}

func TestMutexLockCanceled(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		m := workflow.NewMutex(ctx)
		_ = m.Lock(ctx)
		var cancel workflow.CancelFunc
		workflow.Go(ctx, func(ctx workflow.Context) {
			var waitCtx workflow.Context
			waitCtx, cancel = workflow.WithCancel(ctx)
			err := m.Lock(waitCtx)
			tr.add(ctx, "Lock: %v", err)
		})
		_ = workflow.Sleep(ctx, time.Minute)
		cancel()
		_ = workflow.Sleep(ctx, time.Second)
		return tr, nil
	}
	assert.Equal(t, trace{"1m0s Lock: canceled"}, result[trace](t, wf))
}

func TestSemaphore(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (trace, error) {
		var tr trace
		sem := workflow.NewSemaphore(ctx, 2)
		wg := workflow.NewWaitGroup(ctx)
		for _, name := range []string{"a", "b", "c"} {
			wg.Add(1)
			workflow.GoNamed(ctx, name, func(ctx workflow.Context) {
				defer wg.Done()
				_ = sem.Acquire(ctx, 1)
				tr.add(ctx, "%s acquired", name)
				_ = workflow.Sleep(ctx, time.Minute)
				sem.Release(1)
			})
		}
		wg.Wait(ctx)
		tr.add(ctx, "TryAcquire(2)=%v TryAcquire(1)=%v", sem.TryAcquire(ctx, 2), sem.TryAcquire(ctx, 1))
		tr.add(ctx, "Acquire(3): %v", sem.Acquire(ctx, 3))
		sem.Release(2)
		tr.add(ctx, "%s", panicMessage(func() { sem.Release(1) }))
		return tr, nil
	}
	assert.Equal(t, trace{
		"0s a acquired",
		"0s b acquired",
		"1m0s c acquired",
		"2m0s TryAcquire(2)=true TryAcquire(1)=false",
		"2m0s Acquire(3): workflow: Semaphore.Acquire of more units than the semaphore's size",
		"2m0s workflow: Semaphore.Release of 1 units, only 0 held",
	}, result[trace](t, wf))
}

func TestSemaphoreAcquireCanceled(t *testing.T) {
	t.Parallel()
	wf := func(ctx workflow.Context) (string, error) {
		sem := workflow.NewSemaphore(ctx, 1)
		_ = sem.Acquire(ctx, 1)
		waitCtx, cancel := workflow.WithCancel(ctx)
		cancel()
		return errString(sem.Acquire(waitCtx, 1)), nil
	}
	assert.Equal(t, "canceled", result[string](t, wf))
}
