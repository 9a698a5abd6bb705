package src

type Event struct{ ID int64 }

type History struct{ Events []*Event }

type TimerFiredAttributes struct{ TimerID string }

type TimerStartedAttributes struct{ TimerID string }

// StartedAttributes is an alias, so patterns leave it out.
type StartedAttributes = TimerStartedAttributes

type Kind int32

type unexportedAttributes struct{}
