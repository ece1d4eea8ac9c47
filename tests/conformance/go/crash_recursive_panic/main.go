// Port of TestRecursivePanic (src/runtime/crash_test.go, testdata/testprog/deadlock.go
// RecursivePanic): a recovered panic re-panicked with a wrapped value is recovered by the
// caller, and a later unrelated panic prints alone.
package main

import "fmt"

func main() {
	func() {
		defer func() {
			fmt.Println(recover())
		}()
		var x [8192]byte
		func(x [8192]byte) {
			defer func() {
				if err := recover(); err != nil {
					panic("wrap: " + err.(string))
				}
			}()
			panic("bad")
		}(x)
	}()
	panic("again")
}
