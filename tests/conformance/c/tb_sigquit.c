/* conformance: SIGQUIT prints "SIGQUIT: quit", the PC line, every goroutine at system level, and exits with status 2
 * rules: C4
 * frames: compare
 * from: src/runtime/crash_test.go TestSIGQUIT-like (signal_unix.go sighandler, SEMANTICS.md C4)
 * env: TSAN_OPTIONS=halt_on_error=1:report_thread_leaks=0:report_signal_unsafe=0
 */
#include <gort.h>
#include <signal.h>
#include <unistd.h>

int main(void)
{
    (void)go_goid(); /* links gort, whose constructor installs the SIGQUIT handler */
    kill(getpid(), SIGQUIT);
    sleep(5);
    return 0;
}
