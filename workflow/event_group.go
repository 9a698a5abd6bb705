package workflow

// Event Groups (experimental in Temporal's SDK) let workflow code tag the
// commands it issues so that Temporal's UI can show related history events
// as one group. Temporal's SDK sends them as the event_group_markers of each
// command (a label marker per explicit group: its ID, and its label encoded
// as a json/plain string with the default converter and then the worker's
// codec; an update handler's commands carry an implicit marker naming the
// update), and a server that supports them records the markers on the
// events it makes of those commands.
//
// wfsim accepts event groups everywhere Temporal's SDK does, so code that
// uses them ports, but records no markers: they change nothing a workflow
// does, and which events a server marks is not specified in Temporal's API.
// A history recorded by a server with markers replays (the replay package
// keeps them as unknown event fields).
//
// The options that carry groups are ActivityOptions, LocalActivityOptions,
// ChildWorkflowOptions, TimerOptions, SideEffectOptions,
// MutableSideEffectOptions, ContinueAsNewErrorOptions and those of the
// ...WithOptions calls (with_options.go).

// EventGroupOptions are the options of NewEventGroupWithOptions, as
// Temporal's workflow.EventGroupOptions.
type EventGroupOptions struct {
	// Label is the group's name for people; empty for none. Temporal
	// encodes it with the worker's codec: unlike the ID it may hold
	// sensitive text.
	Label string
}

// EventGroup is an explicit Event Group, as Temporal's workflow.EventGroup:
// made by NewEventGroup or NewEventGroupWithOptions, attached to commands
// by WithEventGroups or by the EventGroups of an operation's options.
type EventGroup struct {
	// ID identifies the group, verbatim (never encoded: no secrets).
	ID string

	label string
}

// NewEventGroup returns the Event Group id, without a label, as Temporal's
// workflow.NewEventGroup. An empty id panics.
func NewEventGroup(id string) EventGroup {
	return NewEventGroupWithOptions(id, EventGroupOptions{})
}

// NewEventGroupWithOptions returns the Event Group id with options, as
// Temporal's workflow.NewEventGroupWithOptions. An empty id panics, with
// Temporal's text.
func NewEventGroupWithOptions(id string, options EventGroupOptions) EventGroup {
	if id == "" {
		panic("event group ID must not be empty") // Temporal's text
	}
	return EventGroup{ID: id, label: options.Label}
}

// eventGroupsKey is the Context key of the groups WithEventGroups set.
type eventGroupsKey struct{}

// WithEventGroups returns a copy of ctx whose commands also belong to
// groups, as Temporal's workflow.WithEventGroups. Calls add up: the groups
// of ctx stay. Groups with one ID count once, the first one given (and its
// label) wins. With no groups it returns ctx.
func WithEventGroups(ctx Context, groups ...EventGroup) Context {
	if len(groups) == 0 {
		return ctx
	}
	parent, _ := ctx.Value(eventGroupsKey{}).([]EventGroup)
	merged := make([]EventGroup, len(parent), len(parent)+len(groups))
	copy(merged, parent)
	for _, g := range groups {
		if !hasEventGroup(merged, g.ID) {
			merged = append(merged, g)
		}
	}
	return WithValue(ctx, eventGroupsKey{}, merged)
}

func hasEventGroup(groups []EventGroup, id string) bool {
	for _, g := range groups {
		if g.ID == id {
			return true
		}
	}
	return false
}
