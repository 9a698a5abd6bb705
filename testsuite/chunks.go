package testsuite

// roomInChunks returns chunks with room in its last chunk: when the last
// is full (or there is none), a new one is appended, twice the last's
// capacity (minSize for the first, at most maxSize). Chunks never move, so
// pointers into them stay valid and growing copies nothing.
func roomInChunks[T any](chunks [][]T, minSize, maxSize int) [][]T {
	k := len(chunks) - 1
	if k >= 0 && len(chunks[k]) < cap(chunks[k]) {
		return chunks
	}
	size := minSize
	if k >= 0 {
		size = min(2*cap(chunks[k]), maxSize)
	}
	return append(chunks, make([]T, 0, size))
}
