/*
 * defercall.S (x86-64 System V) — the one place gort calls a deferred function.
 *
 *   void gort__defercall(const struct gort__defer *d, void (*fn)(void), void **fp_out);
 *
 * Loads the four captured words d->a[0..3] into registers (before the call, so the record may
 * be reused while fn runs), publishes its own frame pointer in *fp_out, and calls fn with the
 * words in rdi, rsi, rdx, rcx: a function of 0 to 4 integer or pointer parameters receives
 * exactly its arguments, at the ABI level, whatever its C type. fn comes apart from the record
 * because a popped record's fn is already cleared: a frame's first call is called where it
 * lies, in the frame, with no copy.
 *
 * gort__call_first(d) is the normal return's call of a frame's first deferred call (gort.h,
 * gort__frame_exit): it loads the same registers and jumps to d->fn, which returns straight to
 * the function that is returning. It makes no frame: recover() in the called function sees a
 * caller that is not the panic loop's trampoline and returns nil, as it must.
 *
 * recover() relies on this frame's shape: a function called from here has return address
 * gort__defercall_ret and saved frame pointer *fp_out, which identifies "called directly by the
 * panic's deferred call". CFI lets unwinders (tracebacks, pthread_exit, C++) walk through it.
 */
/* rax = d->fn; rdi, rsi, rdx, rcx = d->a[0..3] (rdi, the record's address, last). */
	.macro	LOAD_RECORD
	movq	(%rdi), %rax
	movq	32(%rdi), %rcx
	movq	24(%rdi), %rdx
	movq	16(%rdi), %rsi
	movq	8(%rdi), %rdi
	.endm

/* rdi, rsi, rdx, rcx = d->a[0..3] (rdi, the record's address, last). */
	.macro	LOAD_ARGS
	movq	32(%rdi), %rcx
	movq	24(%rdi), %rdx
	movq	16(%rdi), %rsi
	movq	8(%rdi), %rdi
	.endm

	.text
	.globl	gort__defercall
	.hidden	gort__defercall
	.type	gort__defercall, @function
	.globl	gort__defercall_ret
	.hidden	gort__defercall_ret
	.p2align 4
gort__defercall:
	.cfi_startproc
	endbr64
	pushq	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset %rbp, -16
	movq	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	movq	%rbp, (%rdx)
	movq	%rsi, %rax
	LOAD_ARGS
	call	*%rax
gort__defercall_ret:
	popq	%rbp
	.cfi_def_cfa %rsp, 8
	ret
	.cfi_endproc
	.size	gort__defercall, .-gort__defercall

	.globl	gort__call_first
	.type	gort__call_first, @function
	.p2align 4
gort__call_first:
	.cfi_startproc
	endbr64
	LOAD_RECORD
	jmp	*%rax
	.cfi_endproc
	.size	gort__call_first, .-gort__call_first

	.section .note.GNU-stack,"",@progbits
