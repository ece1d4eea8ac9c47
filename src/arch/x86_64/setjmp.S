/*
 * setjmp.S (x86-64 System V) — the library's own recovery point (Goexit's).
 *
 * Buffer layout (8 words), the one GORT__CAPTURE (include/gort.h) writes at a frame's first
 * defer:
 *   [0] frame pointer  [1] resume address  [2] stack pointer  [3..7] rbx r12 r13 r14 r15
 *
 *   int  gort__setjmp(void **jb)   returns_twice: 0 now, 1 when gort__resume (resume.h, inline)
 *                                  resumes it. The library's own resume point (Goexit's).
 */
	.text
	.globl	gort__setjmp
	.hidden	gort__setjmp
	.type	gort__setjmp, @function
	.p2align 4
gort__setjmp:
	.cfi_startproc
	endbr64
	movq	(%rsp), %rax
	movq	%rbp, 0(%rdi)
	movq	%rax, 8(%rdi)
	leaq	8(%rsp), %rdx
	movq	%rdx, 16(%rdi)
	movq	%rbx, 24(%rdi)
	movq	%r12, 32(%rdi)
	movq	%r13, 40(%rdi)
	movq	%r14, 48(%rdi)
	movq	%r15, 56(%rdi)
	xorl	%eax, %eax
	ret
	.cfi_endproc
	.size	gort__setjmp, .-gort__setjmp

	.section .note.GNU-stack,"",@progbits
