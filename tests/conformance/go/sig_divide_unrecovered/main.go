// An unrecovered division by zero: "panic: runtime error: integer divide by zero", with no
// [signal ...] line (Go checks divisions in code), exit 2 (SEMANTICS.md E2, C5).
package main

import "fmt"

var zero = 0

func divide(a, b int32) int32 {
	return a / b
}

func main() {
	defer fmt.Println("main's deferred call runs")
	fmt.Println(divide(7, int32(zero)))
}
