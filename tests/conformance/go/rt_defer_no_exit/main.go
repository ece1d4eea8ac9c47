// Port of TestDeferForFuncWithNoExit (src/runtime/defer_test.go): a function that never returns
// (it ends in an infinite loop) still runs its deferred call when it panics; the deferred closure
// sees the variable as it is at the panic.
package main

import "fmt"

//go:noinline
func doPanic() {
	panic("Test panic")
}

func growStackIter(p *int, n int) {
	if n == 0 {
		*p = n + 1
		return
	}
	*p = n + 1
	growStackIter(p, n-1)
}

func noExit() {
	cond := 1
	defer func() {
		fmt.Println("cond:", cond)
		r := recover()
		fmt.Println("recovered:", r)
	}()
	x := 0
	growStackIter(&x, 1000)
	fmt.Println("x:", x)
	cond = 2
	doPanic()

	for {
	}
}

func main() {
	noExit()
	fmt.Println("noExit returned")
}
