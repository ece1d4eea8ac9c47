/* conformance: `defer delete(m, i)` in a loop: each deferred call gets its own i; they all run
 *   after the return value (the map) was taken, so the caller sees an empty map
 * rules: D1 D2 D3
 * from: test/fixedbugs/issue19710.go
 * frames: compare
 */
#include <gort.h>
#include <stdbool.h>
#include <stdio.h>

struct set {
    bool has[8];
};

static int len(const struct set *m)
{
    int n = 0;
    for (int i = 0; i < 8; i++)
        n += m->has[i];
    return n;
}

static void delete(struct set *m, long i)
{
    m->has[i] = false;
    printf("delete(m, %ld)\n", i);
}

static struct set the_map;

static struct set *f(void)
{
    struct set *m = &the_map;
    go_frame(m);
    for (long i = 0; i < 3; i++) {
        m->has[i] = true;
        go_defer_args(delete, m, i);
    }
    printf("f: len(m) = %d before its deferred calls\n", len(m));
    return m;
}

int main(void)
{
    int n = len(f());
    if (n != 0) {
        printf("got %d want 0\n", n);
        go_panic("bad defer delete");
    }
    printf("len(f()) = %d\n", n);
    return 0;
}
