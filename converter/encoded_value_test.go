package converter_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/wfsim/wfsim/converter"
)

func TestEncodedValue(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	one, err := dc.ToPayloads("first", 2)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		payloads *converter.Payloads
		dc       converter.DataConverter
		has      bool
		want     string
		err      error
	}{
		{"value", one, dc, true, "first", nil},
		{"nil converter means default", one, nil, true, "first", nil},
		{"no payloads", nil, nil, false, "untouched", converter.ErrNoData},
		// An empty message is values, as in Temporal: none to decode.
		{"empty payloads", &converter.Payloads{}, nil, true, "untouched", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := converter.NewEncodedValue(tt.payloads, tt.dc)
			if v.HasValue() != tt.has {
				t.Errorf("HasValue = %v, want %v", v.HasValue(), tt.has)
			}
			got := "untouched"
			err := v.Get(&got)
			if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
				t.Errorf("Get error = %v, want %v", err, tt.err)
			}
			if got != tt.want {
				t.Errorf("Get = %q, want %q", got, tt.want)
			}
			if diff := cmp.Diff(tt.payloads, converter.GetPayloads(v)); diff != "" {
				t.Errorf("GetPayloads (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("error messages", func(t *testing.T) {
		t.Parallel()
		if converter.ErrNoData.Error() != "no data available" {
			t.Errorf("ErrNoData = %q", converter.ErrNoData)
		}
	})
	t.Run("wrong type is a DecodeError, not a panic", func(t *testing.T) {
		t.Parallel()
		v := converter.NewEncodedValue(one, nil)
		var n int
		var de *converter.DecodeError
		if err := v.Get(&n); !errors.As(err, &de) {
			t.Errorf("Get(&int) = %v, want DecodeError", err)
		}
		if err := v.Get(n); !errors.As(err, &de) || !errors.Is(err, converter.ErrValuePtrIsNotPointer) {
			t.Errorf("Get(int) = %v, want DecodeError for a non-pointer", err)
		}
	})
}

func TestEncodedValues(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	p, err := dc.ToPayloads("a", 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := converter.NewEncodedValues(p, nil)
	if !v.HasValues() {
		t.Fatal("HasValues = false")
	}
	s, n, ptr, extra := "", 0, new(int), "keep"
	if err := v.Get(&s, &n, &ptr, &extra); err != nil {
		t.Fatal(err)
	}
	if s != "a" || n != 2 || ptr != nil || extra != "keep" {
		t.Errorf("Get = (%q, %d, %v, %q)", s, n, ptr, extra)
	}
	if err := converter.NewEncodedValues(nil, dc).Get(&s); !errors.Is(err, converter.ErrNoData) {
		t.Errorf("Get on none = %v, want ErrNoData", err)
	}
	if converter.GetPayloads("not encoded") != nil {
		t.Error("GetPayloads of a string should be nil")
	}
}

// Every value the JSON converter accepts decodes back to itself.
func TestRoundTripProperty(t *testing.T) {
	t.Parallel()
	dc := converter.GetDefaultDataConverter()
	rapid.Check(t, func(t *rapid.T) {
		want := order{
			ID:    rapid.String().Draw(t, "id"),
			Items: rapid.SliceOfN(rapid.String(), 1, 4).Draw(t, "items"),
			Total: rapid.Int().Draw(t, "total"),
		}
		raw := rapid.SliceOf(rapid.Byte()).Draw(t, "raw")
		p, err := dc.ToPayloads(want, raw, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got order
		var gotRaw []byte
		gotNil := &order{}
		if err := converter.NewEncodedValues(p, dc).Get(&got, &gotRaw, &gotNil); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("struct (-want +got):\n%s", diff)
		}
		if string(gotRaw) != string(raw) || gotNil != nil {
			t.Fatalf("raw %v -> %v, nil -> %v", raw, gotRaw, gotNil)
		}
	})
}
