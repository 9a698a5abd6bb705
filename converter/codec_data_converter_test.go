package converter_test

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wfsim/wfsim/converter"
)

// tagCodec wraps each payload in a payload of encoding "binary/<name>"
// whose data is the wrapped payload's protobuf form, and logs its calls.
type tagCodec struct {
	name string
	log  *[]string
	err  error
	// extra makes Encode and Decode return one payload too many.
	extra bool
}

func (c *tagCodec) enc() string { return "binary/" + c.name }

func (c *tagCodec) Encode(ps []*converter.Payload) ([]*converter.Payload, error) {
	*c.log = append(*c.log, "encode "+c.name)
	if c.err != nil {
		return ps, c.err
	}
	out := make([]*converter.Payload, 0, len(ps)+1)
	for _, p := range ps {
		b, _ := p.Marshal()
		out = append(out, &converter.Payload{Metadata: map[string][]byte{"encoding": []byte(c.enc())}, Data: b})
	}
	if c.extra {
		out = append(out, out[0])
	}
	return out, nil
}

func (c *tagCodec) Decode(ps []*converter.Payload) ([]*converter.Payload, error) {
	*c.log = append(*c.log, "decode "+c.name)
	if c.err != nil {
		return ps, c.err
	}
	out := make([]*converter.Payload, 0, len(ps)+1)
	for _, p := range ps {
		if p.Encoding() != c.enc() {
			out = append(out, p)
			continue
		}
		q := new(converter.Payload)
		if err := q.Unmarshal(p.Data); err != nil {
			return ps, err
		}
		out = append(out, q)
	}
	if c.extra {
		out = append(out, out[0])
	}
	return out, nil
}

