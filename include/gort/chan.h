/*
 * gort/chan.h — Go's channels and select for C (included by gort.h; do not include it alone).
 *
 * A channel carries fixed-size elements, copied in and out by value as Go copies them:
 *
 *   go_chan *c = go_chan_make(sizeof(int), 0);     // c := make(chan int)
 *   int v = 42;
 *   go_chan_send(c, &v);                           // c <- v
 *   go_chan_recv(c, &v);                           // v = <-c
 *   if (!go_chan_recv2(c, &v)) ...                 // v, ok := <-c; !ok: closed and drained
 *   go_chan_close(c);                              // close(c)
 *   while (go_chan_recv2(c, &v)) ...               // for v := range c
 *
 * Every rule is Go 1.23's (runtime/chan.go, select.go): an unbuffered channel is a rendezvous,
 * a buffered one a FIFO; a value goes straight to a waiting receiver; waiting senders and
 * receivers are served first come, first served; a receive from a closed channel yields the
 * buffered values and then the zero value with ok == false at once; send on a closed channel,
 * close of a closed channel and close of a nil channel panic with Go's run-time errors; an
 * operation on a nil (NULL) channel blocks forever. A blocking operation parks the goroutine,
 * never the worker thread; when every goroutine is blocked the program dies with Go's
 * "all goroutines are asleep - deadlock!", each goroutine showing Go's wait reason
 * ([chan receive], [chan send], [select], [chan receive (nil chan)], [select (no cases)], ...).
 *
 * Ownership. Go collects a channel when nothing refers to it; C cannot. The goroutine that
 * made a channel (or any one the program designates) calls go_chan_free() once no goroutine
 * uses it any more: none is blocked on it, none will send, receive, close it or ask its len or
 * cap again. Closing is not freeing and not needed before freeing (as in Go, close only tells
 * receivers that no more values come). go_chan_free() of a channel that goroutines are
 * blocked on is a fatal error, and an operation on a freed channel is one too as long as its
 * memory has not been reused (ASan builds catch every such use).
 */
#ifndef GORT_CHAN_H
#define GORT_CHAN_H

#ifndef GORT_H
#error "include <gort.h>, not <gort/chan.h>"
#endif

#pragma GCC visibility push(default)

/* A channel (Go's chan T). Opaque; NULL is Go's nil channel. */
typedef struct go_chan go_chan;

/*
 * Makes a channel of elements of elem_size bytes with room for cap buffered elements
 * (cap == 0: unbuffered), Go's make(chan T, cap). elem_size may be 0 (chan struct{}).
 * A size that overflows panics with Go's run-time error "makechan: size out of range";
 * running out of memory is a fatal error. Free it with go_chan_free().
 */
go_chan *go_chan_make(size_t elem_size, size_t cap);

/*
 * Frees c (see Ownership above). NULL is ignored. Fatal error if a goroutine is blocked on c.
 */
void go_chan_free(go_chan *c);

/*
 * Sends the elem_size bytes at elem on c (Go's c <- v), blocking until a receiver takes them
 * or the buffer has room. elem == NULL sends the zero value. Panics "send on closed channel"
 * if c is closed, or becomes closed while the send waits. A NULL c blocks forever.
 */
void go_chan_send(go_chan *c, const void *elem);

/*
 * Receives from c into elem (Go's v = <-c), blocking until a value is there or c is closed;
 * from a closed, drained channel it stores the zero value. elem == NULL discards the value
 * (Go's <-c). A NULL c blocks forever.
 */
void go_chan_recv(go_chan *c, void *elem);

/*
 * As go_chan_recv, and returns Go's ok: true if a sent value was received, false if c is
 * closed and drained (elem then holds the zero value). `while (go_chan_recv2(c, &v))` is
 * Go's `for v := range c`.
 */
bool go_chan_recv2(go_chan *c, void *elem);

/*
 * Non-blocking forms (Go's select with one case and a default). go_chan_try_send returns true
 * if the value was sent, false if the send would block (it still panics on a closed channel).
 * go_chan_try_recv returns true if the receive happened — a value, or the zero value from a
 * closed channel, as *ok (may be NULL) tells — and false if it would block. A NULL c is never
 * ready.
 */
