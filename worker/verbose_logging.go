package worker

// EnableVerboseLogging is Temporal's switch for its worker's internal debug
// logs. wfsim's worker has no such logs, so the call is accepted and does
// nothing; it exists so that replay tests which turn it on before replaying
// histories (as Temporal's own advice shows) compile unchanged.
func EnableVerboseLogging(enable bool) {}
