#!/usr/bin/env python3
"""Every finding on every example article gets a code action (at least
the suppression), and applying a suppression removes exactly that finding
and nothing else — through the real server, as an editor applies edits."""
import json
import os
import sys
import unittest
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Client  # noqa: E402

EXE = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/copydesk"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EX = os.path.join(ROOT, "tests", "corpus", "examples")


def index(text, pos):
    lines = text.split("\n")
    u = lines[pos["line"]].encode("utf-16-le")[:2 * pos["character"]]
    return sum(len(x) + 1 for x in lines[:pos["line"]]) + len(u.decode("utf-16-le"))


def apply(text, edits):
    for e in sorted(edits, key=lambda e: index(text, e["range"]["start"]), reverse=True):
        a, b = index(text, e["range"]["start"]), index(text, e["range"]["end"])
        text = text[:a] + e["newText"] + text[b:]
    return text


def findings(text, diags):
    return Counter((d["code"], text[index(text, d["range"]["start"]):index(text, d["range"]["end"])])
                   for d in diags)


class Actions(unittest.TestCase):
    def test_every_suppression_removes_exactly_its_finding(self):
        for name in sorted(os.listdir(EX)):
            if name.endswith(".json"):
                continue
            with open(os.path.join(EX, name), encoding="utf-8") as f:
                text = f.read()
            with open(os.path.join(EX, name.rsplit(".", 1)[0] + ".expect.json")) as f:
                ann = json.load(f)
            c = Client(EXE)
            c.settings = {"debounceMs": 0}
            if ann["date"]:
                c.settings["publicationDate"] = ann["date"]
            c.initialize()
            uri = "file:///copydesk-test/" + name
            c.open(uri, text, lang="markdown" if name.endswith(".md") else "plaintext")
            diags = c.wait_publish(uri)["diagnostics"]
            before = findings(text, diags)
            version = 1
            for d in diags:
                with self.subTest(file=name, code=d["code"], line=d["range"]["start"]["line"]):
                    acts = c.request("textDocument/codeAction", {
                        "textDocument": {"uri": uri}, "range": d["range"],
                        "context": {"diagnostics": [d]}})["result"]
                    self.assertTrue(acts)
                    sup = [a for a in acts if a["title"].startswith("Suppress " + d["code"])]
                    self.assertEqual(len(sup), 1, [a["title"] for a in acts])
                    edited = apply(text, sup[0]["edit"]["changes"][uri])
                    version += 1
                    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                        "contentChanges": [{"text": edited}]})
                    after = findings(edited, c.wait_publish(uri, version)["diagnostics"])
                    gone = before - after
                    self.assertEqual(after - before, Counter(), "a suppression added findings")
                    key = (d["code"], text[index(text, d["range"]["start"]):index(text, d["range"]["end"])])
                    self.assertIn(key, gone)
                    # the suppressed line may hold another finding of the same code
                    self.assertTrue(all(k[0] == d["code"] for k in gone), gone)
                    # undo, as the reporter would, before trying the next one
                    version += 1
                    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                        "contentChanges": [{"text": text}]})
                    c.wait_publish(uri, version)
            self.assertEqual(c.finish(), 0)


if __name__ == "__main__":
    unittest.main(verbosity=1)
