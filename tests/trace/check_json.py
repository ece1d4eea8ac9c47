#!/usr/bin/env python3
"""check_json.py FILE... — validates gort-trace's Chrome Trace Event JSON against the Trace
Event Format's rules (the "Trace Event Format" document that chrome://tracing and Perfetto
follow), as far as a viewer depends on them:

  - the JSON Object Format: an object with a "traceEvents" array (displayTimeUnit ms|ns);
  - every event has name (string), ph (a known phase), ts (number >= 0), pid and tid (integers);
  - complete events (X) have dur >= 0; instant events (i) have scope s in g|p|t;
  - metadata (M) names are process_name, thread_name, thread_sort_index, with args;
  - flow events: every id has exactly one start (s) and one finish (f) with the same cat, the
    finish not before the start, and the finish binds to an enclosing slice (bp "e");
  - complete events on one thread nest (Perfetto drops overlapping ones);
  - each flow's start and finish lie inside a complete event of their thread (so the arrow
    binds to a slice).
Prints "ok - FILE" or "not ok - FILE: reason" per file; exits 1 if any failed.
"""
import json
import sys

PHASES = set("BEXiIsftfMCbenNOD") | {"ps"}


def check(path):
    with open(path) as f:
        doc = json.load(f)
    if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
        return "not a JSON Object Format trace (no traceEvents array)"
    if doc.get("displayTimeUnit", "ms") not in ("ms", "ns"):
        return "displayTimeUnit must be ms or ns"
    evs = doc["traceEvents"]
    if not evs:
        return "no events"
    flows = {}
    slices = {}
    for n, e in enumerate(evs):
        where = f"event {n} ({e.get('name')!r})"
        for k, t in (("name", str), ("ph", str), ("pid", int), ("tid", int)):
            if not isinstance(e.get(k), t) or isinstance(e.get(k), bool):
                return f"{where}: field {k} missing or not a {t.__name__}"
        if not isinstance(e.get("ts"), (int, float)) or e["ts"] < 0:
            return f"{where}: ts missing or negative"
        ph = e["ph"]
        if ph not in PHASES:
            return f"{where}: unknown phase {ph!r}"
        if ph == "X":
            if not isinstance(e.get("dur"), (int, float)) or e["dur"] < 0:
                return f"{where}: X without a non-negative dur"
            slices.setdefault((e["pid"], e["tid"]), []).append((e["ts"], e["ts"] + e["dur"], e["name"]))
        if ph == "i" and e.get("s", "t") not in ("g", "p", "t"):
            return f"{where}: instant scope {e.get('s')!r}"
        if ph == "M":
            if e["name"] not in ("process_name", "thread_name", "thread_sort_index", "process_sort_index"):
                return f"{where}: unknown metadata {e['name']!r}"
            if not isinstance(e.get("args"), dict):
                return f"{where}: metadata without args"
        if ph in ("s", "f"):
            if "id" not in e:
                return f"{where}: flow event without id"
            if ph == "f" and e.get("bp") != "e":
                return f"{where}: flow finish should bind to the enclosing slice (bp e)"
            flows.setdefault(e["id"], []).append(e)
    for fid, fl in flows.items():
        kinds = sorted(x["ph"] for x in fl)
        if kinds != ["f", "s"]:
            return f"flow id {fid}: phases {kinds}, expected one s and one f"
        s = next(x for x in fl if x["ph"] == "s")
        f = next(x for x in fl if x["ph"] == "f")
        if s.get("cat") != f.get("cat"):
            return f"flow id {fid}: s and f categories differ"
        if f["ts"] < s["ts"]:
            return f"flow id {fid}: finishes before it starts"
        for x in (s, f):
            inside = [sl for sl in slices.get((x["pid"], x["tid"]), []) if sl[0] <= x["ts"] <= sl[1]]
            if not inside:
                return f"flow id {fid}: its {x['ph']} at {x['ts']} is inside no slice of its thread"
    for key, sl in slices.items():
        sl.sort(key=lambda t: (t[0], -t[1]))
        stack = []
        for a, b, name in sl:
            while stack and stack[-1][1] < a:
                stack.pop()
            if stack and b > stack[-1][1] + 1e-9:
                return f"thread {key}: slice {name!r} [{a}, {b}] overlaps {stack[-1][2]!r} without nesting"
            stack.append((a, b, name))
    return None


def main():
    bad = 0
    for path in sys.argv[1:]:
        try:
            err = check(path)
        except (OSError, ValueError) as ex:
            err = str(ex)
        if err:
            bad += 1
            print(f"not ok - {path}: {err}")
        else:
            print(f"ok - {path}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
