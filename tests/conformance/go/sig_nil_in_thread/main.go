// A nil dereference on a goroutine other than main is recovered there; a second one, not
// recovered, crashes the program from that goroutine (goroutine N) with the [signal ...] line
// (SEMANTICS.md E1, P1, C2).
package main

import "fmt"

type T struct{ x int }

func read(p *T) int {
	return p.x
}

func safe() {
	defer func() { fmt.Println("goroutine recovered:", recover()) }()
	read(nil)
}

func main() {
	defer fmt.Println("main's deferred call must not run")
	done := make(chan bool)
	go func() {
		defer fmt.Println("the goroutine's deferred call runs")
		safe()
		read(nil)
		done <- true
	}()
	<-done
}
