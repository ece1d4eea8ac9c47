// Every goroutine blocked: main runs select {} after the only other goroutine is done.
package main

import "fmt"

func main() {
	done := make(chan bool)
	go func() {
		fmt.Println("worker done")
		done <- true
	}()
	<-done
	select {}
}
