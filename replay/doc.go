// Package replay reads, writes and replays workflow histories in Temporal's
// JSON format.
package replay
