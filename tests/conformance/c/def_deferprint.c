/* conformance: main defers three printing calls whose many arguments are evaluated at the
 *   defer; they run in reverse order when main returns, each printing its own values
 * rules: D1 D2
 * from: test/deferprint.go
 * frames: compare
 */
#include <gort.h>
#include <stdbool.h>
#include <stdio.h>

struct mixed {
    int i;
    bool t, f, t2;
    double x;
    const char *s;
    unsigned char b;
};

static void print_mixed(void *p)
{
    struct mixed *m = p;
    printf("%d %s %s %s %g %s <nil> [] map[] %u\n", m->i, m->t ? "true" : "false",
           m->f ? "true" : "false", m->t2 ? "true" : "false", m->x, m->s, m->b);
}

static void print_ints(void *p)
{
    const int *v = p;
    for (int i = 0; i < 20; i++)
        printf(i ? " %d" : "%d", v[i]);
    printf("\n");
}

static void print_str(const char *s)
{
    printf("%s", s);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    struct mixed m = {42, true, false, true, 1.5, "world", 255};
    go_defer(print_mixed, &m);
    int ints[20];
    for (int i = 0; i < 20; i++)
        ints[i] = i + 1;
    go_defer(print_ints, ints);
    go_defer_args(print_str, (const char *)"printing: ");
    return rc;
}
