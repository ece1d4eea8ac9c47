// Port of TestDeferWithRepeatedRepanics (src/runtime/defer_test.go): a recursive interpreter
// recovers and re-panics at each level until the level named by the panic value handles it;
// afterwards no stale deferred call is left (a recovered panic in recurseFnPanicRec only runs
// its own deferred call).
package main

import "fmt"

func interpreter(level int, maxlevel int, rec int) {
	defer func() {
		e := recover()
		if e == nil {
			return
		}
		if level != e.(int) {
			fmt.Println("re-panicking, level", level)
			panic(e)
		}
		fmt.Println("recovered, level", level)
	}()
	if level+1 < maxlevel {
		interpreter(level+1, maxlevel, rec)
	} else {
		fmt.Println("initiating panic", rec)
		panic(rec)
	}
}

var deferRuns int

func recurseFnPanicRec(level int, maxlevel int) {
	defer func() {
		deferRuns++
		fmt.Println("recurseFnPanicRec recovered:", recover(), "runs:", deferRuns)
	}()
	recurseFn(level, maxlevel)
}

var saveInt uint32

func recurseFn(level int, maxlevel int) {
	a := [40]uint32{}
	for i := range a {
		a[i] = 0xffffffff
	}
	if level+1 < maxlevel {
		saveInt = a[4]
		recurseFn(level+1, maxlevel)
	} else {
		panic("recurseFn panic")
	}
}

func main() {
	interpreter(0, 6, 2)
	recurseFnPanicRec(0, 10)
	interpreter(0, 5, 1)
	recurseFnPanicRec(0, 10)
	interpreter(0, 6, 3)
	recurseFnPanicRec(0, 10)
	fmt.Println("saveInt", saveInt)
}
