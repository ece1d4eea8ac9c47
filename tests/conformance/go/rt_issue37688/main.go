// Port of TestIssue37688 (src/runtime/defer_test.go): a mix of loop, plain and many-argument
// deferred calls with a recovered panic, deep recursion in between, repeated; every deferred
// call runs once and the arguments arrive intact.
package main

import "fmt"

type foo struct {
	m1, m2 int
}

//go:noinline
func (f *foo) method1() {
	f.m1++
}

//go:noinline
func (f *foo) method2() {
	f.m2++
}

var globstruct struct {
	a, b, c, d, e, f, g, h, i int
}

var recovered int

func ff1(ap *foo, a, b, c, d, e, f, g, h, i int) {
	defer ap.method1()

	defer func(ap *foo, a, b, c, d, e, f, g, h, i int) {
		if v := recover(); v != nil {
			recovered++
		}
		globstruct.a = a
		globstruct.b = b
		globstruct.c = c
		globstruct.d = d
		globstruct.e = e
		globstruct.f = f
		globstruct.g = g
		globstruct.h = h
		globstruct.i = i
	}(ap, a, b, c, d, e, f, g, h, i)
	panic("ff1 panic")
}

func rec1(max int) {
	if max > 0 {
		rec1(max - 1)
	}
}

func g2(ap *foo) {
	for i := 0; i < 1; i++ {
		defer ap.method1()
	}
	defer ap.method2()
	defer ap.method1()
	ff1(ap, 1, 2, 3, 4, 5, 6, 7, 8, 9)
	rec1(2000)
}

func g3(ap *foo) {
	g2(ap)
}

func main() {
	var a foo
	for j := 0; j < 10; j++ {
		g2(&a)
		g3(&a)
	}
	fmt.Println("method1", a.m1, "method2", a.m2, "recovered", recovered)
	fmt.Println(globstruct.a, globstruct.b, globstruct.c, globstruct.d, globstruct.e,
		globstruct.f, globstruct.g, globstruct.h, globstruct.i)
}
