package run

import "github.com/wfsim/wfsim/internal/coro"

// Carrier is a goroutine that a driver keeps for the root coroutines of
// the instances it builds one after another: the next instance's workflow
// function runs on the goroutine (and stack) the previous one's ran on,
// once that one has ended (coro.Carrier tells how). A driver that builds
// instances with Start.Carrier set owns the Carrier: it calls Stop when it
// builds no more of them, or the goroutine outlives it.
type Carrier = coro.Carrier
