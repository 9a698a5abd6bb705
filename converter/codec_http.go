package converter

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
)

// The paths a codec server answers under its endpoint, as Temporal's.
const (
	codecEncodePath = "/encode"
	codecDecodePath = "/decode"
)

// codecHandler serves a chain of codecs over HTTP.
type codecHandler struct{ codecs []PayloadCodec }

// NewPayloadCodecHTTPHandler returns an http.Handler that runs payloads
// through codecs for a codec server (Temporal's
// converter.NewPayloadCodecHTTPHandler), the service the Temporal UI and
// CLI call to show encoded payloads: a POST to a path ending in /encode or
// /decode with a JSON Payloads body ({"payloads":[…]}) is answered with the
// payloads encoded or decoded, in the same form. Codecs chain as in
// NewCodecDataConverter. Other methods and paths get 404; a body that is
// not Payloads, or a codec error, gets 400 with the error text.
//
// It has nothing to simulate: it is here so that a codec server's handler
// can be tested with net/http/httptest next to the workflows.
func NewPayloadCodecHTTPHandler(codecs ...PayloadCodec) http.Handler {
	return &codecHandler{codecs: slices.Clone(codecs)}
}

// ServeHTTP encodes or decodes the payloads of the request.
func (h *codecHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	encode := strings.HasSuffix(r.URL.Path, codecEncodePath)
	if r.Method != http.MethodPost || (!encode && !strings.HasSuffix(r.URL.Path, codecDecodePath)) {
		http.NotFound(w, r)
		return
	}
	if r.Body == nil {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var in Payloads
	if err := json.Unmarshal(body, &in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var out []*Payload
	if encode {
		out, err = encodeChain(h.codecs, in.Payloads)
	} else {
		out, err = decodeChain(h.codecs, in.Payloads)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(Payloads{Payloads: out}); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}

// RemotePayloadCodecOptions holds the options of NewRemotePayloadCodec.
// It is Temporal's converter.RemotePayloadCodecOptions.
type RemotePayloadCodecOptions struct {
	// Endpoint is the codec server's URL; /encode and /decode are
	// appended to it.
	Endpoint string
	// ModifyRequest, if set, is called on each request before it is sent
	// (to add credentials, for example); its error fails the call.
	ModifyRequest func(*http.Request) error
	// Client sends the requests; the zero Client is fine.
	Client http.Client
}

// remoteCodec is a PayloadCodec that calls a codec server.
type remoteCodec struct{ options RemotePayloadCodecOptions }

// NewRemotePayloadCodec returns a PayloadCodec that has a codec server
// (such as one serving NewPayloadCodecHTTPHandler) encode and decode the
// payloads. It is Temporal's converter.NewRemotePayloadCodec. It makes real
// HTTP calls, in real time: a simulation gives no virtual time to them.
func NewRemotePayloadCodec(options RemotePayloadCodecOptions) PayloadCodec {
	return &remoteCodec{options: options}
}

// Encode has the codec server encode the payloads.
func (c *remoteCodec) Encode(payloads []*Payload) ([]*Payload, error) {
	return c.call(c.options.Endpoint+codecEncodePath, payloads)
}

// Decode has the codec server decode the payloads.
func (c *remoteCodec) Decode(payloads []*Payload) ([]*Payload, error) {
	return c.call(c.options.Endpoint+codecDecodePath, payloads)
}

func (c *remoteCodec) call(url string, payloads []*Payload) ([]*Payload, error) {
	body, err := json.Marshal(Payloads{Payloads: payloads})
	if err != nil {
		return payloads, fmt.Errorf("unable to marshal payloads: %w", err)
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return payloads, fmt.Errorf("unable to build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if c.options.ModifyRequest != nil {
		if err := c.options.ModifyRequest(req); err != nil {
			return payloads, err
		}
	}
	resp, err := c.options.Client.Do(req)
	if err != nil {
		return payloads, err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(resp.Body)
		return payloads, fmt.Errorf("%s: %s", http.StatusText(resp.StatusCode), msg)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return payloads, fmt.Errorf("failed to read response body: %w", err)
	}
	var out Payloads
	if err := json.Unmarshal(b, &out); err != nil {
		return payloads, fmt.Errorf("unable to unmarshal payloads: %w", err)
	}
	if len(out.Payloads) != len(payloads) {
		return payloads, fmt.Errorf("received %d payloads from remote codec, expected %d", len(out.Payloads), len(payloads))
	}
	return out.Payloads, nil
}

// RemoteDataConverterOptions holds the options of NewRemoteDataConverter;
// the fields are those of RemotePayloadCodecOptions. It is Temporal's
// converter.RemoteDataConverterOptions.
type RemoteDataConverterOptions struct {
	Endpoint      string
	ModifyRequest func(*http.Request) error
	Client        http.Client
}

// NewRemoteDataConverter returns a DataConverter that converts values with
// parent and has the codec server at options.Endpoint (a trailing slash is
// dropped) encode and decode the payloads: NewCodecDataConverter with a
// NewRemotePayloadCodec. It is Temporal's converter.NewRemoteDataConverter.
func NewRemoteDataConverter(parent DataConverter, options RemoteDataConverterOptions) DataConverter {
	options.Endpoint = strings.TrimSuffix(options.Endpoint, "/")
	return NewCodecDataConverter(parent, NewRemotePayloadCodec(RemotePayloadCodecOptions(options)))
}
