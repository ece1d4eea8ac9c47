/* Defers in deferred calls: a deferred call that defers runs its own calls when it returns,
 * before its frame's next deferred call (D6). */
#include <gort.h>
#include <stdio.h>

static void leaf(void *p) { printf("leaf %s\n", (char *)p); }
static void other(void *p) { printf("other %s\n", (char *)p); }

static void nested(void *p)
{
    go_frame_void();
    printf("nested %s\n", (char *)p);
    go_defer(leaf, "from nested");
}

static __attribute__((noinline)) void work(void)
{
    go_frame_void();
    go_defer(other, "first");
    go_defer(nested, "second");
}

int main(void)
{
    work();
    return 0;
}
