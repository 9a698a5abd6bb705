// Package smallmap provides Map, a map for the few live entries that most
// workflow runs hold at a time: up to Size entries live in an array inside
// the Map's owner (no allocation, no hashing), beyond that in a Go map.
package smallmap
