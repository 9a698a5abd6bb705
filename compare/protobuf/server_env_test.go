package protobuf_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/protobuf/testing/protocmp"

	temporal "github.com/wfsim/wfsim"
	"github.com/wfsim/wfsim/converter"
	"github.com/wfsim/wfsim/replay"
	"github.com/wfsim/wfsim/testsuite"
)

// rootID is the workflow ID of the workflow under test in wfsim's test
// environment; children are <rootID>-cN, as on the server.
const rootID = "default-test-workflow-id"

// TestServerRunsInTestEnv runs each scenario in wfsim's test environment
// with the converter the server run had, and checks that
//   - every payload wfsim's history records (inputs, results, signals,
//     update arguments and outcomes, memos, markers, failure details) holds
//     what the server's holds at the same place, with the same encoding and
//     message type;
//   - the workflow's result (or its failure's details), decoded by wfsim,
//     equals the server's, decoded by the protobuf runtime;
//   - each query answers what the server's answered.
func TestServerRunsInTestEnv(t *testing.T) {
	t.Parallel()
	for _, cv := range Converters {
		for _, s := range All {
			t.Run(s.Name+"."+cv.Name, func(t *testing.T) {
				t.Parallel()
				env := scenarioEnv(t, s, cv.DC)
				queries := recordedQueries(t, s.Name, cv.Name)
				for _, m := range s.Messages {
					env.RegisterDelayedCallback(func() { sendMessage(t, env, m, queries) }, m.After)
				}
				env.ExecuteWorkflow(s.Workflow, s.Args...)
				if !env.IsWorkflowCompleted() {
					t.Fatal("workflow did not complete")
				}
				for _, f := range serverHistories(t, s.Name, cv.Name) {
					comparePayloads(t, f, wfsimHistoryFor(t, env, f))
				}
				compareOutcome(t, env, s, serverHistories(t, s.Name, cv.Name))
			})
		}
	}
}

// sendMessage sends a scenario's signal or update, or makes its query and
// compares the answer with the server's.
func sendMessage(t *testing.T, env *testsuite.TestWorkflowEnvironment, m Message, queries map[string]recordedPayload) {
	switch {
	case m.Query:
		var args []any
		if m.Arg != nil {
			args = append(args, m.Arg)
		}
		v, err := env.QueryWorkflow(m.Name, args...)
		if err != nil {
			t.Errorf("query %s: %v", m.Name, err)
			return
		}
		want, ok := queries[m.Name]
		if !ok {
			t.Errorf("query %s: no recorded answer", m.Name)
			return
		}
		wantV, err := want.decoded()
		if err != nil {
			t.Fatalf("query %s: recorded answer: %v", m.Name, err)
		}
		got := newTarget(t, want)
		if err := v.Get(got.Interface()); err != nil {
			t.Errorf("query %s: Get: %v", m.Name, err)
			return
		}
		if diff := cmp.Diff(wantV, got.Elem().Interface(), protocmp.Transform()); diff != "" {
			t.Errorf("query %s answer (-server +wfsim):\n%s", m.Name, diff)
		}
	case m.ID != "":
		env.UpdateWorkflow(m.Name, m.ID, &testsuite.TestUpdateCallback{
			OnReject:   func(err error) { t.Logf("update %s rejected: %v", m.ID, err) },
			OnComplete: func(r any, err error) { t.Logf("update %s: %v %v", m.ID, r, err) },
		}, m.Arg)
	default:
		env.SignalWorkflow(m.Name, m.Arg)
	}
}

// newTarget returns a new **T for the message type a payload names, so
// that decoding into it works as `var x *T; Get(&x)` does.
func newTarget(t *testing.T, p recordedPayload) reflect.Value {
	t.Helper()
	m, err := newMessage(p.Metadata["messageType"])
	if err != nil {
		t.Fatal(err)
	}
	return reflect.New(reflect.TypeOf(m))
}

