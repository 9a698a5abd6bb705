package converter

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/internal/sharedmeta"
)

func TestTwinSharesMetadataAndEncodesAlike(t *testing.T) {
	t.Parallel()
	def := GetDefaultDataConverter()
	twin, ok := sharedmeta.Twin(def).(DataConverter)
	require.True(t, ok)
	require.NotSame(t, def, twin)

	for _, v := range []any{"text", 42, []byte{1, 2}, nil, map[string]int{"a": 1}} {
		own, err := def.ToPayloads(v, v)
		require.NoError(t, err)
		shared, err := twin.ToPayloads(v, v)
		require.NoError(t, err)
		require.Equal(t, own, shared, "%v encodes alike", v)
		a, b := shared.Payloads[0], shared.Payloads[1]
		assert.True(t, sameMap(a.Metadata, b.Metadata), "%v: one map", v)
		assert.False(t, sameMap(own.Payloads[0].Metadata, own.Payloads[1].Metadata), "%v: maps of their own", v)
		assert.Equal(t, cap(a.Metadata[MetadataEncoding]), len(a.Metadata[MetadataEncoding]), "an append copies")
	}
}

func TestTwinOnlyOfThisPackagesConverters(t *testing.T) {
	t.Parallel()
	custom := NewCompositeDataConverter(NewNilPayloadConverter(), &upperJSON{})
	assert.Same(t, custom, sharedmeta.Twin(custom))
	codec := NewCodecDataConverter(GetDefaultDataConverter(), NewZlibCodec(ZlibCodecOptions{}))
	assert.Equal(t, codec, sharedmeta.Twin(codec))
	twin := sharedmeta.Twin(GetDefaultDataConverter())
	assert.Same(t, twin, sharedmeta.Twin(twin), "a twin has no twin")
}

// upperJSON is a payload converter of another package, as far as the
// composite can tell.
type upperJSON struct{ JSONPayloadConverter }

func TestUnshareReachable(t *testing.T) {
	t.Parallel()
	twin := sharedmeta.Twin(GetDefaultDataConverter()).(DataConverter)
	shared := func() *Payload {
		p, err := twin.ToPayload("x")
		require.NoError(t, err)
		return p
	}
	type chain struct {
		Payload *Payload
		Next    *chain
	}
	type holder struct {
		Held    Payload
		Array   [1]Payload
		List    *Payloads
		ByName  map[string]*Payload
		Any     any
		Chain   *chain
		Strings []string
		hidden  *Payload
	}
	h := &holder{
		Held:   *shared(),
		Array:  [1]Payload{*shared()},
		List:   &Payloads{Payloads: []*Payload{shared(), nil, shared()}},
		ByName: map[string]*Payload{"a": shared()},
		Any:    &Payloads{Payloads: []*Payload{shared()}},
		Chain:  &chain{Next: &chain{Payload: shared()}},
		hidden: shared(),
	}
	sharedmeta.Unshare(h)
	reached := []*Payload{&h.Held, &h.Array[0], h.List.Payloads[0], h.List.Payloads[2], h.ByName["a"], h.Any.(*Payloads).Payloads[0], h.Chain.Next.Payload}
	for i, p := range reached {
		assert.False(t, isShared(p.Metadata), "payload %d", i)
		assert.Equal(t, map[string][]byte{MetadataEncoding: []byte(EncodingJSON)}, p.Metadata)
	}
	assert.True(t, isShared(h.hidden.Metadata), "unexported fields are not walked")
}

func TestPayloadsHandedOutAreUnshared(t *testing.T) {
	t.Parallel()
	twin := sharedmeta.Twin(GetDefaultDataConverter()).(DataConverter)
	ps, err := twin.ToPayloads("a", "b")
	require.NoError(t, err)
	require.True(t, isShared(ps.Payloads[0].Metadata))

	var raw RawValue
	require.NoError(t, twin.FromPayload(ps.Payloads[0], &raw))
	assert.False(t, isShared(raw.Payload().Metadata), "RawValue")
	assert.True(t, isShared(ps.Payloads[1].Metadata))

	got := GetPayloads(NewEncodedValues(ps, twin))
	assert.False(t, isShared(got.Payloads[1].Metadata), "EncodedValues")
	one, err := twin.ToPayloads("c")
	require.NoError(t, err)
	assert.False(t, isShared(GetPayloads(NewEncodedValue(one, twin)).Payloads[0].Metadata), "EncodedValue")
}
