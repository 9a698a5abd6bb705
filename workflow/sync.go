package workflow

import (
	"errors"
	"fmt"
)

// WaitGroup waits for a collection of coroutines to finish, like
// sync.WaitGroup, deterministically. Go starts a coroutine counted by the
// group. As in Temporal's SDK, a counter below zero panics with "negative
// WaitGroup counter", and a second Wait while one is waiting panics with
// "WaitGroup is reused before previous Wait has returned".
type WaitGroup interface {
	Add(delta int)
	Done()
	Go(ctx Context, f func(ctx Context))
	Wait(ctx Context)
}

// NewWaitGroup returns a WaitGroup with a zero counter.
func NewWaitGroup(ctx Context) WaitGroup {
	getState(ctx)
	return &waitGroup{}
}

// waitGroup releases its waiter when the counter reaches zero, even if it
// rises again before the waiter runs, as Temporal's (which sets a future).
type waitGroup struct {
	n                 int
	waiting, released bool
}

func (wg *waitGroup) Add(delta int) {
	wg.n += delta
	if wg.n < 0 {
		panic("negative WaitGroup counter")
	}
	if wg.n == 0 && wg.waiting {
		wg.released = true
	}
}

func (wg *waitGroup) Done() { wg.Add(-1) }

func (wg *waitGroup) Go(ctx Context, f func(ctx Context)) {
	wg.Add(1)
	Go(ctx, func(ctx Context) {
		defer wg.Done()
		f(ctx)
	})
}

func (wg *waitGroup) Wait(ctx Context) {
	if wg.n <= 0 {
		return
	}
	if wg.waiting {
		panic("WaitGroup is reused before previous Wait has returned")
	}
	wg.waiting, wg.released = true, false
	block(ctx, "WaitGroup.Wait", func() bool { return wg.released })
	wg.waiting = false
}

// Mutex is a mutual exclusion lock between workflow coroutines. Lock fails
// with the context's error if ctx is canceled while it waits.
type Mutex interface {
	Lock(ctx Context) error
	TryLock(ctx Context) bool
	Unlock()
	IsLocked() bool
}

// NewMutex returns an unlocked Mutex.
func NewMutex(ctx Context) Mutex {
	getState(ctx)
	return &mutex{}
}

type mutex struct{ locked bool }

func (m *mutex) Lock(ctx Context) error {
	if err := Await(ctx, func() bool { return !m.locked }); err != nil {
		return err
	}
	m.locked = true
	return nil
}

func (m *mutex) TryLock(ctx Context) bool {
	if m.locked {
		return false
	}
	m.locked = true
	return true
}

func (m *mutex) Unlock() {
	if !m.locked {
		panic("workflow: Unlock of an unlocked Mutex")
	}
	m.locked = false
}

func (m *mutex) IsLocked() bool { return m.locked }

// Semaphore bounds how many coroutines hold a resource at once.
type Semaphore interface {
	// Acquire takes n units, waiting until they are free. It fails with
	// the context's error if ctx is canceled while it waits.
	Acquire(ctx Context, n int64) error
	TryAcquire(ctx Context, n int64) bool
	Release(n int64)
}

// NewSemaphore returns a Semaphore of size units.
func NewSemaphore(ctx Context, size int64) Semaphore {
	getState(ctx)
	return &semaphore{size: size}
}

type semaphore struct{ size, cur int64 }

var errSemaphoreTooLarge = errors.New("workflow: Semaphore.Acquire of more units than the semaphore's size")

func (s *semaphore) Acquire(ctx Context, n int64) error {
	if n > s.size {
		return errSemaphoreTooLarge
	}
	if err := Await(ctx, func() bool { return s.size-s.cur >= n }); err != nil {
		return err
	}
	s.cur += n
	return nil
}

func (s *semaphore) TryAcquire(ctx Context, n int64) bool {
	if s.size-s.cur < n {
		return false
	}
	s.cur += n
	return true
}

func (s *semaphore) Release(n int64) {
	if s.cur-n < 0 {
		panic(fmt.Sprintf("workflow: Semaphore.Release of %d units, only %d held", n, s.cur))
	}
	s.cur -= n
}
