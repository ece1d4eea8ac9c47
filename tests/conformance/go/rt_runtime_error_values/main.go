// Port of TestRuntimePanicWithRuntimeError (src/runtime/crash_test.go) for the run-time errors
// gort raises itself (panic(nil), a nil deferred function): the recovered values implement
// runtime.Error; user values do not. panicValue's named result is set by its deferred call.
package main

import (
	"errors"
	"fmt"
	"runtime"
)

func panicValue(fn func()) (recovered any) {
	defer func() {
		recovered = recover()
	}()
	fn()
	return
}

func describe(name string, v any) {
	_, ok := v.(runtime.Error)
	fmt.Printf("%s: runtime.Error=%v value=%v\n", name, ok, v)
}

func main() {
	describe("panic(nil)", panicValue(func() { panic(nil) }))
	describe("nil deferred func", panicValue(func() {
		var f func()
		defer f()
	}))
	describe("string", panicValue(func() { panic("a string") }))
	describe("errors.New", panicValue(func() { panic(errors.New("an error")) }))
	describe("no panic", panicValue(func() {}))
}
