// A fault inside the runtime's own code is not a panic: "fatal error: unexpected signal during
// runtime execution" with the [signal ...] line; no deferred call runs; exit 2 (SEMANTICS.md
// E4). Here a corrupted channel (its buffer pointer overwritten with 8) is handed to the
// runtime, which faults while holding the channel's lock.
package main

import (
	"fmt"
	"unsafe"
)

func corrupt(ch chan int) {
	h := *(*unsafe.Pointer)(unsafe.Pointer(&ch))
	(*[3]uintptr)(h)[2] = 8 // hchan.buf
}

func main() {
	defer fmt.Println("main's deferred call must not run")
	ch := make(chan int, 1)
	corrupt(ch)
	ch <- 1
}
