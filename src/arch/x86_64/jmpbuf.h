/*
 * jmpbuf.h (x86-64, glibc) — the stack pointer a C library jmp_buf will restore.
 *
 * glibc keeps rsp in __jmpbuf[6] (sysdeps/x86_64/jmpbuf-offsets.h: JB_RSP), mangled with
 * PTR_MANGLE: xor with the thread's pointer guard (tcbhead_t.pointer_guard, %fs:0x30), then
 * rotate left by 17. Unwinders that step through setjmp buffers (libunwind) read it the same
 * way. src/longjmp.c checks the result against a setjmp of its own before trusting it, so a C
 * library that keeps the buffer differently turns the check off rather than misjudging.
 */
#ifndef GORT_ARCH_JMPBUF_H
#define GORT_ARCH_JMPBUF_H

#include <setjmp.h>
#include <stdint.h>

static inline uintptr_t gort__jmpbuf_sp(const struct __jmp_buf_tag *env)
{
    uintptr_t v = (uintptr_t)env->__jmpbuf[6], guard;
    __asm__("movq %%fs:0x30, %0" : "=r"(guard));
    v = (v >> 17) | (v << (64 - 17));
    return v ^ guard;
}

#endif
