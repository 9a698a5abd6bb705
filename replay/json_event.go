package replay

// JSON form of an event's own fields, in Temporal's proto order. The
// attributes come after them; readEvent and appendEvent handle those,
// because which key is expected depends on the event type.
func (e *Event) fields(v visitor) {
	v.i64("eventId", &e.EventID)
	v.ts("eventTime", &e.EventTime)
	v.eventType("eventType", &e.EventType)
	v.i64("version", &e.Version)
	v.i64("taskId", &e.TaskID)
	v.boolean("workerMayIgnore", &e.WorkerMayIgnore)
	if e.Extras != nil {
		e.Extras.fields(v)
		return
	}
	if _, writing := v.(*writer); writing {
		return // no extras to print
	}
	// A reader fills x, kept only if it found some.
	var x EventExtras
	x.fields(v)
	if x.UserMetadata != nil || x.Links != nil || x.Principal != nil {
		e.Extras = &x
	}
}

// fields visits the extras that are JSON fields of the event itself.
func (x *EventExtras) fields(v visitor) {
	ptrField(v, "userMetadata", &x.UserMetadata)
	listField(v, "links", &x.Links)
	ptrField(v, "principal", &x.Principal)
}
