package failure_test

import (
	"fmt"

	temporal "github.com/wfsim/wfsim"
)

// A FailureConverter written for Temporal against failurepb
// (stockFailureConverter, in this package's tests) satisfies wfsim's
// FailureConverter as it is; its Failures read with protobuf's getters.
func Example() {
	var fc temporal.FailureConverter = stockFailureConverter{next: temporal.GetDefaultFailureConverter()}

	f := fc.ErrorToFailure(&outOfStockError{SKU: "blue-mug"})
	fmt.Println(f.GetMessage(), "|", f.GetApplicationFailureInfo().GetType(), f.GetApplicationFailureInfo().GetNonRetryable())

	err := fc.FailureToError(f)
	fmt.Printf("%T %v\n", err, err)

	other := fc.ErrorToFailure(temporal.NewApplicationError("card declined", "Payment"))
	fmt.Println(other.GetMessage(), "|", other.GetApplicationFailureInfo().GetType(), other.GetSource())
	// Output:
	// out of stock: blue-mug | OutOfStock true
	// *failure_test.outOfStockError out of stock: blue-mug
	// card declined | Payment GoSDK
}
