package testsuite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/suite"

	"github.com/wfsim/wfsim/testsuite"
	"github.com/wfsim/wfsim/workflow"
)

// embeddingSuite embeds WorkflowTestSuite next to testify's suite.Suite, the
// way Temporal users write their workflow test suites: the two must not
// clash.
type embeddingSuite struct {
	suite.Suite
	testsuite.WorkflowTestSuite

	env *testsuite.TestWorkflowEnvironment
}

func (s *embeddingSuite) SetupTest() { s.env = s.NewTestWorkflowEnvironment() }

func (s *embeddingSuite) AfterTest(_, _ string) { s.env.AssertExpectations(s.T()) }

func (s *embeddingSuite) TestSleepingWorkflow() {
	s.env.ExecuteWorkflow(func(ctx workflow.Context) (time.Time, error) {
		err := workflow.Sleep(ctx, 90*time.Minute)
		return workflow.Now(ctx), err
	})
	s.True(s.env.IsWorkflowCompleted())
	var woke time.Time
	s.NoError(s.env.GetWorkflowResult(&woke))
	s.Equal(testsuite.DefaultStartTime.Add(90*time.Minute), woke)
}

func TestWorkflowTestSuiteEmbedsNextToTestifySuite(t *testing.T) {
	suite.Run(t, new(embeddingSuite))
}
