package replay

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestUnknownFieldsProperty adds a field this package does not know, with a
// random JSON value, to a random object of a real history, and checks that
// the field is kept: reading, writing and reading again gives an equal
// history, and the written JSON holds the field at the same place.
func TestUnknownFieldsProperty(t *testing.T) {
	t.Parallel()
	var docs []map[string]any
	for _, name := range []string{"workflow1.json", "nexus-cancel-after-start.json", "memo-json.json", "update_with_protocol_message_command.json"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, parseJSON(t, data))
	}
	rapid.Check(t, func(t *rapid.T) {
		doc := deepCopyJSON(docs[rapid.IntRange(0, len(docs)-1).Draw(t, "history")]).(map[string]any)
		var objs []objectAt
		collectObjects("/events", doc["events"], &objs) // fields beside "events" are the envelope, not kept
		target := objs[rapid.IntRange(0, len(objs)-1).Draw(t, "object")]
		name := "zz" + rapid.StringMatching(`[A-Z][a-z]{0,6}`).Draw(t, "name")
		value := randomJSON(t, "value", 0)
		if value == nil {
			value = "x" // null is an absent value, not a field
		}
		target.obj[name] = value

		input, _ := json.Marshal(doc)
		h, err := ReadHistory(bytes.NewReader(input))
		if err != nil {
			t.Fatalf("ReadHistory: %v (field %s.%s)", err, target.path, name)
		}
		var buf bytes.Buffer
		if err := h.WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		again, err := ReadHistory(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("reading what WriteJSON wrote: %v", err)
		}
		if !jsonEqual(h, again) {
			t.Fatalf("write → read changed the history with field %s.%s", target.path, name)
		}
		written := parseJSON(t, buf.Bytes())
		got, ok := lookupJSON(written, target.path)
		if !ok {
			t.Fatalf("object %s missing from the written JSON", target.path)
		}
		if w, g := canonicalJSON(value), canonicalJSON(got.(map[string]any)[name]); !bytes.Equal(w, g) {
			t.Fatalf("%s.%s written as %s, want %s", target.path, name, g, w)
		}
	})
}

type objectAt struct {
	path string
	obj  map[string]any
}

// mapFields are JSON objects whose keys are data (payload metadata, memo,
// header and search attribute fields, marker details), not field names.
var mapFields = map[string]bool{"metadata": true, "fields": true, "indexedFields": true, "details": true}

func collectObjects(path string, v any, out *[]objectAt) {
	switch v := v.(type) {
	case map[string]any:
		*out = append(*out, objectAt{path, v})
		for _, k := range sortedKeys(v) {
			if mapFields[k] {
				continue
			}
			collectObjects(path+"/"+k, v[k], out)
		}
	case []any:
		for i, x := range v {
			collectObjects(path+"/"+strconv.Itoa(i), x, out)
		}
	}
}

func lookupJSON(v any, path string) (any, bool) {
	for _, k := range strings.Split(strings.TrimPrefix(path, "/"), "/") {
		if k == "" {
			continue
		}
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[k]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

func randomJSON(t *rapid.T, label string, depth int) any {
	kind := rapid.IntRange(0, 5).Draw(t, label+".kind")
	if depth >= 2 && kind >= 4 {
		kind = 3
	}
	switch kind {
	case 0:
		return nil
	case 1:
		return rapid.Bool().Draw(t, label)
	case 2:
		return json.Number(strconv.Itoa(rapid.IntRange(-1000, 1000).Draw(t, label)))
	case 3:
		return rapid.String().Draw(t, label)
	case 4:
		n := rapid.IntRange(0, 3).Draw(t, label+".len")
		list := make([]any, n)
		for i := range list {
			list[i] = randomJSON(t, label+"[]", depth+1)
		}
		return list
	default:
		n := rapid.IntRange(0, 3).Draw(t, label+".len")
		obj := map[string]any{}
		for range n {
			obj[rapid.String().Draw(t, label+".key")] = randomJSON(t, label+"{}", depth+1)
		}
		return obj
	}
}

func parseJSON(t interface{ Fatal(...any) }, data []byte) map[string]any {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func deepCopyJSON(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = deepCopyJSON(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = deepCopyJSON(x)
		}
		return out
	}
	return v
}

// jsonEqual compares histories by their canonical JSON, which covers every
// field including Unknown.
func jsonEqual(a, b *History) bool {
	x, _ := a.MarshalJSON()
	y, _ := b.MarshalJSON()
	if !bytes.Equal(x, y) {
		return false
	}
	for i := range a.Events {
		u, v := a.Events[i].UnknownFields(), b.Events[i].UnknownFields()
		if len(u) != len(v) {
			return false
		}
		for j := range u {
			if u[j].Object != v[j].Object || u[j].Name != v[j].Name || !bytes.Equal(u[j].Value, v[j].Value) {
				return false
			}
		}
	}
	return sort.SliceIsSorted(a.Events, func(i, j int) bool { return a.Events[i].EventID < a.Events[j].EventID })
}
