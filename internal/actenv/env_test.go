package actenv_test

import (
	"context"
	"errors"
	"strings"
	"testing"

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

func TestContextCarriesEnv(t *testing.T) {
	t.Parallel()
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), otherKey{}, "parent value"))
	c := &actenv.Context{Context: parent, Env: actenv.Env{Info: "info"}}
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
			if v := tt.ctx.Value(otherKey{}); v != "parent value" {
				t.Fatalf("Value(otherKey{}) = %v, want the parent's value", v)
			}
		})
	}
	child, cancelChild := context.WithCancel(c)
	defer cancelChild()
	cancel()
	<-child.Done()
	if !errors.Is(c.Err(), context.Canceled) {
		t.Fatalf("Err() = %v, want context.Canceled", c.Err())
	}
}
