package gortbench

// Goroutine benchmarks, the peers of bench/sched.c.

import (
	"runtime"
	"sync"
	"testing"
)

func benchSpawnJoin(b *testing.B, procs int) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	var wg sync.WaitGroup
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		wg.Add(1)
		go func() { wg.Done() }()
		wg.Wait()
	}
}

func benchYield(b *testing.B, procs int) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	var wg sync.WaitGroup
	b.ResetTimer()
	wg.Add(2)
	for g := 0; g < 2; g++ {
		go func() {
			for i := 0; i < b.N; i++ {
				runtime.Gosched()
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

func BenchmarkSpawnJoinP1(b *testing.B) { benchSpawnJoin(b, 1) }
func BenchmarkSpawnJoinP2(b *testing.B) { benchSpawnJoin(b, 2) }
func BenchmarkYieldP1(b *testing.B)     { benchYield(b, 1) }
func BenchmarkYieldP2(b *testing.B)     { benchYield(b, 2) }
