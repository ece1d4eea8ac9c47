/*
 * noop.c — the deferred / cleanup function of every case: empty, out of line, one pointer
 * argument. It lives in its own translation unit so that no caller can see that it does
 * nothing; the empty asm keeps the call even if someone builds with LTO.
 */
void bench_noop(void *p);

__attribute__((noinline)) void bench_noop(void *p)
{
    __asm__ volatile("" : : "r"(p));
}
