/*
 * trace_html.c — the trace as one self-contained HTML page: the model (trace_read.c) as JSON
 * in a <script type="application/json"> element, and a small script that draws it as SVG.
 * No network, no library: the page works from a file:// URL on a machine with no access to
 * anything, which is where a crash is usually looked at.
 *
 * The page: one lane per goroutine; deferred calls, panics and Goexits as nested bars (depth =
 * nesting on the goroutine's stack), panics red, Goexits purple, deferred calls coloured by
 * function; frames, defers, recovers (green), recovery jumps, fatal errors and goroutine
 * events as marks above the bars; an arrow from each recovered panic to its recover(); a table
 * of the panic chain. The mouse wheel zooms around the pointer, dragging pans, a double click
 * resets; hovering shows each element's details. When the first drawing is done the script
 * writes "gort trace: rendered N slices" into the document title (tests read it back).
 */
#include "trace_model.h"

#include <string.h>

static void num(FILE *out, double v) { fprintf(out, "%.3f", v); }

static void str(FILE *out, const char *s)
{
    fputc('"', out);
    gort__tr_json_str(out, s ? s : "");
    fputc('"', out);
}

void gort__tr_write_model_json(struct trace *tr, FILE *out)
{
    const char *exe = tr->exe ? tr->exe : "?", *base = strrchr(exe, '/');
    fputs("{\"program\":", out);
    str(out, tr->stable && base ? base + 1 : exe);
    fprintf(out, ",\"stable\":%s,\"crash\":%s,\"tmax\":", tr->stable ? "true" : "false",
            tr->h.crash ? "true" : "false");
    num(out, tr->tmax);
    fputs(",\"goroutines\":[", out);
    for (size_t i = 0; i < tr->ngoids; i++)
        fprintf(out, "%s%u", i ? "," : "", tr->goids[i]);
    fputs("],\n\"slices\":[", out);
    static const char *const kind[] = {"", "call", "panic", "goexit"};
    for (size_t i = 0; i < tr->nslices; i++) {
        const struct tr_slice *s = &tr->slices[i];
        fprintf(out, "%s\n[%u,%d,", i ? "," : "", s->goid, s->depth);
        num(out, s->start);
        fputc(',', out);
        num(out, s->end);
        fprintf(out, ",\"%s\",", kind[s->kind]);
        str(out, s->name);
        fputc(',', out);
        str(out, s->frame);
        fprintf(out, ",%d,", s->panic);
        str(out, s->outcome);
        fprintf(out, ",%d]", s->unfinished);
    }
    fputs("],\n\"instants\":[", out);
    for (size_t i = 0; i < tr->ninst; i++) {
        const struct tr_instant *in = &tr->inst[i];
        fprintf(out, "%s\n[%u,", i ? "," : "", in->goid);
        num(out, in->ts);
        fprintf(out, ",%d,\"%s\",", in->depth, in->cat);
        str(out, in->name);
        fputc(',', out);
        str(out, in->detail);
        fputc(']', out);
    }
    fputs("],\n\"flows\":[", out);
    for (size_t i = 0; i < tr->nflows; i++) {
        const struct tr_flow *f = &tr->flows[i];
        fprintf(out, "%s[%d,%u,", i ? "," : "", f->id, f->from_goid);
        num(out, f->from);
        fprintf(out, ",%u,", f->to_goid);
        num(out, f->to);
        fputc(']', out);
    }
    fputs("],\n\"panics\":[", out);
    for (size_t i = 0; i < tr->npanics; i++) {
        const struct tr_panic *p = &tr->panics[i];
        fprintf(out, "%s\n[%d,%d,%u,", i ? "," : "", p->index, p->goexit, p->goid);
        str(out, p->value);
        fputc(',', out);
        str(out, p->outcome ? p->outcome : "unfinished");
        fputc(',', out);
        str(out, p->recovered_by);
        fputc(',', out);
        str(out, p->resumed);
        fputc(',', out);
        num(out, p->start);
        fputc(',', out);
        num(out, p->end);
        fputc(']', out);
    }
    fputs("]}", out);
}

