/* conformance: go_index, go_slice, go_slice_len and go_slice3 panic with Go's boundsError texts (index out of range [5] with length 3, [-1], an unsigned index, [:7] with capacity 5, [3:2], [-1:], with length, [::9], [:7:6], [3:2:]); each is a run-time error, recovered and printed
 * rules: E2 E3 R3
 * from: src/runtime/error.go boundsError; test/index.go (the messages)
 */
#include <gort.h>
#include <stdio.h>
#include <string.h>

static volatile int five = 5, minus_one = -1, two = 2, three = 3, seven = 7, six = 6, nine = 9;
static volatile unsigned long big = ~0ul;

static const char *current;

static void report(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[128];
    printf("%s: %s (runtime.Error: %s)\n", current,
           go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf),
           go_is_runtime_error(r) ? "true" : "false");
}

static __attribute__((noinline)) void try(const char *name, void (*f)(void))
{
    go_frame_void();
    current = name;
    go_defer(report, NULL);
    f();
}

static int s[5]; /* a slice of length 3, capacity 5 */
enum { LEN = 3, CAP = 5 };
static const char *volatile str = "hello";
enum { ARRLEN = 5 }; /* var arr [5]int */

static void index5(void) { (void)s[go_index(five, LEN)]; }
static void index_neg(void) { (void)s[go_index(minus_one, LEN)]; }
static void index_unsigned(void) { (void)s[go_index(big, LEN)]; }
static void slice_high(void) { (void)go_slice(0, seven, CAP); }
static void slice_low(void) { (void)go_slice(three, two, CAP); }
static void slice_neg_low(void) { (void)go_slice(minus_one, LEN, CAP); }
static void string_slice(void) { (void)go_slice_len(0, seven, strlen(str)); }
static void array_slice(void) { (void)go_slice_len(0, six, ARRLEN); }
static void slice3_max(void) { (void)go_slice3(0, LEN, nine, CAP); }
static void slice3_high(void) { (void)go_slice3(0, seven, six, CAP); }
static void slice3_low(void) { (void)go_slice3(three, two, five, CAP); }
static void in_range(void)
{
    printf("%zu %zu %d\n", go_slice(1, 3, CAP), go_slice3(0, 2, 4, CAP), s[go_index(2, LEN)]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    try("index", index5);
    try("negative index", index_neg);
    try("unsigned index", index_unsigned);
    try("slice high over capacity", slice_high);
    try("slice low over high", slice_low);
    try("slice negative low", slice_neg_low);
    try("string slice over length", string_slice);
    try("array slice over length", array_slice);
    try("3-index max over capacity", slice3_max);
    try("3-index high over max", slice3_high);
    try("3-index low over high", slice3_low);
    try("in range", in_range);
    return 0;
}
