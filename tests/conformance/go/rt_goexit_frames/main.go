// Goexit called deep in a goroutine runs every deferred call of every frame LIFO (one of them
// defers its own call, which runs when it returns), recover returns nil throughout, and the
// code after each call is never reached (SEMANTICS.md G1, R9, D6; TestGoexitDefer).
package main

import (
	"fmt"
	"runtime"
)

func f3() {
	defer func() {
		fmt.Println("f3 deferred: recover =", recover())
	}()
	defer func() {
		defer fmt.Println("f3 nested deferred call")
		fmt.Println("f3 deferred call with its own defer")
	}()
	fmt.Println("f3 calls Goexit")
	runtime.Goexit()
	fmt.Println("f3 not reached")
}

func f2() {
	defer fmt.Println("f2 deferred 1")
	defer fmt.Println("f2 deferred 2")
	f3()
	fmt.Println("f2 not reached")
}

func f1() {
	for i := 0; i < 3; i++ {
		defer fmt.Println("f1 deferred", i)
	}
	f2()
	fmt.Println("f1 not reached")
}

func main() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer fmt.Println("goroutine's outermost deferred call")
		f1()
		fmt.Println("goroutine not reached")
	}()
	<-done
	fmt.Println("goroutine ended; main returns")
}
