// Timers keep a program alive; once they have fired and everything is blocked: deadlock.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var never, slept sync.WaitGroup
	never.Add(1)
	slept.Add(3)
	for _, ms := range []int{250, 50, 150} {
		go func(ms int) {
			time.Sleep(time.Duration(ms) * time.Millisecond)
			fmt.Printf("woke after %d ms\n", ms)
			slept.Done()
		}(ms)
	}
	slept.Wait()
	fmt.Println("all woke")
	never.Wait()
	fmt.Println("not reached")
}
