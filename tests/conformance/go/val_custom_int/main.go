// Port of TestPanicWithDirectlyPrintableCustomTypes/panicCustomInt (src/runtime/panic_test.go,
// testprog panicprint.go): a named int type prints as main.MyInt(93).
package main

type MyInt int

func main() {
	panic(MyInt(93))
}
