// Port of TestUnconditionalPanic (src/runtime/defer_test.go).
package main

import "fmt"

func unconditional() {
	defer func() {
		r := recover()
		fmt.Println("recovered:", r, r == "testUnconditional")
	}()
	panic("testUnconditional")
}

func main() {
	unconditional()
	fmt.Println("unconditional returned normally")
}
