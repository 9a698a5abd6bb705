package interceptor_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/wfsim/wfsim/activity"
	"github.com/wfsim/wfsim/interceptor"
	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/worker"
	"github.com/wfsim/wfsim/workflow"
)

// auditInterceptor logs every activity attempt and its heartbeats, as an
// audit or tracing interceptor of a Temporal worker does.
type auditInterceptor struct {
	interceptor.WorkerInterceptorBase
}

func (*auditInterceptor) InterceptActivity(ctx context.Context, next interceptor.ActivityInboundInterceptor) interceptor.ActivityInboundInterceptor {
	return &auditInbound{ActivityInboundInterceptorBase: interceptor.ActivityInboundInterceptorBase{Next: next}}
}

type auditInbound struct {
	interceptor.ActivityInboundInterceptorBase
}

func (a *auditInbound) Init(outbound interceptor.ActivityOutboundInterceptor) error {
	return a.Next.Init(&auditOutbound{ActivityOutboundInterceptorBase: interceptor.ActivityOutboundInterceptorBase{Next: outbound}})
}

func (a *auditInbound) ExecuteActivity(ctx context.Context, in *interceptor.ExecuteActivityInput) (any, error) {
	info := activity.GetInfo(ctx)
	fmt.Printf("%s: %s attempt %d, args %v\n", info.StartedTime.Format(time.TimeOnly), info.ActivityType.Name, info.Attempt, in.Args)
	result, err := a.Next.ExecuteActivity(ctx, in)
	fmt.Printf("%s: returned %v, %v\n", info.ActivityType.Name, result, err)
	return result, err
}

type auditOutbound struct {
	interceptor.ActivityOutboundInterceptorBase
}

func (a *auditOutbound) RecordHeartbeat(ctx context.Context, details ...any) {
	fmt.Printf("heartbeat %v\n", details)
	a.Next.RecordHeartbeat(ctx, details...)
}

func Upload(ctx context.Context, files []string) (int, error) {
	for i := range files {
		activity.RecordHeartbeat(ctx, i)
	}
	return len(files), nil
}

func UploadWorkflow(ctx workflow.Context, files []string) (int, error) {
	if err := workflow.Sleep(ctx, time.Hour); err != nil {
		return 0, err
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	var n int
	err := workflow.ExecuteActivity(ctx, Upload, files).Get(ctx, &n)
	return n, err
}

// A worker interceptor sees every activity attempt and every call its code
// makes to package activity; it is set with the worker's options.
func Example() {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetWorkerOptions(worker.Options{Interceptors: []interceptor.WorkerInterceptor{&auditInterceptor{}}})
	env.RegisterActivity(Upload)
	env.ExecuteWorkflow(UploadWorkflow, strings.Fields("a.txt b.txt"))
	var n int
	if err := env.GetWorkflowResult(&n); err != nil {
		fmt.Println(err)
	}
	fmt.Println("uploaded", n)
	// Output:
	// 01:00:00: Upload attempt 1, args [[a.txt b.txt]]
	// heartbeat [0]
	// heartbeat [1]
	// Upload: returned 2, <nil>
	// uploaded 2
}
