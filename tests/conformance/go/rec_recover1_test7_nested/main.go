// Port of test/recover1.go test7, with `defer recover()` written as a deferred closure.
package main

import "fmt"

func report(who string) {
	v := recover()
	fmt.Printf("%s: recover() = %v\n", who, v)
}

func test7() {
	defer report("report(2)")
	defer func() {
		defer report("report(3)")
		defer func() {
			v := recover()
			fmt.Println("wrapper: recover() =", v)
		}()
		panic(3)
	}()
	panic(2)
}

func main() {
	test7()
	fmt.Println("test7 returned")
}
