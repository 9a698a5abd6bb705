package workflow

import (
	"cmp"
	"slices"
)

// DeterministicKeys returns the keys of m in sorted order: the way to range
// over a map in workflow code, where Go's random map order would make the
// workflow nondeterministic.
func DeterministicKeys[K cmp.Ordered, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// DeterministicKeysFunc is DeterministicKeys for keys ordered by cmp.
func DeterministicKeysFunc[K comparable, V any](m map[K]V, cmp func(a K, b K) int) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp)
	return keys
}
