package main

import (
	"fmt"
	"runtime"
	"sync"
)

type T struct{ x int }

var nilp *T
var wg sync.WaitGroup

func catch(name string) {
	r := recover()
	_, isRuntime := r.(runtime.Error)
	fmt.Printf("%s recovered: %v (runtime error: %v)\n", name, r, isRuntime)
}

//go:noinline
func deref() int { return nilp.x }

func worker(name string) {
	defer wg.Done()
	defer catch(name)
	fmt.Printf("%d\n", deref())
}

func main() {
	wg.Add(1)
	go worker("first")
	wg.Wait()
	wg.Add(1)
	go worker("second")
	wg.Wait()
	fmt.Printf("main done\n")
}
