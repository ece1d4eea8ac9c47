// Port of test/recover.go test1WithClosures.
package main

import "fmt"

func die(why string) {
	fmt.Println("die:", why)
	panic("die")
}

func mustNotRecover() {
	v := recover()
	if v != nil {
		die("spurious recover")
	}
	fmt.Println("mustNotRecover: nil")
}

func test1WithClosures() {
	defer func() {
		v := recover()
		if v != nil {
			die("spurious recover in closure")
		}
		fmt.Println("closure 1: nil")
	}()
	defer func(x interface{}) {
		mustNotRecover()
		v := recover()
		if v == nil {
			fmt.Println("missing recover", x)
			die("missing recover")
		}
		if v != x {
			die("wrong value")
		}
		fmt.Println("closure 2: recovered", v)
	}(1)
	defer func() {
		mustNotRecover()
		fmt.Println("closure 3: done")
	}()
	panic(1)
}

func main() {
	test1WithClosures()
	fmt.Println("test1WithClosures returned")
}
