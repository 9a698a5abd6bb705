package testsuite

// InOrderMockCalls declares that the given mocked calls happen in this
// order, as Temporal's InOrderMockCalls (testify's mock.InOrder): each call
// but the first is NotBefore the one before it. A call made before the one
// it must follow is refused as NotBefore refuses it.
func (env *TestWorkflowEnvironment) InOrderMockCalls(calls ...*MockCallWrapper) {
	for i := 1; i < len(calls); i++ {
		calls[i].NotBefore(calls[i-1])
	}
}
