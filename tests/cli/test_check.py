#!/usr/bin/env python3
"""`copydesk check` as CI and a shell user run it: formats, exit statuses,
folders, stdin, bad arguments. Drives the real binary."""
import json
import os
import re
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tempdir_case import TempDirCase  # noqa: E402

EXE = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/copydesk"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLES = os.path.join(ROOT, "tests", "corpus", "examples")


def github_unescape(value):
    """A property value as the Actions runner reads it back."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","),
                          ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def run(*args, stdin=None, cwd=None):
    p = subprocess.run([EXE, *args], input=stdin, capture_output=True, cwd=cwd, timeout=60)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


class Check(TempDirCase):
    def test_version_and_help(self):
        rc, out, _ = run("--version")
        self.assertEqual(rc, 0)
        self.assertRegex(out, r"^copydesk \d+\.\d+\.\d+")
        rc, out, _ = run("check", "--help")
        self.assertEqual(rc, 0)
        self.assertIn("--fail-on", out)

    def test_json_is_lsp_diagnostics_with_resolved_date(self):
        path = self.write("a.txt", "The mayor resigned yesterday.\n")
        rc, out, _ = run("check", "--format", "json", "--date", "2016-03-23", path)
        data = json.loads(out)
        self.assertEqual(len(data), 1)
        self.assertEqual(data[0]["path"], path)
        [d] = data[0]["diagnostics"]
        self.assertEqual(d["code"], "date-relative")
        self.assertEqual(d["source"], "copydesk")
        self.assertEqual(d["severity"], 3)
        self.assertEqual(d["range"], {"start": {"line": 0, "character": 19},
                                      "end": {"line": 0, "character": 28}})
        self.assertIn("March 22, 2016", d["message"])
        self.assertIn("href", d["codeDescription"])
        # information is below the default --fail-on warning
        self.assertEqual(rc, 0)

    def test_fail_on_levels(self):
        path = self.write("a.txt", "The mayor resigned yesterday.\n")
        self.assertEqual(run("check", "--fail-on", "information", path)[0], 1)
        self.assertEqual(run("check", "--fail-on", "hint", path)[0], 1)
        self.assertEqual(run("check", "--fail-on", "warning", path)[0], 0)
        mismatch = self.write("b.txt", "The vote was held on Monday, March 22, 2016, in the hall.\n")
        rc, out, _ = run("check", "--fail-on", "error", "--no-color", mismatch)
        self.assertEqual(rc, 1)
        self.assertIn("[date-weekday-mismatch]", out)
        self.assertIn("Tuesday", out)

    def test_text_format_compiler_style_with_caret(self):
        # A curly quote and an emoji before the finding: the column counts characters.
        path = self.write("c.md", "“Hi” 🔴 said it happened yesterday.\n")
        rc, out, _ = run("check", "--no-color", "--date", "2020-01-02", path)
        lines = out.splitlines()
        self.assertTrue(lines[0].startswith(f"{path}:1:25: information: "), lines[0])
        self.assertTrue(lines[0].endswith("[date-relative]"))
        self.assertEqual(lines[1], "  “Hi” 🔴 said it happened yesterday.")
        self.assertEqual(lines[2], "  " + " " * 24 + "^~~~~~~~~")
        self.assertNotIn("\033[", out)

    def test_no_publication_date_is_said(self):
        path = self.write("d.txt", "Officials met yesterday.\n")
        rc, out, _ = run("check", "--format", "json", path)
        [d] = json.loads(out)[0]["diagnostics"]
        self.assertIn("no publication date", d["message"])

    def test_front_matter_date(self):
        path = self.write("e.md", "---\ntitle: x\ndate: 2019-06-12\n---\n\nThe council met yesterday.\n")
        rc, out, _ = run("check", "--format", "json", path)
        [d] = json.loads(out)[0]["diagnostics"]
        self.assertIn("2019", d["message"])
        self.assertIn("June 11, 2019", d["message"])
        # --date overrides the document's own
        rc, out, _ = run("check", "--format", "json", "--date", "2020-01-02", path)
        [d] = json.loads(out)[0]["diagnostics"]
        self.assertIn("January 1, 2020", d["message"])

    def test_folder_walk_is_sorted_and_filtered(self):
        self.write("b/z.md", "Nothing here.\n")
        self.write("b/a.txt", "Nothing here.\n")
        self.write("b/sub/m.markdown", "Nothing here.\n")
        self.write("b/skip.html", "yesterday\n")
        self.write("b/.hidden.md", "yesterday\n")
        rc, out, _ = run("check", "--format", "json", os.path.join(self.dir, "b"))
        paths = [os.path.relpath(f["path"], self.dir) for f in json.loads(out)]
        self.assertEqual(paths, ["b/a.txt", "b/sub/m.markdown", "b/z.md"])
        self.assertEqual(rc, 0)

    def test_stdin(self):
        rc, out, _ = run("check", "--format", "json", "--date", "2016-03-23", "-",
                         stdin="It rained yesterday.\n".encode())
        data = json.loads(out)
        self.assertEqual(data[0]["diagnostics"][0]["code"], "date-relative")

    def test_missing_file_is_status_2_and_others_still_checked(self):
        good = self.write("g.txt", "It rained yesterday.\n")
        missing = os.path.join(self.dir, "nope.md")
        rc, out, err = run("check", "--format", "json", missing, good)
        self.assertEqual(rc, 2)
        self.assertIn("nope.md", err)
        self.assertEqual([f["path"] for f in json.loads(out)], [good])

    def test_bad_arguments(self):
        path = self.write("a.txt", "x\n")
        for args in (["--date", "2016-02-30", path], ["--date", "yesterday", path],
                     ["--format", "xml", path], ["--fail-on", "loud", path], ["--bogus", path],
                     []):
            rc, out, err = run("check", *args)
            self.assertEqual(rc, 2, args)
            self.assertTrue(err.strip(), args)
            self.assertEqual(out, "", args)

    def test_invalid_utf8_is_replaced_not_fatal(self):
        path = self.write("bad.txt", b"Caf\xc3\xa9 \xff\xfe said it yesterday.\n")
        rc, out, _ = run("check", "--format", "json", "--date", "2016-03-23", path)
        [d] = json.loads(out)[0]["diagnostics"]
        # 'Café ' = 5 units, two U+FFFD, then ' said it ' -> yesterday at 16
        self.assertEqual(d["range"]["start"], {"line": 0, "character": 16})

    def test_files_from(self):
        a = self.write("a.txt", "It rained yesterday.\n")
        b = self.write("b.txt", "Nothing.\n")
        lst = self.write("list", f"{b}\n{a}\n")
        rc, out, _ = run("check", "--format", "json", "--files-from", lst)
        self.assertEqual([f["path"] for f in json.loads(out)], [b, a])

    def test_explain_every_code(self):
        codes = ["quote-unattributed", "quote-unbalanced", "quote-anonymous-source",
                 "name-variant", "name-first-reference", "date-relative",
                 "date-ambiguous-numeric", "date-weekday-mismatch", "date-two-digit-year"]
        for code in codes:
            rc, out, _ = run("explain", code)
            self.assertEqual(rc, 0, code)
            self.assertTrue(out.startswith(f"# {code}\n"), code)
            self.assertIn("## How to silence it", out)
        rc, out, err = run("explain", "date-relatve")
        self.assertEqual(rc, 2)
        self.assertEqual(out, "")
        for code in codes:
            self.assertIn(code, err)

    def test_config_file_found_upwards(self):
        self.write("desk/copydesk.json", json.dumps({
            "rules": {"date-relative": "off", "date-ambiguous-numeric": "error"},
            "dateOrder": "DMY"}))
        path = self.write("desk/city/a.txt", "It rained yesterday. Signed 03/04/2016.\n")
        rc, out, err = run("check", "--format", "json", path)
        [d] = json.loads(out)[0]["diagnostics"]
        self.assertEqual((d["code"], d["severity"]), ("date-ambiguous-numeric", 1))
        # the house order reads day first
        self.assertLess(d["message"].index("3 April"), d["message"].index("March 4"))
        self.assertEqual(rc, 1)
        self.assertEqual(err, "")

    def test_config_known_names(self):
        path = self.write("desk/a.txt", "President Volodymyr Zelenskyy met the delegation.\n")
        rc, out, _ = run("check", "--format", "json", path)
        self.assertEqual(json.loads(out)[0]["diagnostics"], [])
        self.write("desk/copydesk.json", '{"names": ["Volodymyr Zelensky"]}')
        rc, out, _ = run("check", "--format", "json", path)
        [d] = json.loads(out)[0]["diagnostics"]
        self.assertEqual(d["code"], "name-variant")
        self.assertIn("Zelensky", d["message"])
        self.assertEqual(d["range"]["start"]["character"], 20)

    def test_config_publication_date_is_the_last_resort(self):
        self.write("desk/copydesk.json", '{"publicationDate": "2016-03-23"}')
        path = self.write("desk/a.txt", "It rained yesterday.\n")
        rc, out, _ = run("check", "--format", "json", path)
        [d] = json.loads(out)[0]["diagnostics"]
        self.assertIn("March 22, 2016", d["message"])
        self.assertIn("copydesk.json", d["message"])
        md = self.write("desk/b.md", "---\ndate: 2020-01-02\n---\n\nIt rained yesterday.\n")
        rc, out, _ = run("check", "--format", "json", md)
        [d] = json.loads(out)[0]["diagnostics"]
        self.assertIn("January 1, 2020", d["message"])

    def test_broken_config_is_reported_and_defaults_apply(self):
        cfg = self.write("desk/copydesk.json", '{\n  "rules": {"date-relative": "loud"}\n}\n')
        path = self.write("desk/a.txt", "It rained yesterday.\n")
        rc, out, err = run("check", "--format", "json", path)
        self.assertEqual(rc, 2)
        self.assertIn(f"{os.path.realpath(cfg)}:2:", err)
        self.assertIn("date-relative", err)
        [d] = json.loads(out)[0]["diagnostics"]
        self.assertEqual(d["code"], "date-relative")
        self.write("desk/copydesk.json", '{"rules": ')
        rc, out, err = run("check", "--config", os.path.join(self.dir, "desk/copydesk.json"), path)
        self.assertEqual(rc, 2)
        self.assertIn("not valid JSON", err)
        self.write("desk/copydesk.json", '{"rulez": {}}')
        rc, out, err = run("check", path)
        self.assertEqual(rc, 2)
        self.assertIn("unknown key 'rulez'", err)

    def test_jobs_do_not_change_the_output(self):
        sources = sorted(os.listdir(EXAMPLES))
        arts = []
        for n in sources:
            if not n.endswith(".json"):
                with open(os.path.join(EXAMPLES, n), encoding="utf-8") as f:
                    arts.append(f.read())
        for i in range(240):
            ext = (".md", ".txt")[i % 2]
            self.write(f"many/d{i // 40}/draft{i:04d}{ext}", arts[i % len(arts)])
        self.write("many/d2/unreadable.md", "x")
        os.chmod(os.path.join(self.dir, "many/d2/unreadable.md"), 0)
        folder = os.path.join(self.dir, "many")
        for fmt in ("text", "json", "sarif", "github"):
            outs = set()
            for jobs in ("1", "3", "8"):
                rc, out, err = run("check", "--format", fmt, "--jobs", jobs, "--date",
                                   "2016-03-23", folder)
                outs.add((rc, out, err))
            self.assertEqual(len(outs), 1, fmt)
        rc, out, err = outs.pop()
        if os.getuid() != 0:  # root reads anything
            self.assertEqual(rc, 2)
            self.assertIn("unreadable.md: cannot read", err)

    def test_github_escapes_commas_colons_newlines(self):
        # A name with the characters a property value must escape, and findings
        # whose messages quote text with a percent sign, a colon, a comma and
        # a CRLF line break.
        name = "odd, name: 100%.md"
        path = self.write(name, "The council met on Monday.\r\n\r\n"
                                "\"Rates rose 50%, then: chaos\r\nfollowed everywhere.\"\r\n\r\n"
                                "It happened the day\r\nbefore yesterday.\r\n")
        for shown in (name, path):
            args = ("--date", "2016-03-23", shown)
            rc, out, _ = run("check", "--format", "github", *args, cwd=self.dir)
            _, js, _ = run("check", "--format", "json", *args, cwd=self.dir)
            diagnostics = json.loads(js)[0]["diagnostics"]
            lines = out.split("\n")
            self.assertEqual(lines.pop(), "")
            self.assertEqual(len(lines), len(diagnostics))
            self.assertEqual(len(lines), 3)
            for line, d in zip(lines, diagnostics):
                m = re.fullmatch(r"::(error|warning|notice) ([^:]*)::([^\r\n]*)", line)
                self.assertTrue(m, line)
                props = dict(p.split("=", 1) for p in m[2].split(","))
                self.assertEqual(props["file"], shown.replace("%", "%25").replace(",", "%2C")
                                 .replace(":", "%3A"))
                self.assertEqual(github_unescape(props["file"]), shown)
                start = d["range"]["start"]
                self.assertEqual((props["line"], props["col"]),
                                 (str(start["line"] + 1), str(start["character"] + 1)))
                self.assertEqual(props["title"], "copydesk " + d["code"])
                self.assertEqual(m[1], {1: "error", 2: "warning"}.get(d["severity"], "notice"))
                # data keeps ':' and ',' but escapes '%', CR and LF
                self.assertEqual(m[3], d["message"].replace("%", "%25").replace("\r", "%0D")
                                 .replace("\n", "%0A") + f" [{d['code']}]")
            self.assertIn('"Rates rose 50%25, then: chaos', out)
            self.assertIn("'the day%0D%0Abefore yesterday' is Monday, March 21, 2016", out)

    def test_example_article_runs(self):
        rc, out, _ = run("check", "--format", "json", "--date", "2016-03-23",
                         os.path.join(EXAMPLES, "seed-kerry.txt"))
        self.assertIn(rc, (0, 1))
        codes = [d["code"] for d in json.loads(out)[0]["diagnostics"]]
        self.assertGreaterEqual(codes.count("date-relative"), 5)


if __name__ == "__main__":
    unittest.main(verbosity=2)
