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
	ptrField(v, "userMetadata", &e.UserMetadata)
	listField(v, "links", &e.Links)
	ptrField(v, "principal", &e.Principal)
}
