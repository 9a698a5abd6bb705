package deployment_test

import (
	"testing"

	deploymentpb "github.com/wfsim/wfsim/api/deployment/v1"

	"github.com/wfsim/wfsim/internal/genaliases"
	"github.com/wfsim/wfsim/replay"
)

func TestGeneratedAliasesUpToDate(t *testing.T) {
	t.Parallel()
	if err := genaliases.CheckFile(".", "doc.go"); err != nil {
		t.Fatal(err)
	}
}

var (
	_ *replay.Deployment              = (*deploymentpb.Deployment)(nil)
	_ *replay.WorkerDeploymentVersion = (*deploymentpb.WorkerDeploymentVersion)(nil)
)

func TestDeploymentVersionInEvents(t *testing.T) {
	t.Parallel()
	a := &replay.WorkflowTaskCompletedEventAttributes{
		DeploymentVersion: &deploymentpb.WorkerDeploymentVersion{DeploymentName: "orders", BuildID: "v2"},
	}
	if v := a.GetDeploymentVersion(); v.GetDeploymentName() != "orders" || v.GetBuildId() != "v2" {
		t.Errorf("deployment version = %+v", v)
	}
	var none *replay.WorkflowTaskCompletedEventAttributes
	if none.GetDeploymentVersion().GetBuildId() != "" {
		t.Error("a nil event's deployment version is not empty")
	}
}
