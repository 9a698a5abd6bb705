package session

// CreationActivity is the activity type of a session's creation: scheduled
// on the creation task queue, it runs on a session worker for as long as the
// session lives, heartbeating.
const CreationActivity = "internalSessionCreationActivity"

// CompletionActivity is the activity type CompleteSession schedules on the
// session's task queue to release the session worker.
const CompletionActivity = "internalSessionCompletionActivity"

// CreationQueueSuffix follows the activities' task queue in the name of the
// queue session workers take creation activities from.
const CreationQueueSuffix = "__internal_session_creation"

// CreationQueue is the creation task queue of sessions whose activities would
// otherwise run on queue.
func CreationQueue(queue string) string { return queue + CreationQueueSuffix }

// Response is what a session worker signals the workflow, on a signal named
// after the session's ID, once the creation activity has started: where the
// session's activities go.
type Response struct {
	Taskqueue  string
	HostName   string
	ResourceID string
}

// ResourceQueue is the name of the task queue a session worker takes a
// session's activities from: its resource ID at its host name.
func ResourceQueue(resourceID, hostName string) string { return resourceID + "@" + hostName }
