package small

import (
	"time"

	"github.com/wfsim/wfsim/converter"
)

//go:generate go run ../../cmd/gengetters -out small_gen.go small.go

// Kind is an enum.
type Kind int32

// Queue is held by value.
type Queue struct {
	Name string
	Kind Kind
}

// Message has one field of each shape.
type Message struct {
	RequestID      string
	SDKVersion     string
	EventIDRef     int64
	Queue          Queue
	Input          *converter.Payloads
	Timeout        time.Duration
	When           time.Time
	Tags           map[string]string
	Flags          []uint32
	Done           bool
	Weight         float32
	Value          any
	Count          int
	unexported     int
	Existing, Both string
}

// GetExisting is written by hand, so no getter is generated for Existing.
func (m *Message) GetExisting() string { return "hand" }

var _ = (*Message)(nil).unexported
