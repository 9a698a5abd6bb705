// Package stack captures the stack trace a panic is recorded with, in a
// form that is the same on every run.
//
// A panic's stack goes into the history (the StackTrace of a PanicError's
// Failure), and wfsim promises the same history, byte for byte, on every
// run. runtime/debug.Stack prints what differs between runs: goroutine
// numbers and the argument words of each frame (heap addresses), and,
// between builds of the same code (with -race or without, say), the PC
// offsets. Trace keeps the frames, files and lines, and drops those.
package stack

import (
	"runtime/debug"
	"strings"
)

// Trace returns the calling goroutine's stack, as debug.Stack formats it,
// without goroutine numbers, argument values or PC offsets: "goroutine 7
// [running]:" becomes "goroutine [running]:", "main.f(0xc000012345, 0x2)"
// becomes "main.f(...)", "\t/src/main.go:12 +0x5e" becomes
// "\t/src/main.go:12", and "created by main.g in goroutine 1" becomes
// "created by main.g".
func Trace() string { return Stable(string(debug.Stack())) }

// Stable rewrites a stack trace in debug.Stack's format as Trace does.
func Stable(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for line := range strings.Lines(s) {
		b.WriteString(stableLine(line))
	}
	return b.String()
}

// stableLine rewrites one line of a stack trace (see Trace).
func stableLine(line string) string {
	body := strings.TrimSuffix(line, "\n")
	eol := line[len(body):]
	switch {
	case strings.HasPrefix(body, "\t"):
		// A file:line +offset line: the offset differs between builds.
		if i := strings.LastIndex(body, " +0x"); i > 0 {
			return body[:i] + eol
		}
		return line
	case strings.HasPrefix(body, "goroutine "):
		if rest, ok := strings.CutPrefix(body, "goroutine "); ok {
			if i := strings.IndexByte(rest, ' '); i > 0 && isDigits(rest[:i]) {
				return "goroutine" + rest[i:] + eol
			}
		}
	case strings.HasPrefix(body, "created by "):
		if i := strings.LastIndex(body, " in goroutine "); i > 0 && isDigits(body[i+len(" in goroutine "):]) {
			return body[:i] + eol
		}
	case strings.HasSuffix(body, ")"):
		// A frame: the function's name, then its arguments in the last
		// parentheses (argument words print as hex, "{…}", "...", never
		// with parentheses of their own).
		if i := strings.LastIndexByte(body, '('); i > 0 {
			return body[:i] + "(...)" + eol
		}
	}
	return line
}

func isDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
