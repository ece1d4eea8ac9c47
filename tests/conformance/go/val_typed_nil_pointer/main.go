// A nil pointer of a user type is not a nil interface: recover returns it (non-nil), it is no
// run-time error, and it prints as (*main.T) 0x0 (SEMANTICS.md P4, P5).
package main

import (
	"fmt"
	"runtime"
)

type T struct{ a int }

func main() {
	defer func() {
		r := recover()
		_, isRuntime := r.(runtime.Error)
		fmt.Println("recovered non-nil:", r != nil, "runtime error:", isRuntime)
		panic(r)
	}()
	panic((*T)(nil))
}
