// While a panic runs a deferred call, that call makes three calls that each panic and recover
// their own panic; the outer panic carries on afterwards and is recovered by the next deferred
// call (SEMANTICS.md P3, R4, R7).
package main

import "fmt"

func helper(i int) {
	defer func() {
		fmt.Println("helper", i, "recovered:", recover())
	}()
	panic(fmt.Sprint("inner ", i))
}

func f() {
	defer func() {
		fmt.Println("f recovered:", recover())
	}()
	defer func() {
		for i := 0; i < 3; i++ {
			helper(i)
		}
		fmt.Println("deferred call done; outer panic still running")
	}()
	panic("outer")
}

func main() {
	f()
	fmt.Println("f returned")
}