// recordedQueries reads the answers the server gave to the scenario's
// queries (the answer payloads in Temporal's JSON form).
func recordedQueries(t *testing.T, name, cv string) map[string]recordedPayload {
	b, err := os.ReadFile(filepath.Join("testdata", "server_"+name+"."+cv+".queries.json"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]recordedPayload{}
	for name, r := range raw {
		ps, err := historyPayloads([]byte(`{"events":[{"eventType":"Query","queryEventAttributes":` + string(r) + `}]}`))
		if err != nil || len(ps) != 1 {
			t.Fatalf("query %s: %v", name, err)
		}
		out[name] = ps[0]
	}
	return out
}

var serverFileName = regexp.MustCompile(`^server_[a-z]+(?:\.(c|run)(\d+))?\.[a-z]+\.json$`)

// wfsimHistoryFor returns wfsim's history of the run a server history file
// records: the workflow under test (its Nth run for .runN) or its child N
// (.cN).
func wfsimHistoryFor(t *testing.T, env *testsuite.TestWorkflowEnvironment, file string) *replay.History {
	t.Helper()
	m := serverFileName.FindStringSubmatch(filepath.Base(file))
	if m == nil {
		t.Fatalf("unexpected file name %s", file)
	}
	id, run := rootID, 0
	switch m[1] {
	case "c":
		id = rootID + "-c" + m[2]
	case "run":
		n, _ := strconv.Atoi(m[2])
		run = n - 1
	}
	hs := env.Histories(id)
	if run >= len(hs) {
		t.Fatalf("%s: wfsim has %d runs of %s", file, len(hs), id)
	}
	return hs[run]
}

// comparePayloads checks that wfsim's history holds at each place the
// payloads the server's history holds there, in the same order.
func comparePayloads(t *testing.T, serverFile string, h *replay.History) {
	t.Helper()
	srv, err := fileHistoryPayloads(serverFile)
	if err != nil {
		t.Fatal(err)
	}
	sim, err := wfsimHistoryPayloads(h)
	if err != nil {
		t.Fatal(err)
	}
	srvBy, simBy := byWhere(srv), byWhere(sim)
	for where, want := range srvBy {
		got := simBy[where]
		if len(got) != len(want) {
			t.Errorf("%s: %s: %d payloads on the server, %d in wfsim", filepath.Base(serverFile), where, len(want), len(got))
			continue
		}
		for i := range want {
			comparePayload(t, filepath.Base(serverFile)+": "+where+" #"+strconv.Itoa(i), want[i], got[i])
		}
	}
	for where, got := range simBy {
		if srvBy[where] == nil {
			t.Errorf("%s: %s: %d payloads in wfsim, none on the server", filepath.Base(serverFile), where, len(got))
		}
	}
}

// knownEncodingDifferences are payloads wfsim encodes differently from a
// Temporal worker, by file and place; their values are still compared.
// An entry that no longer differs fails the test: remove it.
var knownEncodingDifferences = map[string]string{
	// Temporal's SDK encodes the MutableSideEffect value message
	// (temporal.api.common.v1.Payloads) with the worker's data converter;
	// wfsim writes it as json/protobuf always: its converters do not take
	// converter.Payloads for that message.
	"server_memo.run2.binpb.json: MarkerRecorded details.data.payloads[1] #0": "MutableSideEffect value message",
}

func comparePayload(t *testing.T, what string, want, got recordedPayload) {
	t.Helper()
	diff := cmp.Diff(want.Metadata, got.Metadata)
	if known, ok := knownEncodingDifferences[what]; ok {
		if diff == "" {
			t.Errorf("%s: the known difference (%s) is gone: remove it from knownEncodingDifferences", what, known)
		} else {
			t.Logf("%s: known difference (%s), metadata (-server +wfsim):\n%s", what, known, diff)
		}
	} else if diff != "" {
		t.Errorf("%s: metadata (-server +wfsim):\n%s", what, diff)
		return
	}
	wantV, err := want.decoded()
	if err != nil {
		t.Errorf("%s: server payload: %v", what, err)
		return
	}
	gotV, err := got.decoded()
	if err != nil {
		t.Errorf("%s: wfsim payload %q: %v", what, got.Data, err)
		return
	}
	if diff := cmp.Diff(wantV, gotV, protocmp.Transform()); diff != "" {
		t.Errorf("%s: value (-server +wfsim):\n%s", what, diff)
	}
}

// compareOutcome checks the workflow's result, decoded by wfsim, against
// the server's last run's, decoded by the protobuf runtime; for a failed
// run, the failure's message, type and details.
func compareOutcome(t *testing.T, env *testsuite.TestWorkflowEnvironment, s Scenario, files []string) {
	t.Helper()
	// the workflow under test's last run: its .runN with the largest N,
	// or the file with no suffix
	last, lastRun := "", 0
	for _, f := range files {
		m := serverFileName.FindStringSubmatch(filepath.Base(f))
		n, _ := strconv.Atoi(m[2])
		if m[1] == "" && last == "" || m[1] == "run" && n > lastRun {
			last, lastRun = f, n
		}
	}
	ps, err := fileHistoryPayloads(last)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		switch p.Where {
		case "WorkflowExecutionCompleted result.payloads[0]":
			want, err := p.decoded()
			if err != nil {
				t.Fatal(err)
			}
			got := newTarget(t, p)
			if err := env.GetWorkflowResult(got.Interface()); err != nil {
				t.Fatalf("GetWorkflowResult: %v", err)
			}
			if diff := cmp.Diff(want, got.Elem().Interface(), protocmp.Transform()); diff != "" {
				t.Errorf("result (-server +wfsim):\n%s", diff)
			}
			return
		}
	}
	// a failed run: compare the details one by one
	var details []recordedPayload
	for _, p := range ps {
		if regexp.MustCompile(`^WorkflowExecutionFailed failure\.applicationFailureInfo\.details\.payloads\[\d+\]$`).MatchString(p.Where) {
			details = append(details, p)
		}
	}
	if len(details) == 0 {
		t.Fatalf("%s: no result and no failure details", last)
	}
	var ae *temporal.ApplicationError
	if err := env.GetWorkflowError(); !errors.As(err, &ae) {
		t.Fatalf("workflow error %v is not an ApplicationError", err)
	}
	targets := make([]any, len(details))
	for i, p := range details {
		targets[i] = newTarget(t, p).Interface()
	}
	if err := ae.Details(targets...); err != nil {
		t.Fatalf("Details: %v", err)
	}
	for i, p := range details {
		want, err := p.decoded()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, reflect.ValueOf(targets[i]).Elem().Interface(), protocmp.Transform()); diff != "" {
			t.Errorf("failure detail %d (-server +wfsim):\n%s", i, diff)
		}
	}
}

// scenarioEnv returns a test environment bound to t, with dc, s's
// workflows, activities and memo, following continue-as-new, ready to run
// s.Workflow as the server did.
func scenarioEnv(t *testing.T, s Scenario, dc converter.DataConverter) *testsuite.TestWorkflowEnvironment {
	env := testsuite.NewTestWorkflowEnvironment(t)
	env.SetDataConverter(dc)
	env.RegisterWorkflow(s.Workflow)
	for _, w := range s.Workflows {
		env.RegisterWorkflow(w)
	}
	for _, a := range s.Activities {
		env.RegisterActivity(a)
	}
	if s.Memo != nil {
		if err := env.SetMemoOnStart(s.Memo); err != nil {
			t.Fatal(err)
		}
	}
	env.FollowContinueAsNew(0)
	return env
}
