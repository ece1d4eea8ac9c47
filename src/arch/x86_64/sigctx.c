/*
 * sigctx.c (x86-64 Linux) — the signal context: reading pc, sp and fp from a ucontext, making
 * the interrupted thread "call" gort__sigpanic, and decoding a faulting divide instruction.
 *
 * Why a decoder. The CPU raises the same exception (#DE, reported by Linux as SIGFPE with
 * si_code FPE_INTDIV) for a division by zero and for a quotient that does not fit, which is
 * what INT_MIN / -1 is (undefined behaviour in C; Go defines it as INT_MIN and never traps).
 * The only way to tell them apart is the divisor: this file decodes the F6 /6, F6 /7, F7 /6 and
 * F7 /7 instructions (div, idiv; 8 to 64 bits; register or memory operand; the prefixes C
 * compilers emit) and reads the divisor from the saved registers or from memory. A zero
 * divisor is "integer divide by zero", anything else "integer overflow".
 */
#define _GNU_SOURCE
#include "internal.h"
#include "sigctx.h"

#include <signal.h>
#include <string.h>
#include <ucontext.h>

extern char gort__sigpanic_tramp[] GORT_HIDDEN;

static greg_t *regs(const void *uc) { return ((ucontext_t *)(uintptr_t)uc)->uc_mcontext.gregs; }

uintptr_t gort__ctx_pc(const void *uc) { return (uintptr_t)regs(uc)[REG_RIP]; }
uintptr_t gort__ctx_sp(const void *uc) { return (uintptr_t)regs(uc)[REG_RSP]; }
uintptr_t gort__ctx_fp(const void *uc) { return (uintptr_t)regs(uc)[REG_RBP]; }

void gort__ctx_call_sigpanic(void *uc, int kind, uintptr_t addr, uintptr_t code, int signo)
{
    greg_t *r = regs(uc);
    uintptr_t pc = (uintptr_t)r[REG_RIP];
    uintptr_t sp = (uintptr_t)r[REG_RSP] - sizeof(uintptr_t);
    memcpy((void *)sp, &pc, sizeof pc); /* the fake return address */
    r[REG_RSP] = (greg_t)sp;
    r[REG_RIP] = (greg_t)(uintptr_t)gort__sigpanic_tramp;
    r[REG_RDI] = (greg_t)kind;
    r[REG_RSI] = (greg_t)addr;
    r[REG_RDX] = (greg_t)code;
    r[REG_RCX] = (greg_t)signo;
    r[REG_R8] = (greg_t)pc;
}

/* The saved register with x86 number n (0 = rax ... 15 = r15). */
static uint64_t reg(const greg_t *r, unsigned n)
{
    static const int map[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP,
                                REG_RSI, REG_RDI, REG_R8,  REG_R9,  REG_R10, REG_R11,
                                REG_R12, REG_R13, REG_R14, REG_R15};
    return (uint64_t)r[map[n & 15]];
}

bool gort__ctx_divisor(const void *uc, int64_t *divisor, bool *is_signed)
{
    const greg_t *r = regs(uc);
    const uint8_t *p = (const uint8_t *)(uintptr_t)r[REG_RIP];
    unsigned rex = 0, size = 4;
    for (int i = 0; i < 4; i++, p++) { /* prefixes: operand size, REX (last) */
        if (*p == 0x66)
            size = 2;
        else if (*p >= 0x40 && *p <= 0x4f)
            rex = *p;
        else
            break;
    }
    if (*p != 0xf6 && *p != 0xf7)
        return false;
    if (*p == 0xf6)
        size = 1;
    else if (rex & 8)
        size = 8;
    p++;
    unsigned modrm = *p++, mod = modrm >> 6, op = (modrm >> 3) & 7, rm = modrm & 7;
    if (op != 6 && op != 7)
        return false;
    uint64_t v;
    if (mod == 3) {
        unsigned n = rm | ((rex & 1) << 3);
        if (size == 1 && !rex && n >= 4 && n < 8)
            v = reg(r, n - 4) >> 8; /* ah, ch, dh, bh */
        else
            v = reg(r, n);
    } else {
        uint64_t ea = 0;
        bool rip_relative = false;
        if (rm == 4) { /* SIB */
            unsigned sib = *p++, scale = sib >> 6, index = ((sib >> 3) & 7) | ((rex & 2) << 2),
                     base = (sib & 7) | ((rex & 1) << 3);
            if (index != 4)
                ea += reg(r, index) << scale;
            if ((base & 7) == 5 && mod == 0) {
                int32_t d;
                memcpy(&d, p, 4);
                p += 4;
                ea += (uint64_t)(int64_t)d;
            } else {
                ea += reg(r, base);
            }
        } else if (rm == 5 && mod == 0) {
            rip_relative = true;
        } else {
            ea += reg(r, rm | ((rex & 1) << 3));
        }
        if (mod == 1) {
            ea += (uint64_t)(int64_t)(int8_t)*p++;
        } else if (mod == 2 || rip_relative) {
            int32_t d;
            memcpy(&d, p, 4);
            p += 4;
            ea += (uint64_t)(int64_t)d;
        }
        if (rip_relative)
            ea += (uint64_t)(uintptr_t)p; /* relative to the next instruction */
        v = 0;
        memcpy(&v, (const void *)(uintptr_t)ea, size);
    }
    *is_signed = op == 7;
    int64_t d;
    switch (size) {
    case 1: d = op == 7 ? (int8_t)v : (int64_t)(uint8_t)v; break;
    case 2: d = op == 7 ? (int16_t)v : (int64_t)(uint16_t)v; break;
    case 4: d = op == 7 ? (int32_t)v : (int64_t)(uint32_t)v; break;
    default: d = (int64_t)v; break;
    }
    *divisor = d;
    return true;
}
