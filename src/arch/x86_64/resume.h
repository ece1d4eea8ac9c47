/*
 * resume.h (x86-64 System V) — the recovery's jump, as inline code.
 *
 * gort__resume(jb) restores what a recovery point saved in jb (GORT__CAPTURE in
 * include/gort.h, or gort__setjmp for Goexit's own point; layout in setjmp.S) — the frame
 * pointer, the stack pointer, rbx and r12-r15 — and jumps to the saved resume address. It
 * restores exactly what the capture's asm goto declares preserved, and nothing it declares
 * clobbered.
 *
 * Inline, not a call to an assembly function: there is nothing to return to, and the call
 * was measured to cost far more than its instructions. panic_d1 (bench/, GCC -O2, one CPU,
 * randomized layouts, median of 11 runs): 34 ns with `call gort__longjmp`, 29 ns inline;
 * 21 ns once go_recover() also lost its call to fetch a pc (panic.c).
 */
#ifndef GORT_ARCH_RESUME_H
#define GORT_ARCH_RESUME_H

static inline __attribute__((always_inline, noreturn)) void gort__resume(void **jb)
{
    __asm__ volatile("movq 24(%0), %%rbx\n\t"
                     "movq 32(%0), %%r12\n\t"
                     "movq 40(%0), %%r13\n\t"
                     "movq 48(%0), %%r14\n\t"
                     "movq 56(%0), %%r15\n\t"
                     "movq 0(%0), %%rbp\n\t"
                     "movq 16(%0), %%rsp\n\t"
                     "jmpq *8(%0)"
                     :
                     : "D"(jb)
                     : "memory");
    __builtin_unreachable();
}

#endif
