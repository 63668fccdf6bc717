#!/usr/bin/env python3
"""Scores copydesk on an annotated corpus folder with score.py.

usage: run_corpus.py COPYDESK examples|wikinews|mine

examples: the shared annotated examples, strict for the codes implemented
          so far (every expected finding, no false positive, every date
          resolved).
wikinews: real published articles with gold dates: no file may fail, and
          date-relative recall and date resolution must not fall below the
          floors measured when the rule landed (a regression guard; the
          figures themselves are printed for the notes).
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATE_CODES = "date-relative,date-ambiguous-numeric,date-weekday-mismatch,date-two-digit-year"
# Floors for the Wikinews gold dates: 168/168 found and 111/111 resolved
# when the date rules landed; a drop below these is a regression.
WIKINEWS_MIN_RECALL = 0.98
WIKINEWS_MIN_RESOLVED = 0.98


def score(exe, folder, codes, strict):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "fig.json")
        cmd = [sys.executable, os.path.join(HERE, "score.py"), "--copydesk", exe,
               "--codes", codes, "--json", out, "--verbose"]
        if strict:
            cmd.append("--strict")
        cmd.append(os.path.join(HERE, folder))
        proc = subprocess.run(cmd)
        with open(out, encoding="utf-8") as f:
            return proc.returncode, json.load(f)


def main():
    exe, which = os.path.abspath(sys.argv[1]), sys.argv[2]
    if which == "examples":
        rc, _ = score(exe, "examples", DATE_CODES, True)
        return rc
    rc, fig = score(exe, which, DATE_CODES, False)
    bad = []
    if fig["failed_files"]:
        bad.append(f"{len(fig['failed_files'])} files failed")
    rel = fig["per_code"]["date-relative"]
    if rel["recall"] is None or rel["recall"] < WIKINEWS_MIN_RECALL:
        bad.append(f"date-relative recall {rel['recall']} < {WIKINEWS_MIN_RECALL}")
    res = fig["resolved"]
    if res["total"] and res["resolved"] / res["total"] < WIKINEWS_MIN_RESOLVED:
        bad.append(f"resolved {res['resolved']}/{res['total']} < {WIKINEWS_MIN_RESOLVED:.0%}")
    for b in bad:
        print("FAIL:", b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
