// Port of TestDisappearingDefer (src/runtime/defer_test.go): a defer in a switch case that does
// not match queues nothing; the matching cases queue exactly their own.
package main

import "fmt"

var goos = "linux"

func disappearing(os string) {
	defer fmt.Println("  always (", os, ")")
	switch os {
	case "invalidOS":
		defer func() {
			fmt.Println("  Defer shouldn't run unless os is invalidOS")
		}()
	case "linux":
		defer fmt.Println("  linux case")
	}
	fmt.Println("  body of", os)
}

func main() {
	fmt.Println("call with goos:")
	disappearing(goos)
	fmt.Println("call with other:")
	disappearing("plan9")
	fmt.Println("call with invalidOS:")
	disappearing("invalidOS")
}
