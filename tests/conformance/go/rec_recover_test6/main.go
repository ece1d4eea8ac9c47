// Port of test/recover.go test6 and test6WithClosures.
package main

import "fmt"

func die(why string) {
	fmt.Println("die:", why)
	panic("die")
}

func big(mustRecover bool) {
	var x [100000]int
	x[0] = 1
	x[99999] = 1
	_ = x

	v := recover()
	if mustRecover {
		if v == nil {
			die("missing big recover")
		}
		fmt.Println("big(true): recovered")
	} else {
		if v != nil {
			die("spurious big recover")
		}
		fmt.Println("big(false): nil")
	}
}

func test6() {
	defer big(false)
	defer big(true)
	panic(6)
}

func test6WithClosures() {
	defer func() {
		var x [100000]int
		x[0] = 1
		x[99999] = 1
		_ = x
		if recover() != nil {
			die("spurious big closure recover")
		}
		fmt.Println("big closure 1: nil")
	}()
	defer func() {
		var x [100000]int
		x[0] = 1
		x[99999] = 1
		_ = x
		v := recover()
		if v == nil {
			die("missing big closure recover")
		}
		fmt.Println("big closure 2: recovered", v)
	}()
	panic("6WithClosures")
}

func main() {
	test6()
	fmt.Println("test6 returned")
	test6WithClosures()
	fmt.Println("test6WithClosures returned")
}
