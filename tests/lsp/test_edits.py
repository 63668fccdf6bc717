#!/usr/bin/env python3
"""Incremental edits keep the server's text and positions right: a seeded
run of random insertions and deletions (newlines, CRLF, emoji, typographic
quotes, several changes per notification, now and then the whole text)
on an example article, and at checkpoints the published diagnostics must
be exactly what `copydesk check` reports on the same text read from a
file, in both position encodings. The server shifts its line index on
each change instead of rebuilding it; check builds its own from scratch."""
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Client  # noqa: E402

EXE = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/copydesk"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ARTICLE = os.path.join(ROOT, "tests", "corpus", "examples", "liveblog-runoff.md")
INSERTS = ["", "yesterday ", "\n", "\r\n", "\n\n", "🔴 ", "Ayşe ",
           "He said “it is over” on Monday.\n\n", "Demir told reporters 'no' today. ",
           "**23:10** — Counting resumed on 9/12.\r\n\r\n"]


def units(s, enc):
    return len(s.encode("utf-8")) if enc == "utf-8" else len(s.encode("utf-16-le")) // 2


def position(text, off, enc):
    line = text.count("\n", 0, off)
    start = text.rfind("\n", 0, off) + 1
    return {"line": line, "character": units(text[start:off], enc)}


def offset(text, pos, enc):
    lines = text.split("\n")
    line = lines[pos["line"]]
    raw = line.encode("utf-8" if enc == "utf-8" else "utf-16-le")
    n = pos["character"] * (1 if enc == "utf-8" else 2)
    col = len(raw[:n].decode("utf-8" if enc == "utf-8" else "utf-16-le"))
    return sum(len(x) + 1 for x in lines[:pos["line"]]) + col


def findings(text, diags, enc):
    """What each diagnostic says about which characters, independent of
    the encoding its positions were given in."""
    out = []
    for d in diags:
        rel = [(offset(text, r["location"]["range"]["start"], enc),
                offset(text, r["location"]["range"]["end"], enc), r["message"])
               for r in d.get("relatedInformation", [])]
        out.append((offset(text, d["range"]["start"], enc), offset(text, d["range"]["end"], enc),
                    d["code"], d["severity"], d["message"], rel))
    return out


def pick(text, rnd):
    """A random offset that does not split a CRLF."""
    off = rnd.randrange(len(text) + 1)
    while 0 < off < len(text) and text[off - 1] == "\r" and text[off] == "\n":
        off = rnd.randrange(len(text) + 1)
    return off


class Edits(unittest.TestCase):
    def check(self, path, text):
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        out = subprocess.run([EXE, "check", "--format", "json", path], capture_output=True)
        [entry] = json.loads(out.stdout)
        return findings(text, entry["diagnostics"], "utf-16")

    def run_edits(self, enc, seed):
        rnd = random.Random(seed)
        with open(ARTICLE, encoding="utf-8", newline="") as f:
            text = f.read()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "draft.md")
            uri = "file://" + path
            c = Client(EXE)
            self.addCleanup(lambda: c.proc.poll() is None and c.proc.kill())
            c.settings = {"debounceMs": 0}
            c.initialize(encodings=[enc])
            c.open(uri, text)
            c.wait_publish(uri, 1)
            for v in range(2, 202):
                changes = []
                if v % 67 == 0:  # now and then the whole text
                    text = text.replace("yesterday", "on Tuesday", 1)
                    changes.append({"text": text})
                for _ in range(rnd.choice([1, 1, 1, 2, 3])):
                    a = pick(text, rnd)
                    b = min(len(text), a + rnd.choice([0, 0, 1, 5, 30, 200]))
                    while 0 < b < len(text) and text[b - 1] == "\r" and text[b] == "\n":
                        b += 1
                    new = rnd.choice(INSERTS)
                    changes.append({"range": {"start": position(text, a, enc),
                                              "end": position(text, b, enc)}, "text": new})
                    text = text[:a] + new + text[b:]
                c.notify("textDocument/didChange",
                         {"textDocument": {"uri": uri, "version": v}, "contentChanges": changes})
                if v % 50 == 0 or v == 201:
                    got = findings(text, c.wait_publish(uri, v, timeout=30)["diagnostics"], enc)
                    self.assertEqual(got, self.check(path, text), f"{enc} version {v}")
            self.assertEqual(c.finish(), 0)

    def test_random_edits_match_check_utf16(self):
        self.run_edits("utf-16", 11)

    def test_random_edits_match_check_utf8(self):
        self.run_edits("utf-8", 12)


if __name__ == "__main__":
    unittest.main()
