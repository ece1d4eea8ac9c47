// Port of test/fixedbugs/issue8039.go.
package main

import "fmt"

func send(c chan []int, v int) {
	c <- []int{v}
	fmt.Println("send", v)
}

func recv(c chan []int) []int {
	v := <-c
	fmt.Println("recv", v[0])
	return v
}

func copy1(dst, src []int) {
	copy(dst, src)
	fmt.Println("copy")
}

func f(s []int) {
	c := make(chan []int, 1)
	send(c, 1)
	defer copy1(s, recv(c))
	send(c, 2) // the deferred copy already holds 1
	fmt.Println("f returns")
}

func main() {
	x := make([]int, 1)
	f(x)
	if x[0] != 1 {
		fmt.Println("BUG", x[0])
	}
	fmt.Println("x[0] =", x[0])
}
