package fn_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
)

// viaReflect is what Direct stands in for: DecodeArgs, Call, SplitResults.
func viaReflect(dc converter.DataConverter, f any, ctx context.Context, in *converter.Payloads) (fn.Result, error) {
	v := reflect.ValueOf(f)
	args, err := fn.DecodeArgs(dc, "activity", "A", v.Type(), 1, in)
	if err != nil {
		return fn.Result{}, err
	}
	out, pv, _, panicked := fn.Call(v, append([]reflect.Value{reflect.ValueOf(ctx)}, args...))
	if panicked {
		return fn.Result{Panicked: true, PanicValue: pv}, nil
	}
	value, ferr := fn.SplitResults(out)
	r := fn.Result{Err: ferr, HasValue: value.IsValid()}
	if r.HasValue {
		r.Value = value.Interface()
	}
	return r, nil
}

func TestDirectMatchesReflection(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	payloads := func(vs ...any) *converter.Payloads {
		p, err := dc.ToPayloads(vs...)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	boom := errors.New("boom")
	type key struct{}
	ctx := context.WithValue(context.Background(), key{}, "v")
	tests := []struct {
		name string
		f    any
		in   *converter.Payloads
	}{
		{"no args, error", func(ctx context.Context) error { return boom }, nil},
		{"no args, extra input", func(ctx context.Context) error { return nil }, payloads("x")},
		{"no args, value", func(ctx context.Context) (string, error) { return ctx.Value(key{}).(string), nil }, nil},
		{"string to string", func(ctx context.Context, s string) (string, error) { return "Hello " + s, nil }, payloads("wfsim")},
		{"string missing", func(ctx context.Context, s string) (string, error) { return "<" + s + ">", nil }, nil},
		{"string too many", func(ctx context.Context, s string) (string, error) { return s, nil }, payloads("a", "b")},
		{"string from an int", func(ctx context.Context, s string) (string, error) { return s, nil }, payloads(3)},
		{"string, error", func(ctx context.Context, s string) error { return errors.New(s) }, payloads("bad")},
		{"int to int", func(ctx context.Context, n int) (int, error) { return n * 2, nil }, payloads(21)},
		{"int from a string", func(ctx context.Context, n int) (int, error) { return n, nil }, payloads("x")},
		{"int, error", func(ctx context.Context, n int) error { return nil }, payloads(1)},
		{"string to int", func(ctx context.Context, s string) (int, error) { return len(s), boom }, payloads("abc")},
		{"int to string", func(ctx context.Context, n int) (string, error) { panic(n) }, payloads(7)},
		{"panics", func(ctx context.Context, s string) (string, error) { panic("oops " + s) }, payloads("x")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			prepared, ok, err := fn.Direct(dc, "activity", "A", tt.f, ctx, tt.in)
			if !ok {
				t.Fatalf("Direct does not handle %T", tt.f)
			}
			want, wantErr := viaReflect(dc, tt.f, ctx, tt.in)
			if diff := cmp.Diff(errString(wantErr), errString(err)); diff != "" {
				t.Fatalf("decoding error (-reflect +direct):\n%s", diff)
			}
			if err != nil {
				return
			}
			got := prepared.Run()
			if got.Panicked && got.Stack == "" {
				t.Error("a panic has no stack")
			}
			got.Stack = ""
			if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b error) bool { return errString(a) == errString(b) })); diff != "" {
				t.Errorf("result (-reflect +direct):\n%s", diff)
			}
			checkRunEncoded(t, tt.f, ctx, tt.in, want)
		})
	}
}

// checkRunEncoded checks that RunEncoded ends as Run does and encodes the
// value as EncodeValue does, with the default converter and with another.
func checkRunEncoded(t *testing.T, f any, ctx context.Context, in *converter.Payloads, want fn.Result) {
	t.Helper()
	other := converter.NewCompositeDataConverter(converter.NewJSONPayloadConverter())
	for _, dc := range []converter.DataConverter{converter.GetDefaultDataConverter(), nil, other} {
		prepared, _, err := fn.Direct(dc, "activity", "A", f, ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		got, p, encErr := prepared.RunEncoded(dc)
		if encErr != nil {
			t.Fatal(encErr)
		}
		wantP, wantErr := fn.EncodeValue(dc, want)
		if wantErr != nil {
			t.Fatal(wantErr)
		}
		if want.Panicked || want.Err != nil {
			wantP = nil
		}
		if diff := cmp.Diff(wantP, p); diff != "" {
			t.Errorf("RunEncoded's payloads with %T (-EncodeValue +RunEncoded):\n%s", dc, diff)
		}
		noValue := want
		got.Stack, noValue.Value = "", nil
		if diff := cmp.Diff(noValue, got, cmp.Comparer(func(a, b error) bool { return errString(a) == errString(b) })); diff != "" {
			t.Errorf("RunEncoded's result (-reflect +direct):\n%s", diff)
		}
	}
}

func TestDirectLeavesOtherSignatures(t *testing.T) {
	t.Parallel()
	for _, f := range []any{
		func(ctx context.Context, s string, n int) (string, error) { return "", nil },
		func(s string) (string, error) { return "", nil },
		func(ctx context.Context, b []byte) ([]byte, error) { return nil, nil },
	} {
		if _, ok, _ := fn.Direct(nil, "activity", "A", f, context.Background(), nil); ok {
			t.Errorf("Direct handles %T", f)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
