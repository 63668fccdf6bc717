#!/usr/bin/env python3
"""Judge a smoke run: what VS Code holds must be what `copydesk check` says.

Usage: check-smoke.py PROBE.json CHECK.json FILE
  PROBE.json  run-smoke.sh's output (the probe ran with DIAG_PROBE_CHECKS=1)
  CHECK.json  `copydesk check --format json FILE`
Prints one line per check and 'N passed, N failed'; exit 1 on any failure.
"""
import json
import re
import sys

SEVERITY = {1: "error", 2: "warning", 3: "information", 4: "hint"}

probe = json.load(open(sys.argv[1]))
check = json.load(open(sys.argv[2]))
path = sys.argv[3]
results = []


def expect(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f": {detail}" if detail and not ok else ""))


def key(code, rng, severity, message):
    s, e = rng["start"], rng["end"]
    return (code, s["line"], s["character"], e["line"], e["character"], severity, message)


want = sorted(key(d["code"], d["range"], SEVERITY[d["severity"]], d["message"])
              for f in check for d in f["diagnostics"])
got = sorted(key(d["code"], d["range"], d["severity"], d["message"])
             for f in probe["diagnostics"] if f["fsPath"] == path
             for d in f["diagnostics"] if d["source"] == "copydesk")
expect("copydesk check found diagnostics", len(want) > 0)
missing = [k for k in want if k not in got]
extra = [k for k in got if k not in want]
expect(f"VS Code holds the {len(want)} diagnostics of copydesk check (code, UTF-16 range, severity, message)",
       not missing and not extra, f"missing {missing} extra {extra}")
# The words under each range, cut by UTF-16 code units as VS Code counts them: an emoji or a
# curly quote earlier on the line must not shift them.
lines = open(path, encoding="utf-8").read().split("\n")
for code, sl, sc, el, ec, _, _ in sorted(got, key=lambda k: k[1:3]):
    u = lines[sl].encode("utf-16-le")
    words = u[2 * sc:2 * ec].decode("utf-16-le") if sl == el else lines[sl][:40] + "..."
    print(f"     {code:24} {sl + 1}:{sc + 1}  {words}")
others = [d for f in probe["diagnostics"] for d in f["diagnostics"] if d["source"] != "copydesk"]
expect("no diagnostics from other sources", not others, str(others))

# The publication date the server used, as its date-relative messages say.
pub = next((m.groups() for d in (d for f in check for d in f["diagnostics"])
            for m in [re.search(r"publication date (\d{4}-\d{2}-\d{2}), from the (front matter|dateline)", d["message"])]
            if m), None)
expected_label = f"Published {pub[0]} ({pub[1]})" if pub else "No publication date"

checks = probe.get("checks") or {}
expect("the probe ran its checks", "hovers" in checks, checks.get("error", "no checks in the probe output"))
hovers = checks.get("hovers", [])
expect("a hover on every diagnostic", len(hovers) == len(want) and all(h["text"] for h in hovers),
       str([h for h in hovers if not h["text"]]))
dates = [h for h in hovers if h["code"] == "date-relative"]
if pub:
    expect("date hovers name the publication date's origin",
           dates and all(pub[1] in h["text"] for h in dates), str(dates[:1]))

actions = checks.get("actions", [])
ours = [[a for a in x["actions"] if a["kind"] and a["kind"].startswith("quickfix")] for x in actions]
expect("quick fixes on every diagnostic, a suppression among them",
       len(actions) == len(want) and all(any("Suppress" in a["title"] for a in q) for q in ours))
expect("a preferred quick fix exists", any(a["isPreferred"] and a["hasEdit"] for q in ours for a in q))

fix = checks.get("fix", {})
expect("applying a quick fix edits the buffer and clears that diagnostic",
       fix.get("applied") and fix.get("textChanged") and fix.get("diagnosticGone"), json.dumps(fix))
expect("reverting brings the diagnostic back (file on disk untouched)",
       fix.get("reverted") and fix.get("diagnosticBack"), json.dumps(fix))

st = checks.get("setting", {})
expect(f"status bar shows '{expected_label}'", st.get("labelBefore") == expected_label,
       str(st.get("labelBefore")))
expect("copydesk.publicationDate reaches the server (date-relative messages change)",
       st.get("serverUsedSetting") and all("copydesk.publicationDate setting" in m for m in st.get("messagesWithSetting", [])),
       json.dumps(st.get("messagesWithSetting")))
expect("status bar follows the setting", st.get("labelWithSetting") == "Published 2016-03-23 (setting)",
       str(st.get("labelWithSetting")))
expect("clearing the setting restores the document's date",
       st.get("serverDroppedSetting") and st.get("labelAfter") == expected_label, json.dumps(st))

passed = sum(results)
print(f"{passed} passed, {len(results) - passed} failed")
sys.exit(0 if all(results) else 1)