static const char page_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    "<title>gort trace</title>\n<style>\n"
    "body{font:13px/1.4 system-ui,sans-serif;margin:0;background:#fff;color:#222}\n"
    "header{padding:8px 12px;border-bottom:1px solid #ccc}\n"
    "#tl{display:block;width:100%;cursor:grab;user-select:none}\n"
    "#tip{position:fixed;pointer-events:none;background:#222;color:#fff;padding:4px 7px;"
    "border-radius:3px;font-size:12px;display:none;white-space:pre;max-width:600px}\n"
    "h2{font-size:14px;margin:12px}\n"
    "table{border-collapse:collapse;margin:0 12px 16px}td,th{border:1px solid #ccc;"
    "padding:2px 8px;text-align:left}\n"
    ".key span{display:inline-block;width:10px;height:10px;margin:0 3px 0 10px}\n"
    "</style></head><body>\n"
    "<header><b>gort trace</b> &mdash; <span id=\"prog\"></span><span class=\"key\">"
    "<span style=\"background:#ef9a9a\"></span>panic<span style=\"background:#ce93d8\"></span>"
    "Goexit<span style=\"background:#90caf9\"></span>deferred call"
    "<span style=\"background:#2e7d32\"></span>recover</span>"
    " &middot; wheel: zoom &middot; drag: pan &middot; double-click: reset</header>\n"
    "<svg id=\"tl\" xmlns=\"http://www.w3.org/2000/svg\"></svg>\n<div id=\"tip\"></div>\n"
    "<h2>Panics and Goexits</h2><table id=\"panics\"></table>\n"
    "<script type=\"application/json\" id=\"data\">";

