// Port of test/fixedbugs/issue52072.go.
package main

import (
	"fmt"
	"runtime"
)

type I interface{ M() }

type T struct {
	x int
}

func (T) M() {}

var pt *T

func f() (r int) {
	defer func() {
		v := recover()
		_, ok := v.(runtime.Error)
		fmt.Println("recovered a run-time error:", ok)
	}()

	var i I = pt
	defer i.M()
	r = 1
	return
}

func main() {
	got := f()
	fmt.Println("f() =", got)
	if got != 1 {
		panic(got)
	}
}
