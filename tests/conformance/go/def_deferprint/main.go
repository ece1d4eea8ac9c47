// Port of test/deferprint.go (printing to stdout with fmt instead of the print builtins).
package main

import "fmt"

func main() {
	s := "world"
	defer fmt.Println(42, true, false, true, 1.5, s, (chan int)(nil), []int(nil), (map[string]int)(nil), byte(255))
	defer fmt.Println(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20)
	defer fmt.Print("printing: ")
}
