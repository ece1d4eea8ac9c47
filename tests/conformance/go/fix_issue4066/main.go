// Port of test/fixedbugs/issue4066.go.
package main

import "fmt"

func main() {
	n := foo()
	fmt.Println("foo() =", n)
	if n != 2 {
		panic("wrong return value")
	}
}

type terr struct{}

func foo() (val int) {
	val = 0
	defer func() {
		if x := recover(); x != nil {
			_ = x.(terr)
			fmt.Println("recovered a main.terr")
		}
	}()
	for {
		val = 2
		foo1()
	}
}

func foo1() {
	panic(terr{})
}
