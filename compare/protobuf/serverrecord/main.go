// Command serverrecord runs every scenario of package scen on a real
// Temporal server (a dev server: temporal server start-dev) with
// Temporal's worker and client, once per data converter
// (scen.Converters), and writes each run's history, in Temporal's JSON, to
// <out>/server_<scenario>[.cN|.runN].<converter>.json and the answers to
// its queries to <out>/server_<scenario>.<converter>.queries.json: the
// testdata of this module's server_*_test.go. With -variants it replays
// them with Temporal's replayer: the same code must pass, scen.Variants
// must fail.
//
// From compare/protobuf:
//
//	go run ./serverrecord -host localhost:7243 -out testdata
//	go run ./serverrecord -variants -out testdata
//	./serverrecord/gen.sh   # the wfsim copy of scen: server_*_test.go
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/wfsim/wfsim/compare/protobuf/serverrecord/scen"
)

func main() {
	out := flag.String("out", "testdata", "output dir")
	host := flag.String("host", "localhost:7243", "server")
	only := flag.String("only", "", "comma-separated scenario names")
	variants := flag.Bool("variants", false, "replay scen.Variants with Temporal's replayer")
	flag.Parse()
	if *variants {
		replayVariants(*out)
		return
	}
	for _, cv := range scen.Converters {
		c, err := client.Dial(client.Options{HostPort: *host, DataConverter: cv.DC})
		if err != nil {
			log.Fatal(err)
		}
		for _, s := range scen.All {
			if *only != "" && !strings.Contains(","+*only+",", ","+s.Name+",") {
				continue
			}
			if err := run(c, s, cv.Name, cv.DC, *out); err != nil {
				log.Printf("%s.%s: %v", s.Name, cv.Name, err)
			}
		}
		c.Close()
	}
}

func run(c client.Client, s scen.Scenario, cvName string, dc converter.DataConverter, out string) error {
	tq := "protosrv-" + s.Name + "-" + cvName
	w := worker.New(c, tq, worker.Options{})
	w.RegisterWorkflow(s.Workflow)
	for _, wf := range s.Workflows {
		w.RegisterWorkflow(wf)
	}
	for _, a := range s.Activities {
		w.RegisterActivity(a)
	}
	if err := w.Start(); err != nil {
		return err
	}
	defer w.Stop()
	ctx := context.Background()
	id := fmt.Sprintf("protosrv-%s-%s-%d", s.Name, cvName, time.Now().UnixNano())
	we, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: tq, Memo: s.Memo}, s.Workflow, s.Args...)
	if err != nil {
		return err
	}
	var mu sync.Mutex
	queries := map[string]json.RawMessage{}
	var wg sync.WaitGroup
	for _, m := range s.Messages {
		wg.Add(1)
		time.AfterFunc(m.After, func() {
			defer wg.Done()
			switch {
			case m.Query:
				var args []any
				if m.Arg != nil {
					args = append(args, m.Arg)
				}
				v, err := c.QueryWorkflow(ctx, id, "", m.Name, args...)
				if err != nil {
					log.Printf("%s: query %s: %v", s.Name, m.Name, err)
					return
				}
				// the answer's payload as the converter wrote it
				var raw converter.RawValue
				if err := v.Get(&raw); err != nil {
					log.Printf("%s: query %s: %v", s.Name, m.Name, err)
					return
				}
				b, err := protojson.Marshal(raw.Payload())
				if err != nil {
					log.Fatal(err)
				}
				mu.Lock()
				queries[m.Name] = b
				mu.Unlock()
			case m.ID != "":
				h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: id, UpdateID: m.ID, UpdateName: m.Name,
					Args: []any{m.Arg}, WaitForStage: client.WorkflowUpdateStageCompleted})
				if err != nil {
					log.Printf("%s: update %s: %v", s.Name, m.ID, err)
					return
				}
				var r any
				if s, ok := m.Arg.(proto.Message); ok {
					r = s.ProtoReflect().New().Interface()
				}
				log.Printf("%s: update %s: %v %v", s.Name, m.ID, h.Get(ctx, r), r)
			default:
				if err := c.SignalWorkflow(ctx, id, "", m.Name, m.Arg); err != nil {
					log.Printf("%s: signal: %v", s.Name, err)
				}
			}
		})
	}
	firstRunID := we.GetRunID()
	var res any
	if s.Result != nil {
		res = s.Result()
	}
	werr := we.Get(ctx, res)
	log.Printf("%s.%s: result %v err %v", s.Name, cvName, res, werr)
	wg.Wait()
	if len(queries) > 0 {
		b, _ := json.MarshalIndent(queries, "", "  ")
		if err := os.WriteFile(filepath.Join(out, "server_"+s.Name+"."+cvName+".queries.json"), b, 0o644); err != nil {
			return err
		}
	}
	children, err := dump(ctx, c, s.Name, cvName, id, firstRunID, out)
	if err != nil {
		return err
	}
	for i, ch := range children {
		cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := c.GetWorkflow(cctx, ch.GetWorkflowId(), ch.GetRunId()).Get(cctx, nil)
		cancel()
		log.Printf("%s: child %s: %v", s.Name, ch.GetWorkflowId(), err)
		suffix := strings.TrimPrefix(ch.GetWorkflowId(), id+"-")
		if suffix == ch.GetWorkflowId() {
			suffix = fmt.Sprint("child", i+1)
		}
		if _, err := dump(ctx, c, s.Name+"."+suffix, cvName, ch.GetWorkflowId(), ch.GetRunId(), out); err != nil {
			return err
		}
	}
	return nil
}

