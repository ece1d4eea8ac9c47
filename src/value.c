/*
 * value.c — panic values (go_any): the built-in types, type tests, and printing them exactly
 * as Go's printpanicval does, into a caller's buffer or into a crash report.
 *
 * Printing goes through a tiny writer (gort__w) that never allocates: the crash printer uses
 * it after the heap may be broken, with a stack buffer flushed to the file descriptor.
 *
 * Go's rules (runtime/error.go printpanicval, print.go printfloat):
 *   string        the text; in a crash report each "\n" is followed by a tab (printindented)
 *   ints, uints   decimal;  bool  true/false;  float64  +1.500000e+000 (7 digits, 3-digit exp)
 *   error         its Error() text (preprintpanics turns it into a string first)
 *   named basic   main.MyInt(42), main.MyString("hi"), main.MyFloat(+1.500000e+000)
 *   other         (T) 0xADDR — the type, then the data word in hex
 */
#include "internal.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

const go_type go_type_string = {"string", GO_KIND_STRING, NULL};
const go_type go_type_int = {"int", GO_KIND_INT, NULL};
const go_type go_type_uint = {"uint", GO_KIND_UINT, NULL};
const go_type go_type_float64 = {"float64", GO_KIND_FLOAT, NULL};
const go_type go_type_bool = {"bool", GO_KIND_BOOL, NULL};
const go_type go_type_error = {"*errors.errorString", GO_KIND_ERROR, NULL};
/* Go's names for the dynamic types of its run-time errors (printed by "panic while printing
 * panic value: type ..."): memoryError and divideError are runtime.errorString values. */
const go_type go_type_runtime_error = {"runtime.errorString", GO_KIND_ERROR, NULL};
const go_type gort__type_panic_nil = {"*runtime.PanicNilError", GO_KIND_ERROR, NULL};
const go_type gort__type_fault_error = {"runtime.errorAddressString", GO_KIND_ERROR, NULL};
const go_type gort__type_bounds_error = {"runtime.boundsError", GO_KIND_ERROR, NULL};

bool go_is_runtime_error(go_any v)
{
    return v.type == &go_type_runtime_error || v.type == &gort__type_panic_nil ||
           v.type == &gort__type_fault_error || v.type == &gort__type_bounds_error;
}

/*
 * A user type's text (its format function), whatever its length: small if it fits, else a
 * buffer of the length the function asked for, mapped with mmap (no malloc: the crash printer
 * uses this when the heap may be broken). Release it with gort__format_done.
 */
const char *gort__format_text(const go_type *t, void *value, char *small, size_t n)
{
    int want = t->format(value, small, n);
    if (want < 0) {
        small[0] = 0;
        return small;
    }
    if ((size_t)want < n)
        return small;
    size_t len = (size_t)want + 1;
    char *big = mmap(NULL, len + sizeof(size_t), PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (big == MAP_FAILED) {
        small[n - 1] = 0;
        return small;
    }
    memcpy(big, &len, sizeof len);
    t->format(value, big + sizeof len, len);
    big[sizeof len + len - 1] = 0;
    return big + sizeof len;
}

void gort__format_done(const char *text, const char *small)
{
    if (text == small)
        return;
    size_t len;
    memcpy(&len, text - sizeof len, sizeof len);
    munmap((char *)text - sizeof len, len + sizeof len);
}

/* ---- the writer ----------------------------------------------------------------- */

static void write_all(int fd, const char *p, size_t len)
{
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, p + off, len - off);
        if (n <= 0)
            break;
        off += (size_t)n;
    }
}

/* What the crash printer writes to stderr also goes to the crash output file (dump.c). */
void gort__wflush(gort__w *w)
{
    if (w->fd < 0)
        return;
    write_all(w->fd, w->buf, w->len);
    if (w->fd == 2 && gort__crash_fd >= 0)
        write_all(gort__crash_fd, w->buf, w->len);
    w->len = 0;
}

void gort__wputn(gort__w *w, const char *s, size_t n)
{
    while (n > 0) {
        size_t room = w->cap - w->len;
        if (w->fd < 0 && room > 0)
            room--; /* keep a byte for the NUL */
        if (room == 0) {
            if (w->fd < 0)
                return;
            gort__wflush(w);
            continue;
        }
        size_t k = n < room ? n : room;
        memcpy(w->buf + w->len, s, k);
        w->len += k;
        s += k;
        n -= k;
    }
}

void gort__wputs(gort__w *w, const char *s) { gort__wputn(w, s, strlen(s)); }
void gort__wputc(gort__w *w, char c) { gort__wputn(w, &c, 1); }

