package testsuite_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/wfsim/wfsim/testsuite"
)

// TestRandomProgramsShrugOffBadInput: while a random program runs, the test
// makes calls a server would refuse — a task token that names nothing, a
// workflow that does not exist, a query or an update nobody handles, a
// signal whose argument cannot be encoded. Each gives a typed error (an
// update, its rejection) and changes nothing: the program gives what the
// model says, and its histories replay strictly.
func TestRandomProgramsShrugOffBadInput(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		sc := genScenario(t)
		type call struct {
			at   time.Duration
			kind int
		}
		var calls []call
		for range rapid.IntRange(1, 6).Draw(t, "bad calls") {
			calls = append(calls, call{
				at:   time.Duration(rapid.IntRange(0, 20).Draw(t, "bad call minute"))*time.Minute + 9*time.Second,
				kind: rapid.IntRange(0, 8).Draw(t, "bad call"),
			})
		}
		token := rapid.SliceOfN(rapid.Byte(), 0, 24).Draw(t, "token")
		bad := func(env *testsuite.TestWorkflowEnvironment) {
			root := "default-test-workflow-id"
			for k, c := range calls {
				expect := func(what string, err error, target any) {
					switch {
					case err == nil:
						t.Fatalf("bad call %d (%s) was accepted", k, what)
					case target != nil && !errors.As(err, target):
						t.Fatalf("bad call %d (%s): want a %T, got %T: %v", k, what, target, err, err)
					case err.Error() == "":
						t.Fatalf("bad call %d (%s): the error says nothing", k, what)
					}
				}
				env.RegisterDelayedCallback(func() {
					var ace *testsuite.ActivityCompletionError
					var nf *testsuite.WorkflowNotFoundError
					switch c.kind {
					case 0:
						expect("CompleteActivity", env.CompleteActivity(token, 1, nil), &ace)
					case 1:
						expect("RecordActivityHeartbeat", env.RecordActivityHeartbeat(token, "details"), &ace)
					case 2:
						expect("CompleteActivityByID", env.CompleteActivityByID("nope", "", "5", 1, nil), nil)
					case 3:
						expect("SignalWorkflowByID", env.SignalWorkflowByID("nope", "sig", "x"), &nf)
					case 4:
						expect("SignalWorkflowByID unencodable", env.SignalWorkflowByID(root, "sig", make(chan int)), nil)
					case 5:
						expect("CancelWorkflowByID", env.CancelWorkflowByID("nope", ""), &nf)
					case 6:
						_, err := env.QueryWorkflow("nope")
						expect("QueryWorkflow", err, nil)
					case 7:
						expect("UpdateWorkflowByID", env.UpdateWorkflowByID("nope", "upd", fmt.Sprintf("bad-%d", k), &testsuite.TestUpdateCallback{
							OnComplete: func(any, error) { t.Fatalf("bad call %d: an update of a missing workflow completed", k) },
						}), &nf)
					case 8:
						env.UpdateWorkflow("nope", fmt.Sprintf("bad-%d", k), &testsuite.TestUpdateCallback{
							OnReject:   func(err error) { expect("UpdateWorkflow unknown name", err, nil) },
							OnComplete: func(any, error) { t.Fatalf("bad call %d: an update nobody handles completed", k) },
						})
					}
				}, c.at)
			}
		}
		want := predict(sc)
		got := runProgram(t, sc, bad)
		if !slices.Equal(got.Notes, want.Notes) || got.Canceled != want.Canceled || !slices.Equal(got.Updates, want.Updates) {
			t.Fatalf("scenario %+v with bad calls %v:\n got %v (canceled %v) %v\nwant %v (canceled %v) %v",
				sc, calls, got.Notes, got.Canceled, got.Updates, want.Notes, want.Canceled, want.Updates)
		}
		replayStrictly(t, sc, got.Histories)
	})
}
