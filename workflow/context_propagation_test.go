package workflow_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/workflow"
)

func TestHeaderReaderWriter(t *testing.T) {
	t.Parallel()
	fields := map[string]*converter.Payload{}
	w := workflow.NewHeaderWriter(fields)
	for _, k := range []string{"b", "c", "a"} {
		w.Set(k, &converter.Payload{Data: []byte(k)})
	}
	r := workflow.NewHeaderReader(fields)
	p, ok := r.Get("c")
	require.True(t, ok)
	assert.Equal(t, "c", string(p.Data))
	_, ok = r.Get("missing")
	assert.False(t, ok)

	var keys []string
	require.NoError(t, r.ForEachKey(func(k string, _ *converter.Payload) error {
		keys = append(keys, k)
		return nil
	}))
	assert.Equal(t, []string{"a", "b", "c"}, keys, "keys in order: deterministic")

	stop := errors.New("stop")
	keys = nil
	err := r.ForEachKey(func(k string, _ *converter.Payload) error {
		keys = append(keys, k)
		return stop
	})
	assert.ErrorIs(t, err, stop)
	assert.Equal(t, []string{"a"}, keys)

	empty := workflow.NewHeaderReader(nil)
	_, ok = empty.Get("a")
	assert.False(t, ok)
	assert.NoError(t, empty.ForEachKey(func(string, *converter.Payload) error { return stop }))

	assert.PanicsWithValue(t, "workflow: NewHeaderWriter of a nil map", func() { workflow.NewHeaderWriter(nil) })
}
