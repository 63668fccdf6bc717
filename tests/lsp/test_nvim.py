#!/usr/bin/env python3
"""Real headless Neovim (0.7, Debian's) as the client, through the shared
nvim-probe (tests/tools/nvim-probe.sh): for every example article it must
hold the same diagnostics, on the same words, as the scripted client
(lsp-probe.py) and `copydesk check`, render a hover, offer code actions,
and follow an edit. Skipped (not failed) where Neovim is not installed."""
import json
import os
import shutil
import subprocess
import sys
import unittest

EXE = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/copydesk"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOOLS = os.path.join(ROOT, "tests", "tools")
EX = os.path.join(ROOT, "tests", "corpus", "examples")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def annotation(name):
    return json.loads(read(os.path.join(EX, name.rsplit(".", 1)[0] + ".expect.json")))


def settings_for(name):
    ann = annotation(name)
    s = {"copydesk": {}}
    if ann["date"]:
        s["copydesk"]["publicationDate"] = ann["date"]
    return json.dumps(s)


def utf16_to_byte(line, ch):
    return len(line.encode("utf-16-le")[:2 * ch].decode("utf-16-le").encode("utf-8"))


@unittest.skipUnless(shutil.which("nvim"), "Neovim is not installed")
class Neovim(unittest.TestCase):
    def nvim(self, path, *extra):
        p = subprocess.run(["bash", os.path.join(TOOLS, "nvim-probe.sh"), "--file", path,
                            "--settings", settings_for(os.path.basename(path)), *extra,
                            "--", EXE, "lsp"], capture_output=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr.decode()[-2000:])
        return json.loads(p.stdout)

    def test_examples_match_check(self):
        for name in sorted(os.listdir(EX)):
            if name.endswith(".json"):
                continue
            with self.subTest(name):
                path = os.path.join(EX, name)
                r = self.nvim(path)
                lines = read(path).split("\n")
                ann = annotation(name)
                args = [EXE, "check", "--format", "json", path]
                if ann["date"]:
                    args[2:2] = ["--date", ann["date"]]
                out = subprocess.run(args, capture_output=True).stdout
                want = []
                for d in json.loads(out)[0]["diagnostics"]:
                    s, e = d["range"]["start"], d["range"]["end"]
                    want.append((d["code"], s["line"], utf16_to_byte(lines[s["line"]], s["character"]),
                                 e["line"], utf16_to_byte(lines[e["line"]], e["character"])))
                got = [(d["code"], d["lnum"], d["col"], d["end_lnum"], d["end_col"])
                       for d in r["diagnostics"]]
                self.assertEqual(sorted(got), sorted(want))

    def test_hover_code_action_and_edit(self):
        r = self.nvim(os.path.join(EX, "seed-kerry.txt"), "--hover-text", "yesterday",
                      "--code-actions", "--append", "He left yesterday.")
        self.assertIn("Tuesday, March 22, 2016", r["hovers"][0]["text"])
        self.assertIn("copydesk.publicationDate setting", r["hovers"][0]["text"])
        self.assertTrue(all(a["titles"] for a in r["code_actions"]))
        self.assertEqual(r["edit"]["diagnostic_count"], r["diagnostic_count"] + 1)
        self.assertEqual(r["exit"]["code"], 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
