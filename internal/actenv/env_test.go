package actenv_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/actenv"
)

type otherKey struct{}

type derivedKey struct{}

func TestFromContext(t *testing.T) {
	t.Parallel()
	env := &actenv.Env{Info: "info"}
	tests := []struct {
		name   string
		ctx    context.Context
		want   *actenv.Env
		wantOK bool
	}{
		{name: "background", ctx: context.Background(), want: nil, wantOK: false},
		{name: "other value", ctx: context.WithValue(context.Background(), otherKey{}, env), want: nil, wantOK: false},
		{name: "with env", ctx: actenv.WithEnv(context.Background(), env), want: env, wantOK: true},
		{name: "derived from env context", ctx: context.WithValue(actenv.WithEnv(context.Background(), env), otherKey{}, 1), want: env, wantOK: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := actenv.FromContext(tt.ctx)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("FromContext() = %p, %v; want %p, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestConverterDefaults(t *testing.T) {
	t.Parallel()
	if got := (&actenv.Env{}).Converter(); got != converter.GetDefaultDataConverter() {
		t.Errorf("Converter() of an Env without one = %v, want the default data converter", got)
	}
	custom := converter.NewCompositeDataConverter(converter.NewJSONPayloadConverter())
	if got := (&actenv.Env{DataConverter: custom}).Converter(); got != custom {
		t.Errorf("Converter() = %v, want the Env's own", got)
	}
}

func TestWithEnvNilPanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if r, _ := recover().(string); !strings.HasPrefix(r, "actenv: ") {
			t.Errorf("recover() = %q, want a panic starting with %q", r, "actenv: ")
		}
	}()
	actenv.WithEnv(context.Background(), nil)
}

// holderCtx is a context type of its own that holds its Env, as the
// simulator's attempt context does.
type holderCtx struct {
	actenv.Holder
	done chan struct{}
}

func (c *holderCtx) Deadline() (time.Time, bool) { return time.Time{}, false }
func (c *holderCtx) Done() <-chan struct{}       { return c.done }
func (c *holderCtx) Err() error {
	select {
	case <-c.done:
		return context.Canceled
	default:
		return nil
	}
}

func TestHolderCarriesEnv(t *testing.T) {
	t.Parallel()
	c := &holderCtx{Holder: actenv.Holder{Env: actenv.Env{Info: "info"}}, done: make(chan struct{})}
	tests := []struct {
		name string
		ctx  context.Context
	}{
		{name: "itself", ctx: c},
		{name: "derived", ctx: context.WithValue(c, derivedKey{}, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := actenv.FromContext(tt.ctx)
			if !ok || got != &c.Env {
				t.Fatalf("FromContext = %p, %v; want %p, true", got, ok, &c.Env)
			}
			if v := tt.ctx.Value(otherKey{}); v != nil {
				t.Fatalf("Value(otherKey{}) = %v, want nil", v)
			}
		})
	}
	child, cancelChild := context.WithCancel(c)
	defer cancelChild()
	close(c.done)
	<-child.Done()
	if !errors.Is(child.Err(), context.Canceled) {
		t.Fatalf("Err() = %v, want context.Canceled", child.Err())
	}
}
