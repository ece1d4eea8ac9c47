// Port of TestOpenAndNonOpenDefers (src/runtime/defer_test.go).
package main

import "fmt"

var glob int = 3

func testOpen(arg int) {
	defer func(n int) {
		r := recover()
		fmt.Println("testOpen deferred call", n, "recovered:", r)
	}(4)
	if arg > 2 {
		panic("testOpenDefer")
	}
	fmt.Println("testOpen: no panic")
}

func openAndNonOpen() {
	for {
		defer func(n int) {
			r := recover()
			fmt.Println("loop deferred call", n, "recovered:", r)
		}(3)
		if glob > 2 {
			break
		}
	}
	testOpen(47)
	fmt.Println("testOpen returned")
	panic("testNonOpenDefer")
}

func main() {
	openAndNonOpen()
	fmt.Println("openAndNonOpen returned")
}
