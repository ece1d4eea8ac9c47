/*
 * switch.S (x86-64 System V) — the goroutine context switch and a new goroutine's first frame.
 *
 *   void gort__ctx_switch(struct gort__ctx *save, const struct gort__ctx *load);
 *
 * Saves the callee-saved registers (rbp rbx r12 r13 r14 r15) on the current stack, stores the
 * stack pointer in save->sp (and, for debuggers, the return address in save->pc and rbp in
 * save->fp), loads load->sp, pops the same six registers and returns on the other stack. The
 * caller-saved registers are dead across the call by the ABI, so nothing else needs saving: no
 * signal mask (swapcontext's system call), no FORTIFY check (longjmp's __longjmp_chk refuses
 * to change stacks). The SSE control/status word and the x87 control word are left alone:
 * gort never changes them, and a program that does sees its setting on every goroutine of the
 * thread (as with Go).
 *
 * Saved layout at ctx.sp:  [0] r15 [8] r14 [16] r13 [24] r12 [32] rbx [40] rbp [48] return pc
 *
 *   gort__gostart: where a new context's first switch "returns" to. gort__ctx_init (stack.c)
 *   lays out a frame whose saved r12 is the argument and r13 the function; gostart calls
 *   r13(r12), which never returns. Its CFI marks the return address undefined, so unwinders
 *   (tracebacks, _Unwind_Backtrace, gdb) stop here: the bottom of every goroutine's stack.
 */
	.text
	.globl	gort__ctx_switch
	.hidden	gort__ctx_switch
	.type	gort__ctx_switch, @function
	.p2align 4
gort__ctx_switch:
	.cfi_startproc
	endbr64
	movq	(%rsp), %rax
	movq	%rax, 8(%rdi)
	movq	%rbp, 16(%rdi)
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, 0(%rdi)
	movq	0(%rsi), %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.cfi_endproc
	.size	gort__ctx_switch, .-gort__ctx_switch

	.globl	gort__gostart
	.hidden	gort__gostart
	.type	gort__gostart, @function
	.p2align 4
gort__gostart:
	.cfi_startproc
	.cfi_undefined rip
	xorl	%ebp, %ebp
	movq	%r12, %rdi
	call	*%r13
	ud2
	.cfi_endproc
	.size	gort__gostart, .-gort__gostart

	.section .note.GNU-stack,"",@progbits
