// Port of test/fixedbugs/issue16095.go (f).
package main

import (
	"fmt"
	"runtime"
)

var sink *[20]byte

func f() (x [20]byte) {
	for i := range x {
		x[i] = byte(i)
	}
	sink = &x
	sink = nil
	defer func() {
		recover()
	}()
	runtime.GC()
	y := new([20]byte)
	for i := 0; i < 20; i++ {
		y[i] = 99
	}
	sink = y
	panic(nil)
}

func main() {
	x := f()
	fmt.Println(x)
	for i, v := range x {
		if v != byte(i) {
			panic("bad f")
		}
	}
}
