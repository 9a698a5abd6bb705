module github.com/wfsim/wfsim

go 1.25

require (
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/stretchr/testify v1.11.1 // indirect
	pgregory.net/rapid v1.2.0 // indirect
)
