// A negative WaitGroup counter panics: recoverable in a goroutine, fatal unrecovered in main.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var doneWG sync.WaitGroup
	doneWG.Add(1)
	go func() {
		defer func() {
			fmt.Printf("goroutine recovered: %v\n", recover())
			doneWG.Done()
		}()
		var wg sync.WaitGroup
		wg.Add(1)
		wg.Done()
		wg.Done()
	}()
	doneWG.Wait()
	var wg sync.WaitGroup
	wg.Add(-1)
	fmt.Println("not reached")
}
