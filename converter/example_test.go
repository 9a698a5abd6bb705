package converter_test

import (
	"errors"
	"fmt"

	"github.com/wfsim/wfsim/converter"
)

func ExampleGetDefaultDataConverter() {
	dc := converter.GetDefaultDataConverter()
	payloads, err := dc.ToPayloads("Charge", 42, []byte("raw"), nil)
	if err != nil {
		panic(err)
	}
	for _, p := range payloads.Payloads {
		fmt.Printf("%-12s %q\n", p.Encoding(), p.Data)
	}

	var (
		name   string
		amount int
	)
	if err := dc.FromPayloads(payloads, &name, &amount); err != nil {
		panic(err)
	}
	fmt.Println(name, amount)
	// Output:
	// json/plain   "\"Charge\""
	// json/plain   "42"
	// binary/plain "raw"
	// binary/null  ""
	// Charge 42
}

func ExampleEncodedValue() {
	dc := converter.GetDefaultDataConverter()
	p, _ := dc.ToPayloads("done")
	result := converter.NewEncodedValue(p, nil)

	var s string
	fmt.Println(result.Get(&s), s)

	var n int
	err := result.Get(&n)
	var de *converter.DecodeError
	fmt.Println(errors.As(err, &de), de.Encoding, de.Type)

	empty := converter.NewEncodedValue(nil, nil)
	fmt.Println(empty.HasValue(), empty.Get(&s))
	// Output:
	// <nil> done
	// true json/plain *int
	// false no data available
}

func ExampleNewCodecDataConverter() {
	// Compress every payload; a real deployment would add an encryption
	// codec first, so that it wraps (runs after) the compression.
	dc := converter.NewCodecDataConverter(
		converter.GetDefaultDataConverter(),
		converter.NewZlibCodec(converter.ZlibCodecOptions{AlwaysEncode: true}),
	)
	payloads, err := dc.ToPayloads("Charge", 42)
	if err != nil {
		panic(err)
	}
	for _, p := range payloads.Payloads {
		fmt.Println(p.Encoding())
	}
	// ToStrings decodes before rendering, so logs show the values.
	fmt.Println(dc.ToStrings(payloads))

	var (
		name   string
		amount int
	)
	if err := dc.FromPayloads(payloads, &name, &amount); err != nil {
		panic(err)
	}
	fmt.Println(name, amount)
	// Output:
	// binary/zlib
	// binary/zlib
	// ["Charge" 42]
	// Charge 42
}

func ExamplePayloads() {
	dc := converter.GetDefaultDataConverter()
	ps, err := dc.ToPayloads("Charge", 42)
	if err != nil {
		panic(err)
	}
	// The message of Temporal's shape: the list is its Payloads field.
	fmt.Println(len(ps.Payloads), string(ps.Payloads[0].GetData()))

	// Built by hand, as a custom DataConverter builds one.
	more := &converter.Payloads{}
	more.Payloads = append(more.Payloads, ps.Payloads[1])
	var amount int
	fmt.Println(dc.FromPayloads(more, &amount), amount)

	// A nil *Payloads is no values: GetPayloads and the converters take it.
	var none *converter.Payloads
	fmt.Println(len(none.GetPayloads()), dc.FromPayloads(none, &amount), dc.ToStrings(none) == nil)
	// Output:
	// 2 "Charge"
	// <nil> 42
	// 0 <nil> true
}
