#!/usr/bin/env python3
"""html_split.py PAGE DATA_OUT REST_OUT — splits a gort-trace HTML page into the JSON data it
embeds (<script type="application/json" id="data">, written pretty-printed, one entry a line,
to DATA_OUT) and the page around it (REST_OUT, the data replaced by a marker)."""
import json
import re
import sys

page = open(sys.argv[1]).read()
m = re.search(r'(<script type="application/json" id="data">)(.*?)(</script>)', page, re.S)
if not m:
    sys.exit("no data element in " + sys.argv[1])
data = json.loads(m.group(2))
with open(sys.argv[2], "w") as f:
    f.write("{\n")
    keys = list(data)
    for i, k in enumerate(keys):
        v = data[k]
        sep = "," if i + 1 < len(keys) else ""
        if isinstance(v, list) and v and isinstance(v[0], list):
            f.write(f" {json.dumps(k)}: [\n")
            f.write(",\n".join("  " + json.dumps(x, ensure_ascii=False) for x in v))
            f.write(f"\n ]{sep}\n")
        else:
            f.write(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}{sep}\n")
    f.write("}\n")
with open(sys.argv[3], "w") as f:
    f.write(page[:m.start(2)] + "@DATA@" + page[m.end(2):])
