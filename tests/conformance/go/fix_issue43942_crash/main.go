// Variant of test/fixedbugs/issue43942.go: nothing recovers panic 5.
package main

import "fmt"

func second() {
	defer func() {
		fmt.Println("earlier deferred call runs")
	}()
	for {
		defer func() {
			defer panic(5)
			fmt.Println("returning into the deferred panic(5)")
		}()
		break
	}
	panic(4)
}

func main() {
	second()
	fmt.Println("second returned (must not happen)")
}
