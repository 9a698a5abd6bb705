package converter_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wfsim/wfsim/converter"
)

func TestPayloadCodecHTTPHandler(t *testing.T) {
	t.Parallel()
	handler := converter.NewPayloadCodecHTTPHandler(converter.NewZlibCodec(converter.ZlibCodecOptions{AlwaysEncode: true}))
	ps, _ := converter.GetDefaultDataConverter().ToPayloads("test", 7)
	plain, _ := json.Marshal(ps)

	serve := func(method, path, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		return rec
	}
	tests := []struct {
		name   string
		method string
		path   string
		body   string
		code   int
	}{
		{"GET is not served", http.MethodGet, "/encode", string(plain), http.StatusNotFound},
		{"unknown path", http.MethodPost, "/missing", string(plain), http.StatusNotFound},
		{"not JSON", http.MethodPost, "/encode", "nope", http.StatusBadRequest},
		{"corrupt payload to decode", http.MethodPost, "/decode",
			`{"payloads":[{"metadata":{"encoding":"YmluYXJ5L3psaWI="},"data":"AAAA"}]}`, http.StatusBadRequest},
	}
	for _, tt := range tests {
		if rec := serve(tt.method, tt.path, tt.body); rec.Code != tt.code {
			t.Errorf("%s: code = %d, want %d (%s)", tt.name, rec.Code, tt.code, rec.Body)
		}
	}

	enc := serve(http.MethodPost, "/codec/encode", string(plain))
	if enc.Code != http.StatusOK || enc.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("encode: %d %q %s", enc.Code, enc.Header().Get("Content-Type"), enc.Body)
	}
	var encoded converter.Payloads
	if err := json.Unmarshal(enc.Body.Bytes(), &encoded); err != nil {
		t.Fatal(err)
	}
	if len(encoded.Payloads) != 2 || encoded.Payloads[0].Encoding() != "binary/zlib" {
		t.Fatalf("encoded = %s", enc.Body)
	}
	dec := serve(http.MethodPost, "/codec/decode", enc.Body.String())
	if dec.Code != http.StatusOK || strings.TrimSpace(dec.Body.String()) != string(plain) {
		t.Errorf("decode: %d %s, want %s", dec.Code, dec.Body, plain)
	}
}

func TestRemoteDataConverter(t *testing.T) {
	t.Parallel()
	var log []string
	handler := converter.NewPayloadCodecHTTPHandler(&tagCodec{name: "remote", log: &log})
	var auth []string
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = append(auth, r.Header.Get("Authorization"))
		handler.ServeHTTP(w, r)
	}))
	defer server.Close()

	dc := converter.NewRemoteDataConverter(converter.GetDefaultDataConverter(), converter.RemoteDataConverterOptions{
		Endpoint:      server.URL + "/",
		ModifyRequest: func(r *http.Request) error { r.Header.Set("Authorization", "Bearer t"); return nil },
	})
	ps, err := dc.ToPayloads("a", 2)
	if err != nil {
		t.Fatal(err)
	}
	if ps.Payloads[0].Encoding() != "binary/remote" {
		t.Errorf("encoding = %q, want the server's binary/remote", ps.Payloads[0].Encoding())
	}
	var (
		a string
		n int
	)
	if err := dc.FromPayloads(ps, &a, &n); err != nil || a != "a" || n != 2 {
		t.Errorf("FromPayloads = %q %d %v", a, n, err)
	}
	if diff := cmp.Diff([]string{"Bearer t", "Bearer t"}, auth); diff != "" {
		t.Errorf("requests not modified (-want +got):\n%s", diff)
	}

	// A server error comes back as the status and the server's text.
	failing := converter.NewRemotePayloadCodec(converter.RemotePayloadCodecOptions{Endpoint: server.URL})
	bad := &converter.Payload{Metadata: map[string][]byte{"encoding": []byte("binary/remote")}, Data: []byte{0xff}}
	if _, err := failing.Decode([]*converter.Payload{bad}); err == nil || !strings.HasPrefix(err.Error(), "Bad Request: ") {
		t.Errorf("Decode err = %v, want a Bad Request error", err)
	}
	// So does an error of ModifyRequest.
	denied := converter.NewRemotePayloadCodec(converter.RemotePayloadCodecOptions{
		Endpoint:      server.URL,
		ModifyRequest: func(*http.Request) error { return errors.New("no token") },
	})
	if _, err := denied.Encode(ps.Payloads); err == nil || err.Error() != "no token" {
		t.Errorf("Encode err = %v, want no token", err)
	}
}
