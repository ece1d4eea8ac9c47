// With debug.SetPanicOnFault(true), a fault at any address panics with the nil-dereference
// text (a runtime.Error); recovered. SetPanicOnFault returns the previous setting
// (SEMANTICS.md E1; test/recover4.go).
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"unsafe"
)

func read(addr uintptr) int64 {
	return *(*int64)(unsafe.Pointer(addr))
}

func try() (v int64) {
	v = -1
	defer func() {
		r := recover()
		_, ok := r.(runtime.Error)
		fmt.Println("recovered:", r, "runtime.Error:", ok)
	}()
	return read(0xdeadbee0)
}

func main() {
	fmt.Println("previous setting:", debug.SetPanicOnFault(true))
	fmt.Println("try returns", try())
	fmt.Println("previous setting:", debug.SetPanicOnFault(false))
}
