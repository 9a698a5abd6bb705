package fn_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
)

type Activities struct{}

func (a *Activities) Charge(ctx context.Context, n int) (string, error) { return "", nil }
func (a Activities) Refund() error                                      { return nil }

func Charge(ctx context.Context, card string, cents int) (string, error) {
	return fmt.Sprintf("%s:%d", card, cents), nil
}

func Generic[T any](ctx context.Context, v T) (T, error) { return v, nil }

func TestName(t *testing.T) {
	t.Parallel()
	var nilActs *Activities
	closure := func() error { return nil }
	tests := []struct {
		name string
		f    any
		want string
	}{
		{"string", "MyName", "MyName"},
		{"func", Charge, "Charge"},
		{"method value on nil pointer", nilActs.Charge, "Charge"},
		{"method value on value", Activities{}.Refund, "Refund"},
		{"method expression", (*Activities).Charge, "Charge"},
		{"closure", closure, "func1"},
		{"generic instance", Generic[int], "Generic"},
		{"not a function", 42, ""},
		{"nil func", (func())(nil), ""},
		{"nil", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := fn.Name(tt.f); got != tt.want {
				t.Errorf("Name = %q, want %q", got, tt.want)
			}
		})
	}
}

type wctx interface{ isWorkflowContext() }

func TestCheck(t *testing.T) {
	t.Parallel()
	first := reflect.TypeFor[wctx]()
	tests := []struct {
		name  string
		f     any
		panic string // "" for no panic
	}{
		{"error only", func(wctx) error { return nil }, ""},
		{"result and error", func(wctx, int) (string, error) { return "", nil }, ""},
		{"concrete error type", func(wctx) *myErr { return nil }, ""},
		{"not a func", 3, "testsuite: workflow function must be a func, got int"},
		{"nil func", (func(wctx) error)(nil), "testsuite: workflow function is a nil func"},
		{"no params", noParams, "testsuite: workflow function noParams must take fn_test.wctx as its first parameter, but takes no parameters"},
		{"wrong first", wrongFirst, "testsuite: workflow function wrongFirst must take fn_test.wctx as its first parameter, got context.Context"},
		{"no results", noResults, "testsuite: workflow function noResults must return error or (result, error), but returns 0 results"},
		{"three results", threeResults, "testsuite: workflow function threeResults must return error or (result, error), but returns 3 results"},
		{"last not error", lastNotError, "testsuite: workflow function lastNotError must return error as its last result, got string"},
		{"channel result", chanResult, "testsuite: workflow function chanResult cannot return a chan int: results must be encodable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := panicText(func() { fn.Check("testsuite", "workflow", tt.f, first) })
			if got != tt.panic {
				t.Errorf("panic = %q\nwant    %q", got, tt.panic)
			}
		})
	}
}

type myErr struct{}

func (*myErr) Error() string { return "my" }

func noParams() error                       { return nil }
func wrongFirst(context.Context) error      { return nil }
func noResults(wctx)                        {}
func threeResults(wctx) (int, int, error)   { return 0, 0, nil }
func lastNotError(wctx) (int, string)       { return 0, "" }
func chanResult(wctx) (chan int, error)     { return nil, nil }
func activityTakesWctx(context.Context) int { return 0 }

func TestCheckActivity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		f     any
		panic string
		skip  int
	}{
		{"context first", Charge, "", 1},
		{"no context", func(int) error { return nil }, "", 0},
		{"no params", func() (int, error) { return 0, nil }, "", 0},
		{"method value", (&Activities{}).Charge, "", 1},
		{"bad results", activityTakesWctx, "testsuite: activity function activityTakesWctx must return error as its last result, got int", 1},
		{"not a func", "Charge", "testsuite: activity function must be a func, got string", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := panicText(func() { fn.CheckActivity("testsuite", tt.f) }); got != tt.panic {
				t.Errorf("panic = %q\nwant    %q", got, tt.panic)
			}
			if got := fn.ActivitySkip(reflect.TypeOf(tt.f)); got != tt.skip {
				t.Errorf("ActivitySkip = %d, want %d", got, tt.skip)
			}
		})
	}
	if err := fn.ValidateActivity(reflect.TypeFor[func(int) (int, int)]()); err == nil {
		t.Error("ValidateActivity accepted (int, int) results")
	}
	if err := fn.ValidateActivity(nil); err == nil {
		t.Error("ValidateActivity accepted nil")
	}
	if err := fn.Validate(reflect.TypeFor[func() error](), nil); err != nil {
		t.Errorf("Validate without first = %v", err)
	}
}

type charger interface {
	Charge(ctx context.Context, card string, cents int) (string, error)
}

// Ledger's methods take no context.
type Ledger[T any] struct{}

