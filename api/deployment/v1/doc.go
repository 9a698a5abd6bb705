// Package deployment stands in for Temporal's
// go.temporal.io/api/deployment/v1 (imported as deploymentpb) where code
// builds or inspects history events that name a worker deployment, so that
// such code ports by changing that import path too:
//
//	deploymentpb "go.temporal.io/api/deployment/v1"  →  deploymentpb "github.com/wfsim/wfsim/api/deployment/v1"
//
// Deployment and WorkerDeploymentVersion are aliases of the replay
// package's types of the same names, with protobuf's nil-safe getters
// (GetBuildId, GetDeploymentName); their fields are named in Go style
// (BuildID where protobuf has BuildId).
//
// Only these two messages are here: the others describe a server's
// deployments, which a simulation has none of, so code using them fails to
// compile rather than behave differently.
package deployment

//go:generate go run ../../../internal/genaliases/cmd/genaliases -out deployment_gen.go -src ../../../replay Deployment WorkerDeploymentVersion
