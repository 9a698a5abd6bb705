package wfsim

import (
	"fmt"
	"strconv"
)

// ArgumentError reports arguments that do not fit the function they are
// meant for: an activity, workflow, signal, query or update handler called
// with the wrong number of arguments, or with an argument whose type (or
// encoded value) does not fit the parameter.
//
// Position is 0 for a wrong number of arguments, with WantCount and
// GotCount set; otherwise it is the 1-based position of the argument among
// those the caller passes (context parameters are not counted), with
// Expected and Got set.
type ArgumentError struct {
	// Kind says what the function is: "activity", "workflow", "signal", …
	Kind string
	// Name is the function's registered name.
	Name string

	// Position is the 1-based position of the argument, or 0 for a wrong
	// number of arguments.
	Position int
	// Expected is the parameter's type, such as "int".
	Expected string
	// Got describes what was given: a Go type, "nil", or an encoded value.
	Got string

	// WantCount and GotCount are the numbers of arguments the function
	// takes and was given, when Position is 0.
	WantCount int
	GotCount  int

	// Err is the cause, such as a *converter.DecodeError; nil when the
	// types alone do not fit.
	Err error
}

// Error returns, for example,
//
//	activity "Charge": argument 2: the function takes int, got string
//	activity "Charge": takes 2 arguments, got 3
func (e *ArgumentError) Error() string {
	prefix := e.Kind + " " + strconv.Quote(e.Name) + ": "
	if e.Position == 0 {
		return prefix + "takes " + plural(e.WantCount, "argument") + ", got " + strconv.Itoa(e.GotCount)
	}
	msg := fmt.Sprintf("%sargument %d: the function takes %s, got %s", prefix, e.Position, e.Expected, e.Got)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the cause.
func (e *ArgumentError) Unwrap() error { return e.Err }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
