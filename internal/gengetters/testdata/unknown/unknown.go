package unknown

import "net/netip"

// Node holds a type of another package that the generator has no zero value for.
type Node struct {
	Addr netip.Addr
}
