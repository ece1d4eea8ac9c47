// Port of TestRecursivePanic2 (src/runtime/crash_test.go, testprog RecursivePanic2): the first
// recover and the second panic happen in separate deferred calls, run in order.
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
				panic("second panic")
			}()
			defer func() {
				fmt.Println(recover())
			}()
			panic("first panic")
		}(x)
	}()
	panic("third panic")
}
