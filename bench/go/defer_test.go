// Package gortbench holds the Go peers of gort's benchmarks: the same shapes as bench/cases.c,
// written with Go's defer, panic, recover and runtime.Goexit. bench/run.sh builds this with
// `go test -c` and runs the test binary once per round, between the C programs' runs.
package gortbench

import (
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
)

var (
	obj       int
	sink      int
	loopCount = 8 // deferloop's count; a variable, as in the C case
)

// noop is the deferred call of every case: empty, never inlined, one pointer argument.
//
//go:noinline
func noop(p *int) {}

// call is Go's floor for orientation: a function that calls noop, no defer.
//
//go:noinline
func call(p *int) int {
	noop(p)
	return 0
}

//go:noinline
func defer1(p *int) int {
	defer noop(p)
	return 0
}

// defer8 has eight defers and no loop, so Go open-codes them (at most 8 per function).
//
//go:noinline
func defer8(p *int) int {
	defer noop(p)
	defer noop(p)
	defer noop(p)
	defer noop(p)
	defer noop(p)
	defer noop(p)
	defer noop(p)
	defer noop(p)
	return 0
}

// deferLoop defers in a loop: Go cannot open-code these and allocates a record per defer.
//
//go:noinline
func deferLoop(p *int, n int) int {
	for i := 0; i < n; i++ {
		defer noop(p)
	}
	return 0
}

//go:noinline
func recoverCount(p *int) {
	if recover() != nil {
		*p++
	}
}

// descend panics d levels below its first caller.
//
//go:noinline
func descend(d int) {
	if d <= 0 {
		return
	}
	if d == 1 {
		panic("boom")
	}
	descend(d - 1)
	sink++
}

// panicRecover returns 1 after a recovered panic (the named result's value), as the C case.
//
//go:noinline
func panicRecover(p *int, d int) (r int) {
	r = 1
	defer recoverCount(p)
	descend(d)
	r = 0
	return r
}

func goexitBody(wg *sync.WaitGroup, p *int) {
	defer wg.Done() // lets the spawner wait; the C thread is waited for with pthread_join
	defer noop(p)
	defer noop(p)
	defer noop(p)
	defer noop(p)
	runtime.Goexit()
}

func BenchmarkCall(b *testing.B) {
	s := 0
	for i := 0; i < b.N; i++ {
		s += call(&obj)
	}
	sink += s
}

func BenchmarkDefer1(b *testing.B) {
	s := 0
	for i := 0; i < b.N; i++ {
		s += defer1(&obj)
	}
	sink += s
}

func BenchmarkDefer8(b *testing.B) {
	s := 0
	for i := 0; i < b.N; i++ {
		s += defer8(&obj)
	}
	sink += s
}

func BenchmarkDeferLoop8(b *testing.B) {
	s := 0
	for i := 0; i < b.N; i++ {
		s += deferLoop(&obj, loopCount)
	}
	sink += s
}

func benchPanic(b *testing.B, d int) {
	s := 0
	for i := 0; i < b.N; i++ {
		s += panicRecover(&obj, d)
	}
	if s != b.N {
		b.Fatalf("recovered %d of %d panics", s, b.N)
	}
	sink += s
}

func BenchmarkPanicRecoverD1(b *testing.B)  { benchPanic(b, 1) }
func BenchmarkPanicRecoverD10(b *testing.B) { benchPanic(b, 10) }

func BenchmarkGoexit(b *testing.B) {
	var wg sync.WaitGroup
	for i := 0; i < b.N; i++ {
		wg.Add(1)
		go goexitBody(&wg, &obj)
		wg.Wait()
	}
}

//go:noinline
func stack20(d int) int {
	if d > 1 {
		return stack20(d-1) + 1
	}
	return len(debug.Stack())
}

//go:noinline
func callers20(d int, pcs []uintptr) int {
	if d > 1 {
		return callers20(d-1, pcs) + 1
	}
	return runtime.Callers(0, pcs)
}

// BenchmarkStack20: debug.Stack() at the bottom of a 20-frame recursion (gort: go_stack).
func BenchmarkStack20(b *testing.B) {
	s := 0
	for i := 0; i < b.N; i++ {
		s += stack20(20)
	}
	sink += s
}

// BenchmarkCallers20: runtime.Callers at the bottom of a 20-frame recursion.
func BenchmarkCallers20(b *testing.B) {
	pcs := make([]uintptr, 64)
	s := 0
	for i := 0; i < b.N; i++ {
		s += callers20(20, pcs)
	}
	sink += s
}
