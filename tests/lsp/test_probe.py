#!/usr/bin/env python3
"""Runs the scripted LSP client (tests/tools/lsp-probe.py, a copy of the
shared probe) against the real binary: the sessions an editor has, the
bad-input battery, and a typing burst."""
import json
import os
import subprocess
import sys
import unittest

EXE = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/copydesk"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PROBE = os.path.join(ROOT, "tests", "tools", "lsp-probe.py")
EX = os.path.join(ROOT, "tests", "corpus", "examples")
KERRY = ["--settings", json.dumps({"copydesk": {"publicationDate": "2016-03-23"}})]


def probe(*args, timeout=120):
    p = subprocess.run([sys.executable, PROBE, *args, "--", EXE, "lsp"],
                       capture_output=True, timeout=timeout)
    return p.returncode, json.loads(p.stdout.decode("utf-8"))


def texts(report, key):
    diags = report["diagnostics"].get(key) or {}
    items = diags.get("items") if isinstance(diags, dict) else diags
    return sorted((d["code"], d.get("covered_text")) for d in (items or []))


class Probe(unittest.TestCase):
    def test_pull_and_push_agree_utf8(self):
        rc, r = probe("--file", os.path.join(EX, "seed-kerry.txt"), *KERRY, "--pull", "--utf8")
        self.assertEqual(rc, 0, r.get("violations"))
        self.assertEqual(r["position_encoding"], "utf-8")
        self.assertFalse(r["violations"])
        pushed = texts(r, "push_after_open")
        self.assertEqual(pushed, texts(r, "pull"))
        self.assertIn(("date-relative", "yesterday"), pushed)

    def test_same_words_in_both_encodings(self):
        f = os.path.join(EX, "liveblog-runoff.md")
        rc16, r16 = probe("--file", f, "--pull")
        rc8, r8 = probe("--file", f, "--pull", "--utf8")
        self.assertEqual((rc16, rc8), (0, 0))
        self.assertEqual(r16["position_encoding"], "utf-16")
        self.assertEqual(r8["position_encoding"], "utf-8")
        a = texts(r16, "push_after_open")
        self.assertEqual(a, texts(r16, "pull"))
        self.assertEqual(a, texts(r8, "push_after_open"))
        self.assertEqual(a, texts(r8, "pull"))
        self.assertIn(("date-relative", "tomorrow"), a)

    def test_robustness_battery(self):
        rc, r = probe("--file", os.path.join(EX, "seed-kerry.txt"), "--robustness", "--isolate",
                      "--pre-init-request", timeout=600)
        self.assertEqual(rc, 0)
        summary = r["robustness_summary"]
        bad = {k: v for k, v in summary.get("verdicts", summary).items()
               if isinstance(v, str) and v not in ("as-expected", "survived")}
        self.assertFalse(bad, summary)
        self.assertEqual(summary["pre_initialize"], "as-expected")
        self.assertFalse(summary["crashed_on"])

    def test_typing_stream_never_stale(self):
        rc, r = probe("--file", os.path.join(EX, "seed-kerry.txt"), *KERRY,
                      "--edit", 'append:\\nHe said "no" yesterday.', "--edit-repeat", "50",
                      "--edit-mode", "stream", "--type-delay-ms", "10")
        self.assertEqual(rc, 0, r.get("violations"))
        self.assertFalse(r["violations"])
        changes = r["changes"]
        self.assertFalse(changes[-1].get("never_published"), changes[-1])


if __name__ == "__main__":
    unittest.main(verbosity=2)
