/*
 * sigpanic.S (x86-64 System V) — where a faulting thread resumes when gort turns its fault
 * into a panic (Go's sigpanic entry).
 *
 * The signal handler (signal.c) does not panic on the signal stack: it rewrites the
 * interrupted context (sigctx.c) so that, when the handler returns, the thread looks as if the
 * faulting instruction had called this trampoline:
 *
 *     faulting sp - 8:  faulting pc          <- the fake return address (as Go pushes it)
 *     rip:              gort__sigpanic_tramp
 *     rdi, rsi, rdx, rcx, r8: what gort__sigpanic needs (kind, addr, code, signo, pc)
 *
 * The trampoline saves the faulting frame pointer (frame-pointer unwinders then walk from here
 * into the faulting function and on), aligns the stack for the C call (the faulting sp may have
 * any alignment), and calls gort__sigpanic, which raises the run-time error panic and never
 * returns. Its unwind entry is marked as a signal frame (.cfi_signal_frame): DWARF unwinders
 * then look the caller up at the faulting pc itself, not at pc - 1 as for a return address, so
 * a fault in the first instruction of a function is still named after that function.
 */
	.text
	.globl	gort__sigpanic_tramp
	.hidden	gort__sigpanic_tramp
	.type	gort__sigpanic_tramp, @function
	.p2align 4
	nop			/* unwinders probing pc - 1 of the trampoline stay in its own range */
gort__sigpanic_tramp:
	.cfi_startproc
	.cfi_signal_frame
	endbr64
	pushq	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset %rbp, -16
	movq	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	andq	$-16, %rsp
	call	gort__sigpanic
	ud2
	.cfi_endproc
	.size	gort__sigpanic_tramp, .-gort__sigpanic_tramp

	.section .note.GNU-stack,"",@progbits