// dump writes every run of the chain starting at runID and returns the
// children the first run started.
func dump(ctx context.Context, c client.Client, base, cvName, id, runID, out string) ([]*commonpb.WorkflowExecution, error) {
	var children []*commonpb.WorkflowExecution
	for i := 0; runID != ""; i++ {
		h := &historypb.History{}
		it := c.GetWorkflowHistory(ctx, id, runID, false, enums.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
		next := ""
		for it.HasNext() {
			ev, err := it.Next()
			if err != nil {
				return nil, err
			}
			if a := ev.GetChildWorkflowExecutionStartedEventAttributes(); a != nil && i == 0 {
				children = append(children, a.GetWorkflowExecution())
			}
			h.Events = append(h.Events, ev)
			if a := ev.GetWorkflowExecutionContinuedAsNewEventAttributes(); a != nil {
				next = a.GetNewExecutionRunId()
			}
		}
		b, err := protojson.MarshalOptions{Multiline: true, Indent: "  "}.Marshal(h)
		if err != nil {
			return nil, err
		}
		name := base
		if i > 0 {
			name = fmt.Sprintf("%s.run%d", base, i+1)
		}
		if err := os.WriteFile(filepath.Join(out, "server_"+name+"."+cvName+".json"), b, 0o644); err != nil {
			return nil, err
		}
		runID = next
	}
	return children, nil
}

// replayVariants replays every recorded history with its own code (must
// pass) and scen.Variants (changed code) with Temporal's replayer: the
// reference for what wfsim's replayer must say.
func replayVariants(out string) {
	for _, cv := range scen.Converters {
		for _, s := range scen.All {
			files, _ := filepath.Glob(filepath.Join(out, "server_"+s.Name+".*"+cv.Name+".json"))
			for _, f := range files {
				r, _ := worker.NewWorkflowReplayerWithOptions(worker.WorkflowReplayerOptions{DataConverter: cv.DC})
				r.RegisterWorkflow(s.Workflow)
				for _, w := range s.Workflows {
					r.RegisterWorkflow(w)
				}
				h, err := client.HistoryFromJSON(mustOpen(f), client.HistoryJSONOptions{})
				if err != nil {
					log.Fatal(err)
				}
				// children's IDs derive from the parent's: replay under it
				var opts worker.ReplayWorkflowHistoryOptions
				for _, ev := range h.Events {
					if a := ev.GetStartChildWorkflowExecutionInitiatedEventAttributes(); a != nil {
						opts.OriginalExecution.ID = a.WorkflowId[:strings.LastIndex(a.WorkflowId, "-c")]
						break
					}
				}
				err = r.ReplayWorkflowHistoryWithOptions(nil, h, opts)
				fmt.Printf("same code %s: err=%v\n", filepath.Base(f), err)
			}
		}
		for _, v := range scen.Variants {
			r, _ := worker.NewWorkflowReplayerWithOptions(worker.WorkflowReplayerOptions{DataConverter: cv.DC})
			r.RegisterWorkflowWithOptions(v.Workflow, workflow.RegisterOptions{Name: v.Type})
			err := r.ReplayWorkflowHistoryFromJSONFile(nil, filepath.Join(out, "server_"+v.History+"."+cv.Name+".json"))
			fmt.Printf("variant %s.%s: wantErr=%v err=%v\n", v.Name, cv.Name, v.WantErr, err)
		}
	}
}

func mustOpen(f string) *os.File {
	r, err := os.Open(f)
	if err != nil {
		log.Fatal(err)
	}
	return r
}
