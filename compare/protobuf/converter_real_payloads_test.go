package protobuf

import (
	"bufio"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"
	wfconverter "github.com/wfsim/wfsim/converter"
	commonpb "go.temporal.io/api/common/v1"
	_ "go.temporal.io/api/workflowservice/v1" // registers the messages the payloads name
	tconverter "go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
)

// TestRealHistoryPayloads: the json/protobuf and binary/protobuf payloads
// of histories recorded by Temporal servers (testdata/real_payloads.jsonl,
// taken from the histories of Temporal's SDK replay tests, some written by
// gogo-based SDKs with CamelCase enum names) decode with wfsim's default
// converter, or with LegacyTemporalProtoCompat where Temporal's default
// converter also needs it, to what Temporal's converter decodes.
func TestRealHistoryPayloads(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/real_payloads.jsonl")
	require.NoError(t, err)
	defer f.Close()
	legacy := wfconverter.NewProtoJSONPayloadConverterWithOptions(wfconverter.ProtoJSONPayloadConverterOptions{LegacyTemporalProtoCompat: true})
	tlegacy := tconverter.NewProtoJSONPayloadConverterWithOptions(tconverter.ProtoJSONPayloadConverterOptions{LegacyTemporalProtoCompat: true})
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var rec struct {
			Source  string
			Payload wfconverter.Payload
		}
		require.NoError(t, json.Unmarshal(sc.Bytes(), &rec))
		n++
		p := &rec.Payload
		mt, err := protoregistry.GlobalTypes.FindMessageByName(protoreflect.FullName(p.Metadata[wfconverter.MetadataMessageType]))
		require.NoError(t, err, "%s", rec.Source)
		goType := reflect.TypeOf(mt.Zero().Interface()) // *T

		want := reflect.New(goType)
		tp := &commonpb.Payload{Metadata: p.Metadata, Data: p.Data}
		got := reflect.New(goType)
		if tconverter.GetDefaultDataConverter().FromPayload(tp, want.Interface()) == nil {
			require.NoError(t, wfconverter.GetDefaultDataConverter().FromPayload(p, got.Interface()), "%s: %s", rec.Source, p.Data)
		} else {
			require.NoError(t, tlegacy.FromPayload(tp, want.Interface()), "%s", rec.Source)
			require.NoError(t, legacy.FromPayload(p, got.Interface()), "%s: %s", rec.Source, p.Data)
		}
		w, g := want.Elem().Interface().(proto.Message), got.Elem().Interface().(proto.Message)
		require.True(t, proto.Equal(w, g), "%s: got %v\nwant %v", rec.Source, g, w)
	}
	require.NoError(t, sc.Err())
	require.Greater(t, n, 10)
}
