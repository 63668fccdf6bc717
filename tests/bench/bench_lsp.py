#!/usr/bin/env python3
"""Prints the server's latencies on generated documents, as an editor
sees them: hover and code action round trips on a 100,000-word document,
and didChange-to-publish with the debounce at 0 (bench_analysis prints
analysis time and check's peak RSS). Figures only; never fails on time.

usage: bench_lsp.py COPYDESK ARTICLE..."""
import json
import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lsp"))
from lspclient import Client  # noqa: E402


def body(path):
    text = open(path, encoding="utf-8").read()
    if text.startswith("---\n"):
        text = text[text.index("\n---\n", 4) + 5:]
    return text.strip() + "\n\n"


def build(articles, words):
    """The articles repeated, trimmed to about `words` words at the end of
    a paragraph (as bench_analysis does)."""
    base = "".join(body(a) for a in articles)
    paras = [p for p in base.split("\n\n") if p.strip()]
    out, n, i = [], 0, 0
    while n < words:
        p = paras[i % len(paras)]
        out.append(p + "\n\n")
        n += len(p.split())
        i += 1
    return "".join(out)


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]


def line(name, xs):
    print(f"{name:<44} n={len(xs):<4} p50={statistics.median(xs):8.3f} ms  "
          f"p99={pct(xs, 0.99):8.3f} ms  max={max(xs):8.3f} ms")


def timed(c, method, params):
    t0 = time.perf_counter()
    r = c.request(method, params)
    return (time.perf_counter() - t0) * 1e3, r


def session(exe, text, label, hovers=200, changes=20):
    uri = f"file:///bench/{label}.md"
    c = Client(exe)
    c.settings = {"publicationDate": "2016-03-23", "debounceMs": 0}
    c.initialize()
    t0 = time.perf_counter()
    c.open(uri, text)
    diags = c.wait_publish(uri, timeout=60)["diagnostics"]
    print(f"{label}: {len(text.split())} words, {len(diags)} diagnostics, "
          f"open-to-publish {(time.perf_counter() - t0) * 1e3:.1f} ms")
    lines = text.split("\n")
    rnd = random.Random(7)
    hv, ca = [], []
    for i in range(hovers):
        if i % 2 and diags:
            pos = rnd.choice(diags)["range"]["start"]
        else:
            ln = rnd.randrange(len(lines))
            pos = {"line": ln, "character": rnd.randrange(len(lines[ln]) + 1)}
        ms, _ = timed(c, "textDocument/hover", {"textDocument": {"uri": uri}, "position": pos})
        hv.append(ms)
    for d in (rnd.sample(diags, min(hovers, len(diags))) if diags else []):
        ms, _ = timed(c, "textDocument/codeAction", {"textDocument": {"uri": uri},
                                                      "range": d["range"],
                                                      "context": {"diagnostics": [d]}})
        ca.append(ms)
    line(f"{label} hover round trip", hv)
    if ca:
        line(f"{label} codeAction round trip", ca)
    # The clock stops when the whole publish message for the version has
    # been read from the server's stdout; the client's JSON parsing (on its
    # reader thread) is not the server's latency.
    arrived = []
    c.on_body = lambda b, t: arrived.append((t, b)) if b"publishDiagnostics" in b[:200] else None
    # The edits add a sentence with a finding and take it away again, so
    # the document (and its diagnostics) stay the size the label says.
    lat = []
    end = len(lines) - 1
    added = {"start": {"line": end, "character": 0}, "end": {"line": end + 1, "character": 0}}
    for v in range(2, 2 + changes):
        if v % 2 == 0:
            change = {"range": {"start": added["start"], "end": added["start"]},
                      "text": "He said it yesterday.\n"}
        else:
            change = {"range": added, "text": ""}
        arrived.clear()
        t0 = time.perf_counter()
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v},
                                            "contentChanges": [change]})
        c.wait_publish(uri, v, timeout=60)
        t1 = next(t for t, b in list(arrived)
                  if json.loads(b)["params"].get("version") == v)
        lat.append((t1 - t0) * 1e3)
    line(f"{label} didChange-to-publish (debounce 0)", lat)
    c.finish()


def main():
    exe, articles = sys.argv[1], sys.argv[2:]
    for words, changes in ((5000, 200), (100000, 50)):
        session(exe, build(articles, words), f"doc{words}", changes=changes)


if __name__ == "__main__":
    main()
