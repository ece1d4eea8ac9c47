// Variant of test/recover1.go test2: the second panic is not recovered where it starts.
package main

import "fmt"

func report() {
	v := recover()
	fmt.Println("report: recover() =", v)
	if v != nil {
		panic(v) // re-panic what it caught
	}
}

func test2() {
	defer report()
	defer func() {
		v := recover()
		fmt.Println("closure: recovered", v)
		panic(3)
	}()
	panic(2)
}

func main() {
	test2()
	fmt.Println("test2 returned")
}
