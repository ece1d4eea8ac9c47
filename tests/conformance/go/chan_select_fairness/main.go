// select chooses uniformly at random among ready cases: with two always-ready channels, over
// 1000 selects each case is chosen at least 350 times (the chance of fewer is below 1e-19).
package main

import "fmt"

func main() {
	a := make(chan int, 1)
	b := make(chan int, 1)
	counts := [3]int{}
	for i := 0; i < 1000; i++ {
		a <- 1
		b <- 2
		select {
		case <-a:
			counts[0]++
			<-b
		case <-b:
			counts[1]++
			<-a
		}
	}
	fmt.Println("both chosen fairly:", counts[0] >= 350 && counts[1] >= 350, counts[0]+counts[1])

	// Three ready cases, one of them a send.
	c := make(chan int, 1)
	d := make(chan int, 1)
	e := make(chan int, 1)
	for i := 0; i < 1500; i++ {
		c <- 1
		d <- 1
		select {
		case <-c:
			counts[0]++
			<-d
		case <-d:
			counts[1]++
			<-c
		case e <- 1:
			counts[2]++
			<-c
			<-d
			<-e
		}
	}
	fmt.Println("three ways:", counts[2] >= 350, counts[0]+counts[1]+counts[2])
}
