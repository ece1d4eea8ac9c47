// Port of test/recover.go test5.
package main

import "fmt"

func die(why string) {
	fmt.Println("die:", why)
	panic("die")
}

// Run g. If it panics, return the value; else return deflt.
func try(g func(), deflt interface{}) (x interface{}) {
	defer func() {
		if v := recover(); v != nil {
			x = v
		}
	}()
	defer g()
	return deflt
}

func try1(g func(), deflt interface{}) (x interface{}) {
	defer func() {
		if v := recover(); v != nil {
			x = v
		}
	}()
	defer g()
	x = deflt
	return
}

func show(what string, v interface{}) {
	fmt.Println(what, "=", v)
}

func test5() {
	v := try(func() { panic(5) }, 55)
	show("try(panic(5), 55)", v)
	if v != 5 {
		die("wrong value")
	}

	s := try(func() {}, "hi")
	show("try(nothing, \"hi\")", s)
	if s != "hi" {
		die("wrong value")
	}

	v = try1(func() { panic(5) }, 55)
	show("try1(panic(5), 55)", v)
	if v != 5 {
		die("try1 wrong value")
	}

	s = try1(func() {}, "hi")
	show("try1(nothing, \"hi\")", s)
	if s != "hi" {
		die("try1 wrong value")
	}
}

func main() {
	test5()
	fmt.Println("test5 returned")
}
