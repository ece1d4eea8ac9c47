// Port of test/fixedbugs/issue16249.go.
package main

import (
	"errors"
	"fmt"
)

var sink interface{}

//go:noinline
func f(err *error) {
	if err != nil {
		sink = err
	}
}

//go:noinline
func A(n, m int64) (res int64, err error) {
	defer f(&err)
	if n < 0 {
		err = errors.New("No negative")
		return
	}
	if n <= 1 {
		res = n
		return
	}
	res = B(m)
	res, err = A(n-1, m)
	res++
	return
}

//go:noinline
func B(n int64) (res int64) {
	if n <= 1 {
		return n
	}
	return 1 + B(n-1)
}

func main() {
	x, e := A(0, 0)
	for j := 0; j < 4; j++ {
		for i := 0; i < 1000; i++ {
			x, e = A(int64(i), int64(j))
		}
	}
	fmt.Printf("x = %d, err = %v\n", x, e)
	x, e = A(-1, 0)
	fmt.Printf("A(-1, 0) = %d, err = %v\n", x, e)
	sink = nil
}
