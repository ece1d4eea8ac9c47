// An integer division by zero is the run-time error "integer divide by zero"; recovered, the
// function returns its named result (SEMANTICS.md E2, E3).
package main

import (
	"fmt"
	"runtime"
)

func divide(a, b int) (q int) {
	q = -1
	defer func() {
		r := recover()
		_, ok := r.(runtime.Error)
		fmt.Println("recovered:", r, "runtime.Error:", ok)
	}()
	return a / b
}

func modulo(a, b int) (q int) {
	q = -1
	defer func() {
		r := recover()
		_, ok := r.(runtime.Error)
		fmt.Println("recovered:", r, "runtime.Error:", ok)
	}()
	return a % b
}

func main() {
	fmt.Println("7 / 2 =", divide(7, 2))
	fmt.Println("7 / 0 =", divide(7, 0))
	fmt.Println("7 % 0 =", modulo(7, 0))
}
