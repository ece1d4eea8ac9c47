// Port of test/fixedbugs/issue8047b.go.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	defer func() {
		err := recover()
		fmt.Println("recovered:", err)
		_, ok := err.(runtime.Error)
		fmt.Println("runtime.Error:", ok)
	}()
	f()
}

func f() {
	var g func()
	defer g()
	panic(1)
}
