// The remaining named basic types of TestPanicWithDirectlyPrintableCustomTypes
// (src/runtime/panic_test.go), plus edge values, on one panic chain: each deferred call panics
// again, so each value prints on its own line.
package main

import "fmt"

type MyInt8 int8
type MyInt16 int16
type MyInt32 int32
type MyInt64 int64
type MyUint uint
type MyUint8 uint8
type MyUint16 uint16
type MyUint32 uint32
type MyUintptr uintptr
type MyString string
type MyBool bool

func main() {
	defer func() { panic(MyBool(false)) }()
	defer func() { panic(MyString("")) }()
	defer func() { panic(MyString("tab\tand \"quotes\"")) }()
	defer func() { panic(MyUintptr(93)) }()
	defer func() { panic(MyUint32(4294967295)) }()
	defer func() { panic(MyUint16(93)) }()
	defer func() { panic(MyUint8(255)) }()
	defer func() { panic(MyUint(93)) }()
	defer func() { panic(MyInt64(-9223372036854775808)) }()
	defer func() { panic(MyInt32(-93)) }()
	defer func() { panic(MyInt16(93)) }()
	fmt.Println("panicking with MyInt8(93)")
	panic(MyInt8(93))
}
