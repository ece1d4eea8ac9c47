/* conformance: a NULL dereference ten frames deep runs every frame's deferred call, innermost first, and a recover in the outermost frame stops it; that frame returns the value its deferred call set
 * rules: E1 P1 D1 R5 D4
 * from: test/recover3.go (faults recovered across frames)
 */
#include <gort.h>
#include <stdio.h>

#define FAULTS __attribute__((noinline, no_sanitize("undefined"))) /* see sig_nil_recovered.c */

typedef struct node { struct node *next; int val; } node;

static void leaving(go_word depth) { printf("leaving depth %d\n", (int)depth); }

static FAULTS int walk(node *n, int depth)
{
    int result = 0;
    go_frame(result);
    go_defer_args(leaving, depth);
    if (depth == 10) {
        node *volatile next = n->next;
        return next->val;
    }
    result = walk(n, depth + 1);
    return result;
}

static void recover_42(void *v)
{
    char buf[128];
    printf("recovered: %s\n", go_any_format(go_recover(), buf, sizeof buf));
    *(int *)v = 42;
}

static __attribute__((noinline)) int top(void)
{
    int v = 0;
    go_frame(v);
    go_defer(recover_42, &v);
    node n = {0};
    v = walk(&n, 0);
    return v;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    printf("top returns %d\n", top());
    return 0;
}
