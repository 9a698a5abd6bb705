// Package simclock is a virtual clock with a deterministic timer queue.
//
// A [Clock] never reads the wall clock and never starts a goroutine: time
// moves only when its owner calls [Clock.Advance], [Clock.AdvanceTo] or
// [Clock.Step], and a timer's func runs on the goroutine that moved the
// clock. That makes a Clock the time source of a simulator: a workflow that
// sleeps a year costs one heap operation, and the same calls always fire the
// same timers in the same order.
//
// # Ordering
//
// Timers fire in order of (due time, creation order). Creation order is the
// order of the [Clock.AfterFunc] (or [Clock.AfterFirer]) calls; [Timer.Reset]
// gives a timer a new place at the back, as if it had just been created. So:
//
//   - timers due at the same instant fire in the order they were created;
//   - a timer created (or reset) by a func for the current instant fires in
//     the same advance, after the timers already queued for that instant.
//
// Before it calls a timer's func, the clock sets [Clock.Now] to the timer's
// due time, so a func sees the instant it was due at, and a timer it creates
// is due relative to that instant.
//
// # Durations and the past
//
// A negative duration counts as zero: [Clock.AfterFunc] and [Timer.Reset]
// with d <= 0 make a timer due at Now, which fires at the next
// advance (even [Clock.Advance](0)). The clock never goes backwards:
// [Clock.AdvanceTo] an instant before Now does nothing at all.
//
// # Concurrency
//
// A Clock and its Timers are not safe for concurrent use. Every call must come
// from one goroutine at a time — typically the simulator's — or be serialized
// by the caller. Timer funcs run synchronously inside Advance, AdvanceTo and
// Step and may call any method of the clock or its timers except those three.
package simclock
