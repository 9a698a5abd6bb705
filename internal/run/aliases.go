package run

// Aliases is Temporal's registration aliasing for one registry: a
// function registered under a custom name (RegisterOptions.Name) is named
// by that name wherever workflow or test code passes the function itself
// (ExecuteActivity, ExecuteLocalActivity, ExecuteChildWorkflow,
// NewContinueAsNewError, ExecuteWorkflow, OnActivity, OnWorkflow).
//
// As in Temporal's SDK, the tables are keyed by the function's Go name
// (what fn.Name gives, without the package), so two functions of the same
// name in different packages share an alias; registering a function again
// under another custom name replaces its alias; and the methods of an
// activity struct registered with a Name prefix get none.
//
// The zero Aliases is empty, and a nil *Aliases aliases nothing. A driver
// fills one before its runs start; runs only read it.
type Aliases struct {
	workflows  map[string]string
	activities map[string]string
}

// AddWorkflow records that the workflow function named goName was
// registered under name.
func (a *Aliases) AddWorkflow(goName, name string) {
	if a.workflows == nil {
		a.workflows = make(map[string]string)
	}
	a.workflows[goName] = name
}

// AddActivity records that the activity function named goName was
// registered under name.
func (a *Aliases) AddActivity(goName, name string) {
	if a.activities == nil {
		a.activities = make(map[string]string)
	}
	a.activities[goName] = name
}

// Workflow returns the name the workflow function named goName was
// registered under, or goName when it has no alias.
func (a *Aliases) Workflow(goName string) string {
	if a != nil {
		if name, ok := a.workflows[goName]; ok {
			return name
		}
	}
	return goName
}

// Activity returns the name the activity function named goName was
// registered under, or goName when it has no alias.
func (a *Aliases) Activity(goName string) string {
	if a != nil {
		if name, ok := a.activities[goName]; ok {
			return name
		}
	}
	return goName
}

// Empty reports whether a aliases nothing.
func (a *Aliases) Empty() bool {
	return a == nil || len(a.workflows) == 0 && len(a.activities) == 0
}
