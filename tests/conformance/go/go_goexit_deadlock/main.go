// Port of TestGoexitDeadlock (src/runtime/crash_test.go, testprog GoexitDeadlock).
package main

import (
	"fmt"
	"runtime"
)

func main() {
	F := func() {
		for i := 0; i < 10; i++ {
		}
	}
	go F()
	go F()
	fmt.Println("main calls Goexit")
	runtime.Goexit()
	fmt.Println("not reached")
}
