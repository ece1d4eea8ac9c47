/*
 * setjmp.S (x86-64 System V) — the recovery point's save and the recovery's jump.
 *
 * Buffer layout (8 words), shared with __builtin_setjmp's first three words in GCC and Clang:
 *   [0] frame pointer  [1] resume address  [2] stack pointer  [3..7] rbx r12 r13 r14 r15
 *
 *   int  gort__setjmp(void **jb)   returns_twice: 0 now, 1 when gort__longjmp resumes it.
 *   void gort__longjmp(void **jb)  restores all eight and resumes.
 *
 * Clang code sets recovery points with gort__setjmp: a real returns_twice call, which LLVM
 * treats as it treats setjmp (its __builtin_setjmp lowering let spill slots be reused across
 * the resume point under ASan). GCC code uses __builtin_setjmp, which fills words 0..2; the
 * library resumes both with gort__longjmp (words 3..7 are then whatever the frame held: a
 * __builtin_setjmp receiver reloads every register it needs).
 */
	.text
	.globl	gort__setjmp
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

	.globl	gort__longjmp
	.hidden	gort__longjmp
	.type	gort__longjmp, @function
	.p2align 4
gort__longjmp:
	.cfi_startproc
	endbr64
	movq	24(%rdi), %rbx
	movq	32(%rdi), %r12
	movq	40(%rdi), %r13
	movq	48(%rdi), %r14
	movq	56(%rdi), %r15
	movq	0(%rdi), %rbp
	movq	16(%rdi), %rsp
	movl	$1, %eax
	jmpq	*8(%rdi)
	.cfi_endproc
	.size	gort__longjmp, .-gort__longjmp

	.section .note.GNU-stack,"",@progbits
