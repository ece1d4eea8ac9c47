/* conformance: deferred arguments are evaluated exactly once, when the defer executes, and a later change to their source is not seen by the deferred call
 * rules: D1 D2
 * from: src/runtime/defer_test.go TestNonSSAableArgs
 * frames: compare
 */
#include <gort.h>
#include <stdint.h>
#include <stdio.h>

struct non_ssaable { unsigned char b[128]; };
struct big { int64_t x, y, z, w, p, q; };
struct contains_big { struct big element; };

static int globint1, globint2, globint3;

static struct non_ssaable mk_non_ssaable(void)
{
    struct non_ssaable n = {{0, 0, 0, 0, 5}};
    globint1++;
    return n;
}

static __attribute__((noinline)) int64_t sideeffect(int64_t n)
{
    globint2++;
    return n;
}

static struct contains_big sideeffect2(struct contains_big in)
{
    globint3++;
    return in;
}

struct saves { unsigned char save1; int64_t save2, save3, save4; };

static void report(struct saves *s)
{
    printf("globint1 %d globint2 %d globint3 %d\n", globint1, globint2, globint3);
    printf("save1 %d save2 %lld save3 %lld save4 %lld\n", s->save1, (long long)s->save2,
           (long long)s->save3, (long long)s->save4);
}

static void set_save1(struct saves *s, long b) { s->save1 = (unsigned char)b; }
static void set_save2(struct saves *s, long y) { s->save2 = y; }
static void set_save3(struct saves *s, long z) { s->save3 = z; }
static void set_save4(struct saves *s, long z) { s->save4 = z; }

static void non_ssaable_args(void)
{
    go_frame_void();
    struct saves s = {0, 0, 0, 0};
    go_defer_args(report, &s);
    go_defer_args(set_save1, &s, mk_non_ssaable().b[4]);
    go_defer_args(set_save2, &s, ((struct big){1, 2, 3, 4, 5, sideeffect(6)}).y);
    struct contains_big foo = {{0, 0, 0, 0, 0, 0}};
    foo.element.z = 4;
    go_defer_args(set_save3, &s, foo.element.z);
    go_defer_args(set_save4, &s, sideeffect2(foo).element.z);
    foo.element.z = 99;
    printf("body done; globint1 %d globint2 %d globint3 %d\n", globint1, globint2, globint3);
}

int main(void)
{
    non_ssaable_args();
    return 0;
}