func (*Ledger[T]) Note(entry T) error { return nil }
func (Ledger[T]) Count() (int, error) { return 0, nil }

// contextSecond is a plain function whose second parameter is a context.
func contextSecond(note string, ctx context.Context) error { return nil }

// packageLiteral is a function literal at package level.
var packageLiteral = func(ctx context.Context, n int) error { return nil }

func TestScheduleSkip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		f    any
		skip int
	}{
		{"context first", Charge, 1},
		{"method value", (&Activities{}).Charge, 1},
		{"method expression", (*Activities).Charge, 2},
		{"interface method expression", charger.Charge, 2},
		{"no context", func(string, int) error { return nil }, 0},
		{"no params", func() error { return nil }, 0},
		{"workflow context second", func(string, wctx) error { return nil }, 0},
		{"method expression without context", (*Ledger[string]).Note, 1},
		{"value method expression without params", Ledger[int].Count, 1},
		{"value method expression", Activities.Refund, 1},
		{"method value without context", (&Ledger[string]{}).Note, 0},
		{"plain function, context second", contextSecond, 0},
		{"function literal, context second", func(string, context.Context) error { return nil }, 0},
		{"package-level function literal", packageLiteral, 1},
		{"context.Context's own method expression", context.Context.Err, 1},
		{"context.Context's own method expression with a parameter", context.Context.Value, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := fn.ScheduleSkip(tt.f); got != tt.skip {
				t.Errorf("ScheduleSkip = %d, want %d", got, tt.skip)
			}
		})
	}
}