static const char page_tail[] =
    "</script>\n<script>\n"
    "(function () {\n"
    "'use strict';\n"
    "const D = JSON.parse(document.getElementById('data').textContent);\n"
    "const NS = 'http://www.w3.org/2000/svg', svg = document.getElementById('tl');\n"
    "const tip = document.getElementById('tip');\n"
    "const unit = D.stable ? 'event' : '\\u00b5s';\n"
    "document.getElementById('prog').textContent = D.program + (D.crash ? ' (crash dump)' : '');\n"
    "const LABEL = 150, ROW = 18, TOP = 28, MARKS = 22;\n"
    "const lanes = {}; let y = TOP;\n"
    "for (const g of D.goroutines) {\n"
    "  let depth = 0;\n"
    "  for (const s of D.slices) if (s[0] === g) depth = Math.max(depth, s[1] + 1);\n"
    "  lanes[g] = {top: y, h: MARKS + Math.max(depth, 1) * ROW + 10};\n"
    "  y += lanes[g].h + 6;\n"
    "}\n"
    "const H = y + 10, span = Math.max(D.tmax, 1e-3);\n"
    "let v0 = -span * 0.02, v1 = span * 1.02;\n"
    "function el(name, attrs, parent, text) {\n"
    "  const e = document.createElementNS(NS, name);\n"
    "  for (const k in attrs) e.setAttribute(k, attrs[k]);\n"
    "  if (text !== undefined) e.textContent = text;\n"
    "  (parent || svg).appendChild(e);\n"
    "  return e;\n"
    "}\n"
    "function hue(s) { let h = 0; for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;"
    " return 180 + h % 45; }\n"
    "function label(k) { return (D.panics[k - 1][1] ? 'Goexit ' : 'panic ') + k; }\n"
    "function fmt(t) { return D.stable ? String(Math.round(t)) : t.toFixed(3); }\n"
    "function render() {\n"
    "  const W = Math.max(document.documentElement.clientWidth || 1200, 400);\n"
    "  svg.setAttribute('width', W); svg.setAttribute('height', H);\n"
    "  while (svg.firstChild) svg.removeChild(svg.firstChild);\n"
    "  const x = t => LABEL + (t - v0) / (v1 - v0) * (W - LABEL - 10);\n"
    "  const defs = el('defs', {});\n"
    "  const m = el('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5,"
    " markerWidth: 7, markerHeight: 7, orient: 'auto'}, defs);\n"
    "  el('path', {d: 'M0,0L10,5L0,10z', fill: '#ef6c00'}, m);\n"
    "  const clip = el('clipPath', {id: 'plot'}, defs);\n"
    "  el('rect', {x: LABEL, y: 0, width: W - LABEL, height: H}, clip);\n"
    "  // time axis\n"
    "  const want = (v1 - v0) * 110 / (W - LABEL), p10 = Math.pow(10, Math.floor(Math.log10(want)));\n"
    "  const step = [1, 2, 5, 10].map(k => k * p10).find(k => k >= want);\n"
    "  const ax = el('g', {'clip-path': 'url(#plot)'});\n"
    "  for (let t = Math.ceil(v0 / step) * step; t <= v1; t += step) {\n"
    "    el('line', {x1: x(t), x2: x(t), y1: 18, y2: H, stroke: '#eee'}, ax);\n"
    "    el('text', {x: x(t) + 2, y: 14, 'font-size': 10, fill: '#777'}, ax, String(+t.toFixed(3)) + ' ' + unit);\n"
    "  }\n"
    "  for (const g of D.goroutines) {\n"
    "    const L = lanes[g];\n"
    "    el('rect', {x: 0, y: L.top, width: W, height: L.h, fill: g % 2 ? '#f6f7f9' : '#fbfbfc'});\n"
    "    el('text', {x: 8, y: L.top + 16, 'font-weight': 'bold'}, null,"
    " 'goroutine ' + g + (g === 1 ? ' (main)' : ''));\n"
    "  }\n"
    "  const plot = el('g', {'clip-path': 'url(#plot)'});\n"
    "  for (const s of D.slices) {\n"
    "    const L = lanes[s[0]], x0 = x(s[2]), x1 = Math.max(x(s[3]), x0 + 2);\n"
    "    if (x1 < LABEL || x0 > W) continue;\n"
    "    const yy = L.top + MARKS + s[1] * ROW;\n"
    "    const fill = s[4] === 'panic' ? '#ef9a9a' : s[4] === 'goexit' ? '#ce93d8'"
    " : 'hsl(' + hue(s[5]) + ',70%,78%)';\n"
    "    const r = el('rect', {x: x0, y: yy, width: x1 - x0, height: ROW - 2, fill: fill,"
    " stroke: s[4] === 'call' ? '#5c7fa3' : '#b71c1c', 'stroke-dasharray': s[9] ? '3,2' : ''}, plot);\n"
    "    r.dataset.tip = s[5] + (s[6] ? '\\ndeferred by ' + s[6] : '') +"
    " (s[4] === 'call' ? '\\nrun by ' + (s[7] ? label(s[7]) : 'the function\\'s return') : '') +"
    " (s[8] ? '\\n' + s[8] : '') + (s[9] ? '\\n(unfinished)' : '') +"
    " '\\n' + fmt(s[2]) + ' \\u2013 ' + fmt(s[3]) + ' ' + unit;\n"
    "    const room = Math.floor((Math.min(x1, W) - Math.max(x0, LABEL) - 6) / 6.5);\n"
    "    if (room >= 3) el('text', {x: Math.max(x0, LABEL) + 3, y: yy + 12, 'font-size': 11,"
    " 'pointer-events': 'none'}, plot, s[5].length <= room ? s[5] : s[5].slice(0, room - 1) + '\\u2026');\n"
    "  }\n"
    "  const glyph = {panic: ['M-5,5L0,-5L5,5z', '#c62828'], recover: ['M-5,0a5,5 0 1,0 10,0a5,5 0 1,0 -10,0', '#2e7d32'],\n"
    "    recovery: ['M-6,-4L0,4L6,-4z', '#1b5e20'], fatal: ['M-5,-5L5,5M5,-5L-5,5', '#000'],\n"
    "    goexit: ['M-4,-4h8v8h-8z', '#6a1b9a'], goroutine: ['M-1,-6h2v12h-2z', '#1565c0'],\n"
    "    frame: ['M-0.5,-5h1v10h-1z', '#999'], defer: ['M-3,0L0,-4L3,0L0,4z', '#607d8b']};\n"
    "  for (const i of D.instants) {\n"
    "    const L = lanes[i[0]], xx = x(i[1]);\n"
    "    if (xx < LABEL || xx > W) continue;\n"
    "    const gl = glyph[i[3]] || glyph.frame;\n"
    "    const p = el('path', {d: gl[0], transform: 'translate(' + xx + ',' + (L.top + 12) + ')',"
    " fill: gl[1], stroke: gl[1], 'stroke-width': i[3] === 'fatal' ? 2 : 0.5}, plot);\n"
    "    p.dataset.tip = i[4] + (i[5] ? '\\n' + i[5] : '') + '\\nat ' + fmt(i[1]) + ' ' + unit;\n"
    "  }\n"
    "  for (const p of D.panics) {\n"
    "    const L = lanes[p[2]], xx = x(p[7]);\n"
    "    if (p[1] || xx < LABEL || xx > W) continue;\n"
    "    const q = el('path', {d: 'M-6,6L0,-6L6,6z', transform: 'translate(' + xx + ',' + (L.top + 12) + ')',"
    " fill: '#c62828'}, plot);\n"
    "    q.dataset.tip = 'panic ' + p[0] + ': ' + p[3] + '\\n' + p[4];\n"
    "  }\n"
    "  for (const f of D.flows) {\n"
    "    const a = lanes[f[1]], b = lanes[f[3]], xa = x(f[2]), xb = x(f[4]);\n"
    "    const ya = a.top + 12, yb = b.top + 12, mid = Math.max(ya, yb) + 10;\n"
    "    el('path', {d: 'M' + xa + ',' + ya + 'C' + xa + ',' + mid + ' ' + xb + ',' + mid + ' ' + xb + ',' + yb,"
    " fill: 'none', stroke: '#ef6c00', 'stroke-width': 1.5, 'marker-end': 'url(#arrow)'}, plot)"
    ".dataset.tip = 'panic ' + f[0] + ' \\u2192 recover()';\n"
    "  }\n"
    "}\n"
    "const tb = document.getElementById('panics');\n"
    "tb.innerHTML = '<tr><th>#</th><th>goroutine</th><th>value</th><th>outcome</th>"
    "<th>recovered by</th><th>resumed</th><th>start</th><th>end</th></tr>';\n"
    "for (const p of D.panics) {\n"
    "  const tr = tb.insertRow();\n"
    "  for (const c of [p[0], p[2], p[1] ? 'Goexit' : p[3], p[4], p[5], p[6], fmt(p[7]), fmt(p[8])])\n"
    "    tr.insertCell().textContent = c;\n"
    "}\n"
    "svg.addEventListener('wheel', ev => {\n"
    "  ev.preventDefault();\n"
    "  const W = svg.clientWidth, t = v0 + (ev.offsetX - LABEL) / (W - LABEL - 10) * (v1 - v0);\n"
    "  const k = ev.deltaY > 0 ? 1.25 : 0.8;\n"
    "  v0 = t - (t - v0) * k; v1 = t + (v1 - t) * k; render();\n"
    "}, {passive: false});\n"
    "let drag = null;\n"
    "svg.addEventListener('mousedown', ev => { drag = {x: ev.clientX, v0: v0, v1: v1}; });\n"
    "window.addEventListener('mouseup', () => { drag = null; });\n"
    "svg.addEventListener('mousemove', ev => {\n"
    "  const t = ev.target.dataset && ev.target.dataset.tip;\n"
    "  tip.style.display = t && !drag ? 'block' : 'none';\n"
    "  if (t) { tip.textContent = t; tip.style.left = ev.clientX + 12 + 'px';"
    " tip.style.top = ev.clientY + 12 + 'px'; }\n"
    "  if (!drag) return;\n"
    "  const dt = (ev.clientX - drag.x) / (svg.clientWidth - LABEL - 10) * (drag.v1 - drag.v0);\n"
    "  v0 = drag.v0 - dt; v1 = drag.v1 - dt; render();\n"
    "});\n"
    "svg.addEventListener('dblclick', () => { v0 = -span * 0.02; v1 = span * 1.02; render(); });\n"
    "window.addEventListener('resize', render);\n"
    "render();\n"
    "document.title = 'gort trace: rendered ' + D.slices.length + ' slices, ' +"
    " D.instants.length + ' marks, ' + D.panics.length + ' panics';\n"
    "})();\n"
    "</script>\n</body></html>\n";

int gort__tr_write_html(struct trace *tr, FILE *out)
{
    fputs(page_head, out);
    gort__tr_write_model_json(tr, out);
    fputs(page_tail, out);
    return 0;
}
