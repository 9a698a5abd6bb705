package coro_test

import (
	"testing"

	"github.com/wfsim/wfsim/internal/coro"
)

func TestBlockedUnwinding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		body    func(d *coro.Dispatcher, never func() bool)
		blocked string
	}{
		{
			name: "a deferred function run by a panic blocks",
			body: func(d *coro.Dispatcher, never func() bool) {
				d.Go("plain", func() { d.Current().Block("wait", never) })
				d.Go("panicker", func() {
					defer func() { d.Current().Block("deferred wait", never) }()
					panic("boom")
				})
			},
			blocked: "panicker",
		},
		{
			name: "a deferred function blocks without a panic",
			body: func(d *coro.Dispatcher, never func() bool) {
				d.Go("returner", func() {
					defer func() { d.Current().Block("deferred wait", never) }()
				})
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := coro.New()
			defer d.Close()
			tt.body(d, func() bool { return false })
			if err := d.RunUntilAllBlocked(); err != nil {
				t.Fatal(err)
			}
			got := ""
			if c := d.BlockedUnwinding(); c != nil {
				got = c.Name()
			}
			if got != tt.blocked {
				t.Fatalf("BlockedUnwinding() = %q, want %q", got, tt.blocked)
			}
		})
	}
}
