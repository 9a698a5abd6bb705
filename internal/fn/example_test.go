package fn_test

import (
	"context"
	"fmt"
	"reflect"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/internal/fn"
)

// How the simulator runs an activity: check it, decode its arguments, call
// it, and encode what it returns.
func Example() {
	fn.CheckActivity("testsuite", Charge)
	t := reflect.TypeOf(Charge)
	skip := fn.ActivitySkip(t)

	in, _ := converter.GetDefaultDataConverter().ToPayloads("visa", 250)
	args, err := fn.DecodeArgs(nil, "activity", fn.Name(Charge), t, skip, in)
	if err != nil {
		panic(err)
	}
	args = append([]reflect.Value{reflect.ValueOf(context.Background())}, args...)

	out, _, _, panicked := fn.Call(reflect.ValueOf(Charge), args)
	value, actErr := fn.SplitResults(out)
	result, _ := fn.EncodeResult(nil, value)
	fmt.Println(panicked, actErr, string(result.Payloads[0].Data))

	_, err = fn.DecodeArgs(nil, "activity", "Charge", t, skip, &converter.Payloads{Payloads: in.Payloads[:1:1]})
	fmt.Println(err)
	_, err = fn.DecodeArgs(nil, "activity", "Charge", t, skip, &converter.Payloads{Payloads: append(in.Payloads, in.Payloads[0])})
	fmt.Println(err)
	// Output:
	// false <nil> "visa:250"
	// <nil>
	// activity "Charge": takes 2 arguments, got 3
}
