// Port of TestGoNil (testprog GoNil): go of a nil func value is a fatal error.
package main

import (
	"fmt"
	"time"
)

func main() {
	var f func()
	fmt.Println("go of nil")
	go f()
	time.Sleep(10 * time.Second)
	fmt.Println("not reached")
}
