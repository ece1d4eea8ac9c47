package gortbench

import (
	"runtime"
	"testing"
)

// benchChan is bench/chan.c's round trip: send on an unbuffered channel to an echo goroutine,
// receive the value back on a second one, with GOMAXPROCS set to procs for the benchmark.
func benchChan(b *testing.B, procs int) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v
		}
	}()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ping <- i
		sink += <-pong
	}
	b.StopTimer()
	close(ping)
}

func BenchmarkChanRoundTrip1(b *testing.B) { benchChan(b, 1) }
func BenchmarkChanRoundTrip2(b *testing.B) { benchChan(b, 2) }
