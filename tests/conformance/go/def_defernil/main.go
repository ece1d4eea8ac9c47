// Port of test/defernil.go.
package main

import (
	"fmt"
	"runtime"
)

var x = 0

func main() {
	defer func() {
		err := recover()
		if err == nil {
			panic("did not panic")
		}
		if x != 1 {
			panic("FAIL")
		}
		fmt.Println("recovered:", err)
		_, ok := err.(runtime.Error)
		fmt.Println("runtime.Error:", ok)
	}()
	f()
	fmt.Println("f returned")
}

func f() {
	var nilf func()
	defer nilf()
	x = 1
	fmt.Println("f: x =", x)
}
