/* conformance: every goroutine blocked: main waits in a select on two channels nobody uses:
 *   goroutine 1 [select]
 * rules: CH8 CH7 C2 C5
 * frames: compare
 * from: runtime/crash_test.go TestSimpleDeadlock (checkdead), runtime2.go waitReasonSelect
 */
#include <gort.h>
#include <stdio.h>

int main(void)
{
    go_chan *a = go_chan_of(int, 0);
    go_chan *b = go_chan_of(const char *, 0);
    const char *x = "x";
    printf("selecting\n");
    go_select_case cs[] = {go_case_recv(a, NULL, NULL), go_case_send(b, &x)};
    go_select(cs, 2, false);
    return 0;
}
