package activity

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/wfsim/wfsim/internal/actenv"
)

// GetInfo returns information about the running activity attempt. It panics
// if ctx is not an activity context.
func GetInfo(ctx context.Context) Info {
	if o := intercepted(ctx); o != nil {
		return o.GetInfo(ctx)
	}
	return info(mustEnv(ctx, "GetInfo"), "GetInfo").clone()
}

// GetLogger returns the activity's logger, which carries the activity's
// attributes. It panics if ctx is not an activity context.
func GetLogger(ctx context.Context) *slog.Logger {
	if o := intercepted(ctx); o != nil {
		return interceptedLogger(ctx, o)
	}
	env := mustEnv(ctx, "GetLogger")
	if env.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return env.Logger
}

// GetWorkerStopChannel returns a channel that is closed when the worker
// running the activity begins to stop, so that a long activity can wind down
// before its context is canceled. It panics if ctx is not an activity
// context.
func GetWorkerStopChannel(ctx context.Context) <-chan struct{} {
	if o := intercepted(ctx); o != nil {
		return o.GetWorkerStopChannel(ctx)
	}
	if w := mustEnv(ctx, "GetWorkerStopChannel").Worker; w != nil {
		return w.Stop
	}
	return nil
}

// IsActivity reports whether ctx is the context of an activity (local or
// not), which the other functions of this package require.
func IsActivity(ctx context.Context) bool {
	_, ok := actenv.FromContext(ctx)
	return ok
}

// mustEnv returns the Env of an activity context, and panics naming the
// caller when ctx is not one: like Temporal, calling activity functions from
// elsewhere is a programming error.
func mustEnv(ctx context.Context, caller string) *actenv.Env {
	env, ok := actenv.FromContext(ctx)
	if !ok {
		panic(fmt.Sprintf("activity: %s: not an activity context", caller))
	}
	return env
}

// info returns the Info the simulator put in env. Any other content is a bug
// in the simulator, not in the activity, and panics saying so.
func info(env *actenv.Env, caller string) Info {
	switch i := env.Info.(type) {
	case Info:
		return i
	case *Info:
		if i != nil {
			return *i
		}
	case infoSource:
		return i.ActivityInfo()
	}
	panic(fmt.Sprintf("activity: %s: the activity context holds a %T, not an activity.Info", caller, env.Info))
}

// infoSource is an Env.Info that builds the Info when asked, sparing the
// simulator an Info per attempt that the activity may never read. The Info
// it returns may share memory with the source (GetInfo clones it).
type infoSource interface {
	ActivityInfo() Info
}
