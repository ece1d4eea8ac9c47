// Port of test/fixedbugs/issue8047.go.
package main

import "fmt"

var depth int

func stackit(n int) {
	if n == 0 {
		depth = 0
		return
	}
	stackit(n - 1)
	depth++
}

func main() {
	defer func() {
		err := recover()
		if err == nil {
			panic("defer of nil func didn't panic")
		}
		fmt.Println("recovered:", err)
	}()
	defer ((func())(nil))()
	stackit(1000)
	fmt.Println("stackit done:", depth)
}
