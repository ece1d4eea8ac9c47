// cxx_panic.cc — the C++ peer of panic_d1 / panic_d10: throw at depth d below the function
// whose handler catches, g++ -O2, the same harness and the same empty handler call as the C
// cases (bench_noop from noop.c).
#include "harness.h"

extern "C" void bench_noop(void *p);

static int obj;

// Keeps a recursive call from becoming a loop or a tail call: every level is a real frame.
#define NOT_A_TAIL() __asm__ volatile("" ::: "memory")

BENCH_NOINLINE void descend_cxx(int d);
BENCH_NOINLINE void descend_cxx(int d)
{
    if (d <= 0)
        return;
    if (d == 1)
        throw "boom";
    descend_cxx(d - 1);
    NOT_A_TAIL();
}

BENCH_NOINLINE int catch_cxx(void *p, int d);
BENCH_NOINLINE int catch_cxx(void *p, int d)
{
    try {
        descend_cxx(d);
    } catch (const char *) {
        bench_noop(p);
        return 1;
    }
    return 0;
}

static BENCH_NOINLINE long loop_panic_d1_cxx(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += catch_cxx(&obj, 1);
    return s;
}

static BENCH_NOINLINE long loop_panic_d10_cxx(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += catch_cxx(&obj, 10);
    return s;
}

static const struct bench_case cxx_cases[] = {
    {"panic_d1", "cxx", loop_panic_d1_cxx, 0},
    {"panic_d10", "cxx", loop_panic_d10_cxx, 0},
};

int main(int argc, char **argv)
{
    if (catch_cxx(&obj, 1) != 1 || catch_cxx(&obj, 10) != 1) {
        fprintf(stderr, "cxx_panic: self-test failed\n");
        return 1;
    }
    return bench_main(argc, argv, cxx_cases, int(sizeof cxx_cases / sizeof cxx_cases[0]));
}
