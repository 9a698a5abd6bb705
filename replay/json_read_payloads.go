package replay

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/wfsim/wfsim/converter"
)

// decodeBytes decodes protojson bytes strictly: standard base64 with
// padding, nothing else. A decoded export ("data": "Temporal") fails here
// instead of turning into garbage.
func decodeBytes(s string) ([]byte, bool) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, false // the decoder would skip them silently
	}
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil {
		return nil, false
	}
	if len(b) == 0 {
		return nil, true
	}
	return b, true
}

// readPayload decodes one payload object; key is its place for errors,
// upath its place for unknown fields.
func (r reader) readPayload(key, upath string, v any) (*converter.Payload, bool) {
	obj, isObj := v.(map[string]any)
	if !isObj {
		r.st.fail(key, "a payload must be an object {\"metadata\": …, \"data\": …}",
			"an object", v, ErrDecodedPayload)
		return nil, false
	}
	p := &converter.Payload{}
	r.st.recordUnknown(joinPath(r.st.pathString(), upath), obj, map[string]bool{"metadata": true, "data": true})
	if md, ok := obj["metadata"]; ok && md != nil {
		mdObj, isObj := md.(map[string]any)
		if !isObj {
			r.st.fail(key+".metadata", "", "an object", md, ErrDecodedPayload)
			return nil, false
		}
		for _, k := range sortedKeys(mdObj) {
			s, isStr := mdObj[k].(string)
			b, ok := decodeBytes(s)
			if !isStr || !ok {
				r.st.fail(key+".metadata."+k, "payload metadata is not base64", "standard base64", mdObj[k], ErrDecodedPayload)
				return nil, false
			}
			if p.Metadata == nil {
				p.Metadata = make(map[string][]byte, len(mdObj))
			}
			p.Metadata[k] = b
		}
	}
	if data, ok := obj["data"]; ok && data != nil {
		s, isStr := data.(string)
		b, ok := decodeBytes(s)
		if !isStr || !ok {
			r.st.fail(key+".data", "payload data is not base64", "standard base64", data, ErrDecodedPayload)
			return nil, false
		}
		p.Data = b
	}
	// Decoded text such as "Temporal" can happen to be valid base64; the
	// bytes it decodes to are then not the JSON the encoding promises.
	if p.Encoding() == converter.EncodingJSON && len(p.Data) > 0 && !json.Valid(p.Data) {
		r.st.fail(key+".data", "payload data is not JSON although its encoding is json/plain",
			"base64 of JSON text", obj["data"], ErrDecodedPayload)
		return nil, false
	}
	return p, true
}

func (r reader) payload(name string, p **converter.Payload) {
	if v, key, ok := r.get(name); ok {
		if pl, ok := r.readPayload(key, canonicalName(name), v); ok {
			*p = pl
		}
	}
}

// readPayloads decodes a Payloads object {"payloads": [...]}; the result is
// never nil, so that an empty {} survives a round trip.
func (r reader) readPayloads(key, upath string, v any) (*converter.Payloads, bool) {
	obj, isObj := v.(map[string]any)
	if !isObj {
		r.st.fail(key, "payloads must be an object {\"payloads\": [...]}; payload shorthand is not supported",
			"an object", v, ErrDecodedPayload)
		return nil, false
	}
	out := &converter.Payloads{}
	r.st.recordUnknown(joinPath(r.st.pathString(), upath), obj, map[string]bool{"payloads": true})
	list, present := obj["payloads"]
	if !present || list == nil {
		return out, true
	}
	items, isList := list.([]any)
	if !isList {
		r.st.fail(key+".payloads", "", "an array", list, ErrDecodedPayload)
		return nil, false
	}
	if len(items) > 0 {
		out.Payloads = make([]*converter.Payload, 0, len(items))
	}
	for i, item := range items {
		suffix := ".payloads[" + strconv.Itoa(i) + "]"
		pl, ok := r.readPayload(key+suffix, upath+suffix, item)
		if !ok {
			return nil, false
		}
		out.Payloads = append(out.Payloads, pl)
	}
	return out, true
}

func (r reader) payloads(name string, p **converter.Payloads) {
	if v, key, ok := r.get(name); ok {
		if pls, ok := r.readPayloads(key, canonicalName(name), v); ok {
			*p = pls
		}
	}
}

func (r reader) payloadMap(name string, p *map[string]*converter.Payload) {
	if v, key, ok := r.get(name); ok {
		obj, isObj := v.(map[string]any)
		if !isObj {
			r.bad(key, "an object", v)
			return
		}
		var out map[string]*converter.Payload
		for _, k := range sortedKeys(obj) {
			if obj[k] == nil {
				continue
			}
			pl, ok := r.readPayload(key+"."+k, canonicalName(name)+"."+k, obj[k])
			if !ok {
				return
			}
			if out == nil {
				out = make(map[string]*converter.Payload, len(obj))
			}
			out[k] = pl
		}
		*p = out
	}
}

func (r reader) payloadsMap(name string, p *map[string]*converter.Payloads) {
	if v, key, ok := r.get(name); ok {
		obj, isObj := v.(map[string]any)
		if !isObj {
			r.bad(key, "an object", v)
			return
		}
		var out map[string]*converter.Payloads
		for _, k := range sortedKeys(obj) {
			if obj[k] == nil {
				continue
			}
			pls, ok := r.readPayloads(key+"."+k, canonicalName(name)+"."+k, obj[k])
			if !ok {
				return
			}
			if out == nil {
				out = make(map[string]*converter.Payloads, len(obj))
			}
			out[k] = pls
		}
		*p = out
	}
}
