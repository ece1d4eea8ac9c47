// Port of test/fixedbugs/issue8132.go, with explicit panics instead of nil dereferences.
package main

import "fmt"

func main() {
	func() {
		defer func() {
			v := recover()
			fmt.Println("outer: recovered", v)
		}()
		var x [8192]byte
		func(x [8192]byte) {
			defer func() {
				if err := recover(); err != nil {
					fmt.Printf("inner: recovered %v, panicking again\n", err)
					panic("second")
				}
			}()
			panic("first")
		}(x)
		fmt.Println("inner returned (must not happen)")
	}()
	fmt.Println("outer returned")
}
