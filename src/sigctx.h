/*
 * sigctx.h — the architecture-specific half of signal handling (arch/<arch>/sigctx.c): reading
 * a signal's interrupted context and rewriting it so that the thread, on the handler's return,
 * "calls" gort's panic entry on its own stack. signal.c is the portable half.
 */
#ifndef GORT_SIGCTX_H
#define GORT_SIGCTX_H

#include <stdbool.h>
#include <stdint.h>

/* The interrupted thread's program counter, stack pointer and frame pointer. */
GORT_HIDDEN uintptr_t gort__ctx_pc(const void *uc);
GORT_HIDDEN uintptr_t gort__ctx_sp(const void *uc);
GORT_HIDDEN uintptr_t gort__ctx_fp(const void *uc);

/*
 * Rewrites uc so that, when the handler returns, the interrupted thread continues as if the
 * instruction at its pc had called gort__sigpanic(kind, addr, code, signo, pc) (Go's
 * preparePanic): the faulting pc is pushed as the return address, just below the interrupted
 * stack pointer, and execution resumes in the trampoline (sigpanic.S). The interrupted code is
 * never resumed: the word pushed overwrites the red zone of a leaf function that faulted.
 */
GORT_HIDDEN void gort__ctx_call_sigpanic(void *uc, int kind, uintptr_t addr, uintptr_t code,
                                         int signo);

/*
 * For a SIGFPE raised by an integer division: decodes the faulting divide instruction and
 * reads its divisor. Returns false when the instruction is not a recognised divide (the
 * caller then trusts the kernel's si_code).
 */
GORT_HIDDEN bool gort__ctx_divisor(const void *uc, int64_t *divisor, bool *is_signed);

/* signal.c: entered through the trampoline on the faulting thread's stack; never returns. */
GORT_HIDDEN _Noreturn void gort__sigpanic(int kind, uintptr_t addr, uintptr_t code, int signo,
                                          uintptr_t pc);

#endif /* GORT_SIGCTX_H */
