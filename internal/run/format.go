package run

import "fmt"

func fmtValue(v any) string { return fmt.Sprint(v) }
