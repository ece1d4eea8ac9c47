// GOTRACEBACK=all: the crashing goroutine, then the others.
package main

import "time"

//go:noinline
func blocked() {
	for {
		time.Sleep(time.Hour)
	}
}

//go:noinline
func crash() { panic("all") }

func main() {
	ready := make(chan bool)
	go func() { ready <- true; blocked() }()
	<-ready
	crash()
}
