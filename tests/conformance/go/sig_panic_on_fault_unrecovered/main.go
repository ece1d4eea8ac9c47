// With debug.SetPanicOnFault(true), an unrecovered fault at a non-nil address prints the panic
// and its [signal ...] line with the real address; exit 2 (SEMANTICS.md E1, C1).
package main

import (
	"fmt"
	"runtime/debug"
	"unsafe"
)

func read(addr uintptr) int64 {
	return *(*int64)(unsafe.Pointer(addr))
}

func main() {
	debug.SetPanicOnFault(true)
	defer fmt.Println("main's deferred call runs")
	fmt.Println(read(0xdeadbee0))
}
