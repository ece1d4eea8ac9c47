// SIGQUIT dumps every goroutine and exits 2.
package main

import (
	"syscall"
	"time"
)

func main() {
	syscall.Kill(syscall.Getpid(), syscall.SIGQUIT)
	time.Sleep(5 * time.Second)
}