func TestCodecChainOrder(t *testing.T) {
	t.Parallel()
	var log []string
	dc := converter.NewCodecDataConverter(converter.GetDefaultDataConverter(),
		&tagCodec{name: "outer", log: &log}, &tagCodec{name: "inner", log: &log})

	p, err := dc.ToPayload("v")
	if err != nil {
		t.Fatal(err)
	}
	// The first codec is applied last, so it is the outermost layer.
	if p.Encoding() != "binary/outer" {
		t.Errorf("outer encoding = %q, want binary/outer", p.Encoding())
	}
	var inner converter.Payload
	if err := inner.Unmarshal(p.Data); err != nil || inner.Encoding() != "binary/inner" {
		t.Errorf("inner = %v, %v; want a binary/inner payload", inner.Encoding(), err)
	}
	var s string
	if err := dc.FromPayload(p, &s); err != nil || s != "v" {
		t.Errorf("FromPayload = %q, %v", s, err)
	}
	want := []string{"encode inner", "encode outer", "decode outer", "decode inner"}
	if diff := cmp.Diff(want, log); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func TestCodecDataConverterRoundTrip(t *testing.T) {
	t.Parallel()
	var log []string
	dc := converter.NewCodecDataConverter(converter.GetDefaultDataConverter(), &tagCodec{name: "t", log: &log})

	ps, err := dc.ToPayloads("a", 2, []byte("raw"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range ps.Payloads {
		if p.Encoding() != "binary/t" {
			t.Errorf("payload %d encoding = %q", i, p.Encoding())
		}
	}
	var (
		a   string
		n   int
		raw []byte
		ptr = new(int)
	)
	if err := dc.FromPayloads(ps, &a, &n, &raw, &ptr); err != nil {
		t.Fatal(err)
	}
	if a != "a" || n != 2 || string(raw) != "raw" || ptr != nil {
		t.Errorf("decoded %q %d %q %v", a, n, raw, ptr)
	}
	got := dc.ToStrings(ps)
	want := []string{`"a"`, "2", "cmF3", "nil"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ToStrings shows the decoded values (-want +got):\n%s", diff)
	}

	// Values wrapped by an EncodedValues decode through the codec too.
	var back string
	if err := converter.NewEncodedValues(ps, dc).Get(&back); err != nil || back != "a" {
		t.Errorf("EncodedValues.Get = %q, %v", back, err)
	}

	// A RawValue skips conversion but not the codec.
	raw0, _ := converter.GetDefaultDataConverter().ToPayload("r")
	rp, err := dc.ToPayload(converter.NewRawValue(raw0))
	if err != nil || rp.Encoding() != "binary/t" {
		t.Errorf("ToPayload(RawValue) = %v, %v; want an encoded payload", rp.Encoding(), err)
	}
	var rv converter.RawValue
	if err := dc.FromPayload(rp, &rv); err != nil || !cmp.Equal(rv.Payload(), raw0) {
		t.Errorf("FromPayload(*RawValue) = %v, %v; want the decoded payload", rv.Payload(), err)
	}
}

func TestCodecDataConverterNothingToDo(t *testing.T) {
	t.Parallel()
	var log []string
	dc := converter.NewCodecDataConverter(converter.GetDefaultDataConverter(), &tagCodec{name: "t", log: &log})
	if ps, err := dc.ToPayloads(); ps != nil || err != nil {
		t.Errorf("ToPayloads() = %v, %v; want nil, nil", ps, err)
	}
	n := 7
	if err := dc.FromPayload(nil, &n); err != nil || n != 7 {
		t.Errorf("FromPayload(nil) = %v and changed the value to %d", err, n)
	}
	if err := dc.FromPayloads(nil, &n); err != nil || n != 7 {
		t.Errorf("FromPayloads(nil) = %v and changed the value to %d", err, n)
	}
	if dc.ToStrings(nil) != nil {
		t.Error("ToStrings(nil) should be nil")
	}
	if got := dc.ToString(nil); got != "" {
		t.Errorf("ToString(nil) = %q, want the parent's %q", got, "")
	}
	if len(log) != 0 {
		t.Errorf("codec called for nothing: %v", log)
	}
}

func TestCodecDataConverterErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	plain, _ := converter.GetDefaultDataConverter().ToPayload("x")
	tests := []struct {
		name  string
		codec tagCodec
		want  string
	}{
		{"codec error", tagCodec{name: "t", err: boom}, "boom"},
		{"wrong count", tagCodec{name: "t", extra: true}, "received 2 payloads from codec, expected 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var log []string
			c := tt.codec
			c.log = &log
			dc := converter.NewCodecDataConverter(converter.GetDefaultDataConverter(), &c)

			p, err := dc.ToPayload("x")
			if err == nil || err.Error() != tt.want {
				t.Errorf("ToPayload err = %v, want %q", err, tt.want)
			}
			if !cmp.Equal(p, plain) {
				t.Errorf("ToPayload gave %v, want the unencoded payload", p)
			}
			var s string
			if err := dc.FromPayload(plain, &s); err == nil || err.Error() != tt.want {
				t.Errorf("FromPayload err = %v, want %q", err, tt.want)
			}
			if got := dc.ToString(plain); got != tt.want {
				t.Errorf("ToString = %q, want the error text %q", got, tt.want)
			}
		})
	}
}

func TestZlibCodec(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	small, _ := dc.ToPayload("hi")
	big, _ := dc.ToPayload(strings.Repeat("compress me ", 100))
	tests := []struct {
		name       string
		always     bool
		in         *converter.Payload
		compressed bool
	}{
		{"small kept as is", false, small, false},
		{"small always", true, small, true},
		{"big compressed", false, big, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			codec := converter.NewZlibCodec(converter.ZlibCodecOptions{AlwaysEncode: tt.always})
			out, err := codec.Encode([]*converter.Payload{tt.in})
			if err != nil || len(out) != 1 {
				t.Fatalf("Encode = %v, %v", out, err)
			}
			if !tt.compressed {
				if out[0] != tt.in {
					t.Errorf("Encode changed a payload compression would not shrink: %v", out[0])
				}
				return
			}
			if out[0].Encoding() != "binary/zlib" || len(out[0].Metadata) != 1 {
				t.Fatalf("metadata = %v, want only encoding binary/zlib", out[0].Metadata)
			}
			// The data is zlib over the payload's protobuf form.
			r, err := zlib.NewReader(bytes.NewReader(out[0].Data))
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(r)
			want, _ := tt.in.Marshal()
			if !bytes.Equal(raw, want) {
				t.Errorf("decompressed %x, want %x", raw, want)
			}
			back, err := codec.Decode(out)
			if err != nil || !cmp.Equal(back[0], tt.in) {
				t.Errorf("Decode = %v, %v; want %v", back, err, tt.in)
			}
		})
	}
}

func TestZlibCodecDecode(t *testing.T) {
	t.Parallel()
	codec := converter.NewZlibCodec(converter.ZlibCodecOptions{})
	other, _ := converter.GetDefaultDataConverter().ToPayload("x")
	out, err := codec.Decode([]*converter.Payload{other})
	if err != nil || out[0] != other {
		t.Errorf("Decode of a json/plain payload = %v, %v; want it passed on", out, err)
	}
	bad := &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("binary/zlib")}, Data: []byte("not zlib")}
	if _, err := codec.Decode([]*converter.Payload{bad}); err == nil {
		t.Error("Decode of corrupt zlib data should fail")
	}
}
