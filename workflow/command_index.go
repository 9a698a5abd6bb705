package workflow

import (
	"github.com/wfsim/wfsim/internal/run"
	"github.com/wfsim/wfsim/internal/smallmap"
)

// commandIndex finds the live commands of a book by kind and ID: an array
// searched in order while few are live (as smallmap.Map does; a command is
// its own key, so the array holds pointers only), then one Go map per kind, keyed by
// the ID alone (a map's fast string path).
type commandIndex struct {
	n     int
	small [smallmap.Size]*command
	big   *[numCommandKinds]map[string]*command
}

// get returns the command of kind with id, or nil.
func (x *commandIndex) get(kind run.CommandKind, id string) *command {
	if x.big != nil {
		return x.big[kind][id]
	}
	for _, c := range x.small[:x.n] {
		if c.kind == kind && c.ID == id {
			return c
		}
	}
	return nil
}

// set makes c the command of its kind and ID.
func (x *commandIndex) set(c *command) {
	if x.big != nil {
		m := x.big[c.kind]
		if m == nil {
			m = make(map[string]*command)
			x.big[c.kind] = m
		}
		m[c.ID] = c
		return
	}
	for i, o := range x.small[:x.n] {
		if o.kind == c.kind && o.ID == c.ID {
			x.small[i] = c
			return
		}
	}
	if x.n < smallmap.Size {
		x.small[x.n] = c
		x.n++
		return
	}
	x.big = new([numCommandKinds]map[string]*command)
	for _, o := range x.small[:x.n] {
		x.set(o)
	}
	clear(x.small[:])
	x.n = 0
	x.set(c)
}

// remove drops the command of kind with id, if any.
func (x *commandIndex) remove(kind run.CommandKind, id string) {
	if x.big != nil {
		delete(x.big[kind], id)
		return
	}
	for i, o := range x.small[:x.n] {
		if o.kind == kind && o.ID == id {
			x.n--
			x.small[i] = x.small[x.n]
			x.small[x.n] = nil
			return
		}
	}
}