func panicText(f func()) (s string) {
	defer func() {
		if r := recover(); r != nil {
			s = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

type order struct{ ID string }

func TestCheckArgs(t *testing.T) {
	t.Parallel()
	type target func(context.Context, int, *order, []string, any, error) error
	ft := reflect.TypeFor[target]()
	tests := []struct {
		name string
		args []any
		want *wfsim.ArgumentError // nil for no error
	}{
		{"fits", []any{1, &order{}, []string{"a"}, "anything", errors.New("e")}, nil},
		{"nils for nilable", []any{1, nil, nil, nil, nil}, nil},
		{"too few", []any{1}, &wfsim.ArgumentError{Kind: "activity", Name: "Charge", WantCount: 5, GotCount: 1}},
		{"too many", []any{1, nil, nil, nil, nil, 6}, &wfsim.ArgumentError{Kind: "activity", Name: "Charge", WantCount: 5, GotCount: 6}},
		{"wrong type", []any{"1", nil, nil, nil, nil},
			&wfsim.ArgumentError{Kind: "activity", Name: "Charge", Position: 1, Expected: "int", Got: "string"}},
		{"convertible is not enough", []any{int64(1), nil, nil, nil, nil},
			&wfsim.ArgumentError{Kind: "activity", Name: "Charge", Position: 1, Expected: "int", Got: "int64"}},
		{"nil for int", []any{nil, nil, nil, nil, nil},
			&wfsim.ArgumentError{Kind: "activity", Name: "Charge", Position: 1, Expected: "int", Got: "nil"}},
		{"value for pointer", []any{1, order{}, nil, nil, nil},
			&wfsim.ArgumentError{Kind: "activity", Name: "Charge", Position: 2, Expected: "*fn_test.order", Got: "fn_test.order"}},
		{"not an error", []any{1, nil, nil, nil, "e"},
			&wfsim.ArgumentError{Kind: "activity", Name: "Charge", Position: 5, Expected: "error", Got: "string"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantArgumentError(t, "CheckArgs", fn.CheckArgs("activity", "Charge", ft, 1, tt.args), tt.want)
		})
	}
	t.Run("message", func(t *testing.T) {
		t.Parallel()
		err := fn.CheckArgs("activity", "Charge", reflect.TypeOf(Charge), 1, []any{"card", "10"})
		if got, want := fmt.Sprint(err), `activity "Charge": argument 2: the function takes int, got string`; got != want {
			t.Errorf("message = %q, want %q", got, want)
		}
		err = fn.CheckArgs("activity", "Charge", reflect.TypeOf(Charge), 1, []any{"card", 1, 2})
		if got, want := fmt.Sprint(err), `activity "Charge": takes 2 arguments, got 3`; got != want {
			t.Errorf("message = %q, want %q", got, want)
		}
	})
}

// TestCheckArgsDecodable: for calls by name, an argument fits when what it
// encodes to decodes into its parameter, as in Temporal, where the function
// only sees the payloads; what cannot decode still fails at the call.
func TestCheckArgsDecodable(t *testing.T) {
	t.Parallel()
	type target func(context.Context, int, *order, []string, any, error) error
	ft := reflect.TypeFor[target]()
	tests := []struct {
		name string
		args []any
		want *wfsim.ArgumentError // nil for no error
	}{
		{"fits", []any{1, &order{}, []string{"a"}, "anything", errors.New("e")}, nil},
		{"value for pointer", []any{1, order{ID: "o"}, nil, nil, nil}, nil},
		{"pointer for value", []any{new(int), nil, nil, nil, nil}, nil},
		{"convertible number", []any{int64(1), nil, nil, nil, nil}, nil},
		{"nil for int", []any{nil, nil, nil, nil, nil}, nil},
		{"map for struct", []any{1, map[string]string{"ID": "o"}, nil, nil, nil}, nil},
		{"too many", []any{1, nil, nil, nil, nil, 6}, &wfsim.ArgumentError{Kind: "activity", Name: "Charge", WantCount: 5, GotCount: 6}},
		{"does not decode", []any{"1", nil, nil, nil, nil},
			&wfsim.ArgumentError{Kind: "activity", Name: "Charge", Position: 1, Expected: "int", Got: "string"}},
		{"not an error", []any{1, nil, nil, nil, "e"},
			&wfsim.ArgumentError{Kind: "activity", Name: "Charge", Position: 5, Expected: "error", Got: "string"}},
		{"does not encode", []any{1, nil, nil, nil, func() {}},
			&wfsim.ArgumentError{Kind: "activity", Name: "Charge", Position: 5, Expected: "error", Got: "func()"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantArgumentError(t, "CheckArgsDecodable", fn.CheckArgsDecodable(nil, "activity", "Charge", ft, 1, tt.args), tt.want)
		})
	}
}

func TestDecodeArgs(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	enc := func(values ...any) *converter.Payloads {
		p, err := dc.ToPayloads(values...)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	ft := reflect.TypeOf(Charge)
	tests := []struct {
		name    string
		in      *converter.Payloads
		extra   fn.Extra
		want    []any
		wantErr string
	}{
		{"all", enc("visa", 250), fn.RejectExtra, []any{"visa", 250}, ""},
		{"missing trailing are zero", enc("visa"), fn.RejectExtra, []any{"visa", 0}, ""},
		{"none", nil, fn.RejectExtra, []any{"", 0}, ""},
		{"null is zero", enc(nil, nil), fn.RejectExtra, []any{"", 0}, ""},
		{"too many", enc("visa", 1, 2), fn.RejectExtra, nil, `activity "Charge": takes 2 arguments, got 3`},
		{"too many ignored", enc("visa", 1, "not an int either"), fn.IgnoreExtra, []any{"visa", 1}, ""},
		{"wrong type", enc("visa", "ten"), fn.RejectExtra, nil,
			`activity "Charge": argument 2: the function takes int, got json/plain "ten": unable to decode json/plain payload into *int: json: cannot unmarshal string into Go value of type int`},
		{"wrong type with extras ignored", enc("visa", "ten", 3), fn.IgnoreExtra, nil,
			`activity "Charge": argument 2: the function takes int, got json/plain "ten": unable to decode json/plain payload into *int: json: cannot unmarshal string into Go value of type int`},
		{"unknown encoding", &converter.Payloads{Payloads: []*converter.Payload{{Metadata: map[string][]byte{"encoding": []byte("binary/gogoproto")}}}}, fn.RejectExtra, nil,
			`activity "Charge": argument 1: the function takes string, got binary/gogoproto payload: unable to decode binary/gogoproto payload into *string: payload encoding is not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := fn.DecodeArgsExtra(nil, "activity", "Charge", ft, 1, tt.in, tt.extra)
			if tt.wantErr != "" {
				var ae *wfsim.ArgumentError
				if !errors.As(err, &ae) || err.Error() != tt.wantErr {
					t.Fatalf("error = %v\nwant    %s", err, tt.wantErr)
				}
				if out != nil {
					t.Errorf("values = %v, want nil on error", out)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := make([]any, len(out))
			for i, v := range out {
				got[i] = v.Interface()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("values (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("decode error is reachable", func(t *testing.T) {
		t.Parallel()
		_, err := fn.DecodeArgs(dc, "workflow", "W", reflect.TypeFor[func(wctx, bool) error](), 1, enc(3))
		var de *converter.DecodeError
		if !errors.As(err, &de) || de.Type != reflect.TypeFor[*bool]() {
			t.Errorf("error = %v, want a DecodeError for *bool", err)
		}
	})
	t.Run("long payloads are cut in the message", func(t *testing.T) {
		t.Parallel()
		_, err := fn.DecodeArgs(dc, "workflow", "W", reflect.TypeFor[func(int) error](), 0, enc(strings.Repeat("x", 200)))
		if err == nil || strings.Count(err.Error(), "x") > 150 || !strings.Contains(err.Error(), "…") {
			t.Errorf("error = %v", err)
		}
	})
}

func TestCallAndResults(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	boom := errors.New("boom")
	var nilErrPtr *myErr
	tests := []struct {
		name     string
		f        any
		args     []any
		panicked bool
		panicVal any
		result   string // payload text; "" for none
		err      error
	}{
		{"result", func(a, b int) (int, error) { return a + b, nil }, []any{2, 3}, false, nil, "5", nil},
		{"error only", func() error { return boom }, nil, false, nil, "", boom},
		{"result and error", func() (string, error) { return "partial", boom }, nil, false, nil, `"partial"`, boom},
		{"nil pointer result", func() (*order, error) { return nil, nil }, nil, false, nil, "nil", nil},
		{"typed nil error is no error", func() *myErr { return nilErrPtr }, nil, false, nil, "", nil},
		{"interface result", func() (any, error) { return map[string]int{"a": 1}, nil }, nil, false, nil, `{"a":1}`, nil},
		{"variadic gets a slice", func(xs ...int) (int, error) { return len(xs), nil }, []any{[]int{1, 2, 3}}, false, nil, "3", nil},
		{"panic", func() error { panic("oops") }, nil, true, "oops", "", nil},
		{"panic with error", func() error { panic(boom) }, nil, true, boom, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := make([]reflect.Value, len(tt.args))
			for i, a := range tt.args {
				args[i] = reflect.ValueOf(a)
			}
			out, pv, stack, panicked := fn.Call(reflect.ValueOf(tt.f), args)
			if panicked != tt.panicked || pv != tt.panicVal {
				t.Fatalf("panicked = %v (%v), want %v (%v)", panicked, pv, tt.panicked, tt.panicVal)
			}
			if panicked {
				if !strings.Contains(stack, "fn_test.TestCallAndResults") {
					t.Errorf("stack does not show the panicking function:\n%s", stack)
				}
				return
			}
			v, err := fn.SplitResults(out)
			if err != tt.err {
				t.Errorf("error = %v, want %v", err, tt.err)
			}
			p, encErr := fn.EncodeResult(nil, v)
			if encErr != nil {
				t.Fatal(encErr)
			}
			got := strings.Join(dc.ToStrings(p), ",")
			if got != tt.result {
				t.Errorf("result = %q, want %q", got, tt.result)
			}
		})
	}
	t.Run("unencodable result", func(t *testing.T) {
		t.Parallel()
		_, err := fn.EncodeResult(dc, reflect.ValueOf(func() {}))
		if !errors.Is(err, converter.ErrUnableToEncode) {
			t.Errorf("EncodeResult(func) = %v, want ErrUnableToEncode", err)
		}
	})
	t.Run("caller mistakes panic before the call", func(t *testing.T) {
		t.Parallel()
		called := false
		f := reflect.ValueOf(func(int) error { called = true; return nil })
		cases := map[string][]reflect.Value{
			"count":   nil,
			"type":    {reflect.ValueOf("x")},
			"invalid": {{}},
		}
		for name, args := range cases {
			if p := panicText(func() { fn.Call(f, args) }); !strings.HasPrefix(p, "fn: Call: ") {
				t.Errorf("%s: panic = %q", name, p)
			}
		}
		if p := panicText(func() { fn.Call(reflect.ValueOf(3), nil) }); !strings.HasPrefix(p, "fn: Call: ") {
			t.Errorf("non-func: panic = %q", p)
		}
		if called {
			t.Error("the function ran")
		}
	})
	t.Run("decode then call", func(t *testing.T) {
		t.Parallel()
		in, _ := dc.ToPayloads("visa", 250)
		args, err := fn.DecodeArgs(dc, "activity", "Charge", reflect.TypeOf(Charge), 1, in)
		if err != nil {
			t.Fatal(err)
		}
		args = append([]reflect.Value{reflect.ValueOf(context.Background())}, args...)
		out, _, _, panicked := fn.Call(reflect.ValueOf(Charge), args)
		v, err := fn.SplitResults(out)
		if panicked || err != nil || v.Interface() != "visa:250" {
			t.Errorf("Charge = %v, %v (panicked %v)", v, err, panicked)
		}
	})
}

// wantArgumentError checks that err, what the call named what returned, is
// want, or nil when want is.
func wantArgumentError(t *testing.T, what string, err error, want *wfsim.ArgumentError) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("%s = %v", what, err)
		}
		return
	}
	var ae *wfsim.ArgumentError
	if !errors.As(err, &ae) {
		t.Fatalf("%s = %v, want *wfsim.ArgumentError", what, err)
	}
	if diff := cmp.Diff(want, ae); diff != "" {
		t.Errorf("ArgumentError (-want +got):\n%s", diff)
	}
}
