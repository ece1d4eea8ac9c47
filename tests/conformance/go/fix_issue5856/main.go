// Port of test/fixedbugs/issue5856.go (without the runtime.Caller line check).
package main

import (
	"fmt"
	"os"
)

func main() {
	f()
	panic("deferred function not run")
}

var x = 1

func f() {
	if x == 0 {
		return
	}
	defer g()
	panic("panic")
}

func g() {
	fmt.Println("g: deferred call runs during the panic, exiting 0")
	os.Exit(0)
}