void gort__wuint(gort__w *w, uint64_t v)
{
    char b[24];
    int i = sizeof b;
    do {
        b[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    gort__wputn(w, b + i, sizeof b - (size_t)i);
}

void gort__wint(gort__w *w, int64_t v)
{
    if (v < 0) {
        gort__wputc(w, '-');
        gort__wuint(w, -(uint64_t)v);
    } else {
        gort__wuint(w, (uint64_t)v);
    }
}

void gort__whex(gort__w *w, uint64_t v)
{
    char b[20];
    int i = sizeof b;
    do {
        b[--i] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    b[--i] = 'x';
    b[--i] = '0';
    gort__wputn(w, b + i, sizeof b - (size_t)i);
}

/* Go's runtime printfloat: +d.dddddde±ddd. */
static void wfloat(gort__w *w, double v)
{
    if (v != v) {
        gort__wputs(w, "NaN");
        return;
    }
    if (v + v == v && v > 0) {
        gort__wputs(w, "+Inf");
        return;
    }
    if (v + v == v && v < 0) {
        gort__wputs(w, "-Inf");
        return;
    }
    enum { N = 7 };
    char buf[N + 7];
    buf[0] = '+';
    int e = 0;
    if (v == 0) {
        if (1 / v < 0)
            buf[0] = '-';
    } else {
        if (v < 0) {
            v = -v;
            buf[0] = '-';
        }
        while (v >= 10) {
            e++;
            v /= 10;
        }
        while (v < 1) {
            e--;
            v *= 10;
        }
        double h = 5.0;
        for (int i = 0; i < N; i++)
            h /= 10;
        v += h;
        if (v >= 10) {
            e++;
            v /= 10;
        }
    }
    for (int i = 0; i < N; i++) {
        int s = (int)v;
        buf[i + 2] = (char)(s + '0');
        v -= s;
        v *= 10;
    }
    buf[1] = buf[2];
    buf[2] = '.';
    buf[N + 2] = 'e';
    buf[N + 3] = '+';
    if (e < 0) {
        e = -e;
        buf[N + 3] = '-';
    }
    buf[N + 4] = (char)(e / 100 + '0');
    buf[N + 5] = (char)((e / 10) % 10 + '0');
    buf[N + 6] = (char)(e % 10 + '0');
    gort__wputn(w, buf, sizeof buf);
}

/* Go's printindented: each "\n" is followed by a tab, so a report's lines stay grouped. */
static void wtext(gort__w *w, const char *s, bool indent)
{
    if (s == NULL)
        s = "";
    if (!indent) {
        gort__wputs(w, s);
        return;
    }
    for (const char *nl; (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
        gort__wputn(w, s, (size_t)(nl - s) + 1);
        gort__wputc(w, '\t');
    }
    gort__wputs(w, s);
}

static bool builtin(const go_type *t)
{
    return t == &go_type_string || t == &go_type_int || t == &go_type_uint ||
           t == &go_type_float64 || t == &go_type_bool;
}

static void wbasic(gort__w *w, go_any v, bool indent)
{
    switch (v.type->kind) {
    case GO_KIND_STRING:
    case GO_KIND_ERROR:
        wtext(w, v.v.s, indent);
        break;
    case GO_KIND_INT:
        gort__wint(w, v.v.i);
        break;
    case GO_KIND_UINT:
        gort__wuint(w, v.v.u);
        break;
    case GO_KIND_FLOAT:
        wfloat(w, v.v.f);
        break;
    case GO_KIND_BOOL:
        gort__wputs(w, v.v.b ? "true" : "false");
        break;
    case GO_KIND_POINTER:
        gort__whex(w, (uintptr_t)v.v.p);
        break;
    }
}

void gort__print_value(gort__w *w, go_any v, bool indent)
{
    const go_type *t = v.type;
    if (t == NULL) {
        gort__wputs(w, "nil");
        return;
    }
    if (t->kind == GO_KIND_ERROR || builtin(t)) {
        wbasic(w, v, indent);
        return;
    }
    if (t->kind == GO_KIND_POINTER) {
        if (t->format) {
            if (w->fd < 0) { /* into the caller's buffer: truncation is its contract */
                size_t room = w->cap - w->len;
                int n = t->format(v.v.p, w->buf + w->len, room);
                if (n > 0)
                    w->len += (size_t)n < room ? (size_t)n : room - 1;
                return;
            }
            char small[512];
            const char *text = gort__format_text(t, v.v.p, small, sizeof small);
            wtext(w, text, indent);
            gort__format_done(text, small);
            return;
        }
        gort__wputc(w, '(');
        gort__wputs(w, t->name);
        gort__wputs(w, ") ");
        gort__whex(w, (uintptr_t)v.v.p);
        return;
    }
    /* A named basic type: main.MyInt(42), main.MyString("hi"). */
    gort__wputs(w, t->name);
    gort__wputs(w, t->kind == GO_KIND_STRING ? "(\"" : "(");
    wbasic(w, v, indent);
    gort__wputs(w, t->kind == GO_KIND_STRING ? "\")" : ")");
}

const char *go_any_format(go_any v, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    gort__w w = {buf, size, 0, -1};
    gort__print_value(&w, v, false);
    buf[w.len] = 0;
    return buf;
}
