// Port of test/fixedbugs/issue8158.go (joined goroutines instead of sleeps).
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func f(name string) {
	defer func() {
		fmt.Printf("%s: earlier deferred call\n", name)
	}()
	defer func() {
		v := recover()
		fmt.Printf("%s: recovered %v\n", name, v)
		runtime.Goexit()
	}()
	panic("p")
}

func run(name string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		f(name)
		fmt.Printf("%s: f returned (must not happen)\n", name)
	}()
	wg.Wait()
}

func main() {
	run("f1")
	fmt.Println("f1 goroutine ended")
	run("f2")
	fmt.Println("f2 goroutine ended")
}
