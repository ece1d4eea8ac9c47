// An unrecovered panic in a goroutine other than main runs that goroutine's deferred calls, then
// ends the program with status 2 without running main's (SEMANTICS.md P1, C2, C5).
package main

import "fmt"

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
	select {}
}
