// Two goroutines select between sending and receiving on the same channel, 1000 times each,
// unbuffered and with a buffer: no goroutine ever receives its own value from an unbuffered
// channel, and nothing deadlocks.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	for _, chanCap := range []int{0, 10} {
		var wg sync.WaitGroup
		wg.Add(2)
		c := make(chan int, chanCap)
		selfs := make([]int, 2)
		for p := 0; p < 2; p++ {
			go func(p int) {
				defer wg.Done()
				for i := 0; i < 1000; i++ {
					if p == 0 || i%2 == 0 {
						select {
						case c <- p:
						case v := <-c:
							if chanCap == 0 && v == p {
								selfs[p]++
							}
						}
					} else {
						select {
						case v := <-c:
							if chanCap == 0 && v == p {
								selfs[p]++
							}
						case c <- p:
						}
					}
				}
			}(p)
		}
		wg.Wait()
		fmt.Println("cap", chanCap, "self receives:", selfs[0]+selfs[1])
	}
}
