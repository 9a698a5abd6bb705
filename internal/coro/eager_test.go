package coro_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/internal/coro"
)

func TestGoEager(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		build func(d *coro.Dispatcher, log *[]string)
		want  []string
	}{
		{
			name: "created between passes: first in the next pass, in creation order",
			build: func(d *coro.Dispatcher, log *[]string) {
				d.Go("root", func() { *log = append(*log, "root") })
				d.GoEager("u1", func() { *log = append(*log, "u1") })
				d.GoEager("u2", func() { *log = append(*log, "u2") })
			},
			want: []string{"u1", "u2", "root"},
		},
		{
			name: "created by a running coroutine: right after it, before the later ones",
			build: func(d *coro.Dispatcher, log *[]string) {
				d.Go("a", func() {
					*log = append(*log, "a")
					d.GoEager("e1", func() { *log = append(*log, "e1") })
					d.GoEager("e2", func() { *log = append(*log, "e2") })
					d.Go("late", func() { *log = append(*log, "late") })
				})
				d.Go("b", func() { *log = append(*log, "b") })
			},
			want: []string{"a", "e1", "e2", "b", "late"},
		},
		{
			name: "the creator that yields resumes after the eager coroutine",
			build: func(d *coro.Dispatcher, log *[]string) {
				d.Go("root", func() {
					d.GoEager("update", func() { *log = append(*log, "update") })
					d.Current().Yield()
					*log = append(*log, "root resumed")
				})
			},
			want: []string{"update", "root resumed"},
		},
		{
			// Temporal: internal/internal_coroutines_test.go TestRecursiveEagerCoroutine
			name: "created by an eager coroutine: right after it, still before the older plain ones",
			build: func(d *coro.Dispatcher, log *[]string) {
				d.Go("root", func() {
					*log = append(*log, "root")
					d.Go("", func() { *log = append(*log, "plain 1") })
					d.GoEager("outer", func() {
						*log = append(*log, "outer eager")
						d.GoEager("inner", func() { *log = append(*log, "inner eager") })
					})
					d.Go("", func() { *log = append(*log, "plain 2") })
					*log = append(*log, "root yields")
					d.Current().Yield()
					*log = append(*log, "root resumed")
				})
			},
			want: []string{"root", "root yields", "outer eager", "inner eager", "plain 1", "plain 2", "root resumed"},
		},
		{
			// Temporal: internal/internal_coroutines_test.go TestEagerCoroutineWhileNotRunning
			name: "created before the first pass: before the root",
			build: func(d *coro.Dispatcher, log *[]string) {
				d.Go("root", func() { *log = append(*log, "root") })
				d.GoEager("eager", func() { *log = append(*log, "eager") })
			},
			want: []string{"eager", "root"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := coro.New()
			defer d.Close()
			var log []string
			tt.build(d, &log)
			require.NoError(t, d.RunUntilAllBlocked())
			assert.Equal(t, tt.want, log)
			assert.Equal(t, 0, d.Len())
		})
	}
}
