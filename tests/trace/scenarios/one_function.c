/* Defers in one function: three deferred calls run LIFO when the function returns (D1). */
#include <gort.h>
#include <stdio.h>

static void close_a(void *p) { printf("close a %s\n", (char *)p); }
static void close_b(void *p) { printf("close b %s\n", (char *)p); }
static void close_c(void *p) { printf("close c %s\n", (char *)p); }

static int work(void)
{
    int r = 1;
    go_frame(r);
    go_defer(close_a, "1");
    go_defer(close_b, "2");
    go_defer(close_c, "3");
    return r;
}

int main(void) { return work() == 1 ? 0 : 1; }
