// Package log is the logging interface of Temporal's Go SDK
// (go.temporal.io/sdk/log), so that code written against it ports by
// changing the import path to github.com/wfsim/wfsim/log.
//
// Logger is the four-method interface Temporal's packages accept and
// return. A *slog.Logger satisfies it as it is; NewStructuredLogger wraps
// one the way Temporal's adapter does, and With and Skip derive loggers
// from any Logger through the optional WithLogger and WithSkipCallers
// interfaces.
//
// wfsim's own packages write through log/slog. Where they accept a Logger
// (testsuite's WorkflowTestSuite.SetLogger, worker's WorkflowReplayer) a
// *slog.Logger, or a Logger made by NewStructuredLogger, is used directly;
// any other Logger receives each record as a message and key-value pairs
// at the record's level.
package log
