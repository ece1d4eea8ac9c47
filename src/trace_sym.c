/*
 * trace_sym.c — names what a trace recorded as run-time addresses: function addresses (deferred
 * and recovering functions) and string addresses (__func__ of deferring frames, type names).
 *
 * Symbolization happens here, after the program has ended, from the ELF files the trace header
 * lists with their load addresses (trace_read.c hands each to gort__tr_add_module): a function
 * address minus its module's load bias is an ELF address, looked up in the module's .symtab
 * (static functions included; .dynsym when the file is stripped); a __func__ string or a type
 * name is read from the allocated section holding it. libelf reads the files, each opened at
 * its first lookup and kept open until gort__tr_free_modules; nothing of the traced process is
 * needed any more. In stable mode (golden tests) an address no symbol names prints as "?", so
 * that the output does not depend on load addresses.
 */
#include "trace_model.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct tr_sym {
    uint64_t addr, size;
    const char *name;
};

struct tr_module {
    uint64_t base, lo, hi;
    char *path;
    bool opened;
    int fd;
    Elf *elf;
    struct tr_sym *syms;
    size_t nsyms;
};

void gort__tr_add_module(struct trace *tr, uint64_t base, uint64_t lo, uint64_t hi, char *path)
{
    tr->mods = gort__tr_grow(tr->mods, &tr->modcap, tr->nmods + 1, sizeof *tr->mods);
    tr->mods[tr->nmods++] = (struct tr_module){base, lo, hi, path, false, -1, NULL, NULL, 0};
}

void gort__tr_free_modules(struct trace *tr)
{
    for (size_t i = 0; i < tr->nmods; i++) {
        if (tr->mods[i].elf)
            elf_end(tr->mods[i].elf);
        if (tr->mods[i].fd >= 0)
            close(tr->mods[i].fd);
        free(tr->mods[i].syms);
    }
    free(tr->mods);
}

static int by_addr(const void *a, const void *b)
{
    const struct tr_sym *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static void mod_open(struct tr_module *m)
{
    m->opened = true;
    m->fd = open(m->path, O_RDONLY | O_CLOEXEC);
    if (m->fd < 0)
        return;
    elf_version(EV_CURRENT);
    m->elf = elf_begin(m->fd, ELF_C_READ_MMAP, NULL);
    if (m->elf == NULL)
        return;
    Elf_Scn *scn = NULL, *best = NULL;
    GElf_Shdr sh, bsh = {0};
    while ((scn = elf_nextscn(m->elf, scn)) != NULL) {
        if (gelf_getshdr(scn, &sh) == NULL)
            continue;
        if (sh.sh_type == SHT_SYMTAB || (sh.sh_type == SHT_DYNSYM && best == NULL)) {
            best = scn;
            bsh = sh;
        }
    }
    Elf_Data *d = best ? elf_getdata(best, NULL) : NULL;
    if (d == NULL || bsh.sh_entsize == 0)
        return;
    size_t n = bsh.sh_size / bsh.sh_entsize, cap = 0;
    for (size_t i = 0; i < n; i++) {
        GElf_Sym s;
        if (gelf_getsym(d, (int)i, &s) == NULL || s.st_value == 0 || s.st_shndx == SHN_UNDEF)
            continue;
        int t = GELF_ST_TYPE(s.st_info);
        if (t != STT_FUNC && t != STT_GNU_IFUNC)
            continue;
        const char *name = elf_strptr(m->elf, bsh.sh_link, s.st_name);
        if (name == NULL || *name == 0)
            continue;
        m->syms = gort__tr_grow(m->syms, &cap, m->nsyms + 1, sizeof *m->syms);
        m->syms[m->nsyms++] = (struct tr_sym){s.st_value, s.st_size, name};
    }
    qsort(m->syms, m->nsyms, sizeof *m->syms, by_addr);
}

static struct tr_module *module_of(struct trace *tr, uint64_t addr)
{
    for (size_t i = 0; i < tr->nmods; i++) {
        struct tr_module *m = &tr->mods[i];
        if (addr >= m->lo && addr < m->hi) {
            if (!m->opened)
                mod_open(m);
            return m;
        }
    }
    return NULL;
}

const char *gort__tr_sym(struct trace *tr, uint64_t addr)
{
    if (addr == 0)
        return "nil";
    struct tr_module *m = module_of(tr, addr);
    if (m == NULL)
        return tr->stable ? "?" : gort__tr_fmt(tr, "0x%llx", (unsigned long long)addr);
    uint64_t rel = addr - m->base;
    size_t lo = 0, hi = m->nsyms;
    while (lo < hi) { /* the last symbol at or below rel */
        size_t mid = (lo + hi) / 2;
        if (m->syms[mid].addr <= rel)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0) {
        const struct tr_sym *s = &m->syms[lo - 1];
        if (rel == s->addr)
            return s->name;
        if (rel < s->addr + s->size)
            return gort__tr_fmt(tr, "%s+0x%llx", s->name, (unsigned long long)(rel - s->addr));
    }
    const char *base = strrchr(m->path, '/');
    if (tr->stable)
        return "?";
    return gort__tr_fmt(tr, "%s+0x%llx", base ? base + 1 : m->path, (unsigned long long)rel);
}

const char *gort__tr_str(struct trace *tr, uint64_t addr)
{
    if (addr & GT_FUNC_PC) { /* a frame's landing address: the function holding it */
        const char *s = gort__tr_sym(tr, addr & ~GT_FUNC_PC);
        const char *plus = strchr(s, '+');
        return plus ? gort__tr_fmt(tr, "%.*s", (int)(plus - s), s) : s;
    }
    struct tr_module *m = addr ? module_of(tr, addr) : NULL;
    if (m == NULL || m->elf == NULL)
        return "?";
    uint64_t rel = addr - m->base;
    Elf_Scn *scn = NULL;
    GElf_Shdr sh;
    while ((scn = elf_nextscn(m->elf, scn)) != NULL) {
        if (gelf_getshdr(scn, &sh) == NULL || !(sh.sh_flags & SHF_ALLOC) ||
            sh.sh_type == SHT_NOBITS || rel < sh.sh_addr || rel >= sh.sh_addr + sh.sh_size)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        if (d == NULL || d->d_buf == NULL)
            return "?";
        const char *s = (const char *)d->d_buf + (rel - sh.sh_addr);
        size_t room = d->d_size - (rel - sh.sh_addr);
        return memchr(s, 0, room) ? s : "?";
    }
    return "?";
}
