// Variant of test/fixedbugs/issue8132.go: the re-panic is not recovered.
package main

import "fmt"

func main() {
	func() {
		defer func() {
			fmt.Println("outer: deferred call runs")
		}()
		func() {
			defer func() {
				if err := recover(); err != nil {
					fmt.Printf("inner: recovered %v, panicking again\n", err)
					panic("second")
				}
			}()
			panic("first")
		}()
	}()
	fmt.Println("outer returned (must not happen)")
}
