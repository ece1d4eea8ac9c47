// An unrecovered panic in a goroutine: its deferred calls run, the report names it (with
// "created by main.main in goroutine 1"), exit 2; main's deferred calls do not run.
package main

import (
	"fmt"
	"time"
)

func work() {
	defer fmt.Println("work's deferred call runs")
	fmt.Println("goroutine panics")
	panic("in goroutine")
}

func main() {
	defer fmt.Println("main's deferred call must not run")
	go func() {
		defer fmt.Println("goroutine's deferred call runs")
		work()
	}()
	time.Sleep(10 * time.Second)
	fmt.Println("not reached")
}
