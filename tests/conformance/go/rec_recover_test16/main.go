// Port of test/recover.go test16 (without reflect.MakeFunc: a deferred call taking a function).
package main

import "fmt"

func die(why string) {
	fmt.Println("die:", why)
	panic("die")
}

func mustNotRecover() {
	if recover() != nil {
		die("spurious recover")
	}
	fmt.Println("mustNotRecover: nil")
}

func mustRecover(x interface{}) {
	mustNotRecover()
	v := recover()
	if v == nil {
		die("missing recover")
	}
	if v != x {
		die("wrong value")
	}
	if recover() != nil {
		die("recover didn't recover")
	}
	fmt.Println("mustRecover: recovered", x)
}

func f3() {
	v := recover()
	if v != nil {
		die("spurious recover")
	}
	fmt.Println("f3: nil")
}

func f2(f func()) {
	f()
	fmt.Println("f2: done")
}

func test16() {
	defer mustRecover(16)
	defer f2(f3)
	panic(16)
}

func main() {
	test16()
	fmt.Println("test16 returned")
}
