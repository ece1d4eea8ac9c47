// Port of test/recover.go test7.
package main

import "fmt"

func die(why string) {
	fmt.Println("die:", why)
	panic("die")
}

func doubleRecover() interface{} {
	return recover()
}

func mustRecover(x interface{}) {
	v1 := doubleRecover()
	v2 := recover()
	v3 := recover()
	if v1 != nil {
		die("spurious recover")
	}
	if v2 == nil {
		die("missing recover")
	}
	if v2 != x {
		die("wrong value")
	}
	if v3 != nil {
		die("recover didn't recover")
	}
	fmt.Println("mustRecover: recovered", x)
}

func test7() {
	ok := false
	func() {
		defer func() {
			ok = true
			fmt.Println("ok func ran")
		}()
		defer mustRecover(7)
		panic(7)
	}()
	if !ok {
		die("did not run ok func")
	}
	fmt.Println("test7: ok =", ok)
}

func main() {
	test7()
}
