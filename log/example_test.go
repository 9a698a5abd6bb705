package log_test

import (
	"log/slog"
	"os"

	"github.com/wfsim/wfsim/log"
)

// Temporal code takes a log.Logger; a *slog.Logger is one, and
// NewStructuredLogger adapts one as Temporal's adapter does.
func ExampleNewStructuredLogger() {
	h := slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{} // no time, for a stable output
			}
			return a
		},
	})
	var logger log.Logger = log.NewStructuredLogger(slog.New(h))
	logger.Info("order placed", "OrderID", 7)
	log.With(logger, "Customer", "ann").Warn("payment late", "Days", 3)
	logger.Debug("not shown: below the handler's level")
	// Output:
	// level=INFO msg="order placed" OrderID=7
	// level=WARN msg="payment late" Customer=ann Days=3
}