bool go_chan_try_send(go_chan *c, const void *elem);
bool go_chan_try_recv(go_chan *c, void *elem, bool *ok);

/*
 * Closes c (Go's close(c)): receivers get the buffered values, then the zero value with
 * ok == false; every blocked receiver wakes at once, every blocked sender panics "send on
 * closed channel". Panics "close of nil channel" for NULL, "close of closed channel" if c is
 * already closed.
 */
void go_chan_close(go_chan *c);

/* Elements buffered in c now (Go's len(c)); 0 for NULL. */
size_t go_chan_len(const go_chan *c);
/* c's buffer capacity (Go's cap(c)); 0 for NULL and for an unbuffered channel. */
size_t go_chan_cap(const go_chan *c);
/* c's element size, as given to go_chan_make; 0 for NULL. */
size_t go_chan_elem_size(const go_chan *c);

/*
 * Typed conveniences: the element type is named at each use and its size checked against the
 * channel's (a mismatch is a fatal error, where Go would not compile).
 *   go_chan_of(T, cap)           make(chan T, cap)
 *   go_chan_send_v(c, T, expr)   c <- expr
 *   go_chan_recv_v(c, T)         <-c, as an expression of type T
 */
#define go_chan_of(T, cap) go_chan_make(sizeof(T), (cap))
#define go_chan_send_v(c, T, expr)                                                              \
    do {                                                                                        \
        T gort__sv = (expr);                                                                    \
        gort__chan_send_sized((c), &gort__sv, sizeof(T));                                       \
    } while (0)
#define go_chan_recv_v(c, T)                                                                    \
    __extension__({                                                                             \
        T gort__rv;                                                                             \
        gort__chan_recv_sized((c), &gort__rv, sizeof(T));                                      \
        gort__rv;                                                                               \
    })
void gort__chan_send_sized(go_chan *c, const void *elem, size_t size);
void gort__chan_recv_sized(go_chan *c, void *elem, size_t size);

/* ===================================================================================== */
/* select                                                                                */
/* ===================================================================================== */

/* The direction of a select case. */
typedef enum go_select_dir {
    GO_SELECT_SEND = 1, /* case c <- *elem:                                                 */
    GO_SELECT_RECV = 2, /* case *elem, *ok = <-c:                                           */
} go_select_dir;

/*
 * One case of a select.
 *   dir  — GO_SELECT_SEND or GO_SELECT_RECV.
 *   chan — the channel; NULL (Go's nil channel) makes the case never ready.
 *   elem — send: the value to send (NULL: the zero value); receive: where the value goes
 *          (NULL: discarded). Written only if this case is chosen.
 *   ok   — receive only, may be NULL: set to true if a sent value was received, false if the
 *          channel was closed. Written only if this case is chosen.
 */
typedef struct go_select_case {
    go_select_dir dir;
    go_chan *chan;
    void *elem;
    bool *ok;
} go_select_case;

/* Case constructors: go_select_case cs[] = {go_case_recv(c1, &v, &ok), go_case_send(c2, &w)}; */
#define go_case_send(c, elem) ((go_select_case){GO_SELECT_SEND, (c), (void *)(elem), (bool *)0})
#define go_case_recv(c, elem, ok) ((go_select_case){GO_SELECT_RECV, (c), (elem), (ok)})

/*
 * Go's select statement over cases[0..n-1], with a default case if has_default. If some cases
 * can proceed, one of them is chosen uniformly at random and performed; otherwise, with a
 * default, returns -1 at once; otherwise the goroutine waits (wait reason "select") until one
 * case can proceed. Returns the chosen case's index. A chosen send on a closed channel panics
 * "send on closed channel". As Go's compiler does, n == 0 without default blocks forever
 * ("select (no cases)"), and n == 1 is the plain channel operation (so a lone case blocks with
 * "chan receive", not "select"). At most 65536 cases; the array is not modified.
 */
int go_select(const go_select_case *cases, size_t n, bool has_default);

#pragma GCC visibility pop

#endif /* GORT_CHAN_H */
