// A fault at an address that is not near nil is not a panic but a fatal error: "unexpected fault
// address 0x...", "fatal error: fault", the [signal ...] line; no deferred call runs; exit 2
// (SEMANTICS.md E1, E4; runtime/signal_unix.go sigpanic).
package main

import (
	"fmt"
	"unsafe"
)

func write(addr uintptr) {
	*(*int64)(unsafe.Pointer(addr)) = 1
}

func main() {
	defer fmt.Println("main's deferred call must not run")
	write(0xdeadbee0)
}
