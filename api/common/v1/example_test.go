package common_test

import (
	"bytes"
	"fmt"

	commonpb "github.com/wfsim/wfsim/api/common/v1"
	"github.com/wfsim/wfsim/converter"
)

// reverseCodec is a PayloadCodec written against Temporal's protobuf
// types: with the import path changed, it is a converter.PayloadCodec.
type reverseCodec struct{}

func (reverseCodec) Encode(ps []*commonpb.Payload) ([]*commonpb.Payload, error) {
	out := make([]*commonpb.Payload, len(ps))
	for i, p := range ps {
		data := bytes.Clone(p.Data)
		for l, r := 0, len(data)-1; l < r; l, r = l+1, r-1 {
			data[l], data[r] = data[r], data[l]
		}
		out[i] = &commonpb.Payload{Metadata: map[string][]byte{"encoding": []byte("binary/reversed")}, Data: data}
	}
	return out, nil
}

// Decode undoes Encode. (A demonstration: a real codec records the
// original encoding in the metadata and restores it, rather than assuming
// json/plain.)
func (c reverseCodec) Decode(ps []*commonpb.Payload) ([]*commonpb.Payload, error) {
	out, _ := c.Encode(ps)
	for _, p := range out {
		p.Metadata["encoding"] = []byte("json/plain")
	}
	return out, nil
}

func Example() {
	dc := converter.NewCodecDataConverter(converter.GetDefaultDataConverter(), reverseCodec{})
	p, _ := dc.ToPayload("hello")
	fmt.Printf("%s %s\n", p.Metadata["encoding"], p.Data)
	var s string
	_ = dc.FromPayload(p, &s)
	fmt.Println(s)
	// Output:
	// binary/reversed "olleh"
	// hello
}
