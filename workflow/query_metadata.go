package workflow

import (
	"cmp"
	"reflect"
	"slices"
)

// queryTypeWorkflowMetadata is Temporal's built-in query that describes the
// workflow: its type, the queries, signals and updates it handles (with
// their descriptions) and its current details.
const queryTypeWorkflowMetadata = "__temporal_workflow_metadata"

// workflowMetadata is the answer to the metadata query. Its JSON is that of
// Temporal's sdk.WorkflowMetadata message (camelCase names, empty fields
// left out), so a client struct with those names decodes it.
type workflowMetadata struct {
	Definition     *workflowDefinition `json:"definition,omitempty"`
	CurrentDetails string              `json:"currentDetails,omitempty"`
}

type workflowDefinition struct {
	Type              string                  `json:"type,omitempty"`
	QueryDefinitions  []interactionDefinition `json:"queryDefinitions,omitempty"`
	SignalDefinitions []interactionDefinition `json:"signalDefinitions,omitempty"`
	UpdateDefinitions []interactionDefinition `json:"updateDefinitions,omitempty"`
}

type interactionDefinition struct {
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
}

// metadataQueryHandler answers the metadata query on the run's state.
func (s *runState) metadataQueryHandler() *queryHandler {
	return &queryHandler{fn: reflect.ValueOf(func() (workflowMetadata, error) {
		def := &workflowDefinition{Type: s.info.WorkflowType.Name}
		def.QueryDefinitions = []interactionDefinition{
			{Name: QueryTypeStackTrace, Description: "Current stack trace"},
			{Name: queryTypeWorkflowMetadata, Description: "Metadata about the workflow"},
		}
		for name, h := range s.queryHandlers() {
			def.QueryDefinitions = append(def.QueryDefinitions, interactionDefinition{Name: name, Description: h.opts.Description})
		}
		// Every signal channel the run has: Temporal lists those the code
		// asked for; a channel made by a signal nobody asked for yet is
		// listed too (keeping a list of requests would cost every run that
		// asks for a channel an allocation).
		for _, c := range s.signalChannels() {
			d := interactionDefinition{Name: c.name}
			if s.extras != nil {
				d.Description = s.extras.signalDescriptions[c.name]
			}
			def.SignalDefinitions = append(def.SignalDefinitions, d)
		}
		for name, h := range s.updatesOrNil().handlerMap() {
			def.UpdateDefinitions = append(def.UpdateDefinitions, interactionDefinition{Name: name, Description: h.opts.Description})
		}
		for _, d := range [][]interactionDefinition{def.QueryDefinitions, def.SignalDefinitions, def.UpdateDefinitions} {
			slices.SortFunc(d, func(a, b interactionDefinition) int { return cmp.Compare(a.Name, b.Name) })
		}
		md := workflowMetadata{Definition: def}
		if s.extras != nil {
			md.CurrentDetails = s.extras.currentDetails
		}
		return md, nil
	})}
}

// describeSignal keeps the description of a signal channel for the
// metadata query. The first description stands, as in Temporal.
func (s *runState) describeSignal(name string, options SignalChannelOptions) {
	if options.Description == "" {
		return
	}
	x := s.extrasForWrite()
	if _, ok := x.signalDescriptions[name]; ok {
		return
	}
	if x.signalDescriptions == nil {
		x.signalDescriptions = make(map[string]string)
	}
	x.signalDescriptions[name] = options.Description
}
