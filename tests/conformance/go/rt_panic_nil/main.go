// Port of TestPanicNil (src/runtime/panicnil_test.go), default setting: panic(nil) is recovered
// as a non-nil *runtime.PanicNilError, a runtime.Error whose text is
// "panic called with nil argument"; a second recover in the same call returns nil.
package main

import (
	"fmt"
	"runtime"
)

func checkPanicNil() {
	defer func() {
		e := recover()
		fmt.Println("recovered non-nil:", e != nil)
		_, isRuntime := e.(runtime.Error)
		fmt.Println("runtime.Error:", isRuntime)
		fmt.Println("value:", e)
		fmt.Println("second recover:", recover())
	}()
	panic(nil)
}

func main() {
	checkPanicNil()
	fmt.Println("checkPanicNil returned normally")
}
