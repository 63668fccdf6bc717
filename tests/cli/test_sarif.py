#!/usr/bin/env python3
"""`copydesk check --format sarif` validated against the SARIF 2.1.0 schema
(sarif-schema-2.1.0.json beside this file, by json_schema.py), plus what a
schema cannot say: one rule per code with its documentation, 1-based regions
that agree with --format json, and the process exit status in invocations.
The validator is tested first on documents it must reject."""
import copy
import json
import os
import subprocess
import sys
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from tempdir_case import TempDirCase  # noqa: E402
from json_schema import SchemaError, Validator  # noqa: E402

EXE = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/copydesk"
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
EXAMPLES = os.path.join(ROOT, "tests", "corpus", "examples")
RULE_DOCS = os.path.join(ROOT, "docs", "rules")
with open(os.path.join(HERE, "sarif-schema-2.1.0.json"), encoding="utf-8") as _f:
    SCHEMA = json.load(_f)
SARIF = Validator(SCHEMA)
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
LEVELS = {1: "error", 2: "warning", 3: "note", 4: "note"}


def strict_json(text):
    """json.loads that refuses what it would otherwise let through: a repeated
    key (the last would silently win) and NaN or Infinity."""
    def no_repeats(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError(f"repeated key in {keys}")
        return dict(pairs)

    def no_constant(name):
        raise ValueError(f"{name} is not JSON")
    return json.loads(text, object_pairs_hook=no_repeats, parse_constant=no_constant)


def run(*args, stdin=None, cwd=None):
    p = subprocess.run([EXE, *args], input=stdin, capture_output=True, cwd=cwd, timeout=60)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def minimal_log():
    """A small log that uses the parts copydesk writes, and is valid."""
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "t", "informationUri": "https://example.com/t",
                "rules": [{"id": "r", "helpUri": "https://example.com/r.md",
                           "help": {"text": "# r", "markdown": "# r"},
                           "shortDescription": {"text": "r"},
                           "defaultConfiguration": {"level": "warning"}}]}},
            "columnKind": "utf16CodeUnits",
            "results": [{
                "ruleId": "r", "ruleIndex": 0, "level": "note", "message": {"text": "m"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": "a%20b.md"},
                    "region": {"startLine": 1, "startColumn": 1, "endLine": 1,
                               "endColumn": 2}}}]}],
            "invocations": [{"executionSuccessful": True, "exitCode": 0}],
        }],
    }


class ValidatorRejects(unittest.TestCase):
    """Each keyword the schema relies on, shown to make a document fail."""

    def rejected(self, mutate, where):
        log = minimal_log()
        mutate(log)
        errors = SARIF.errors(log)
        self.assertTrue(errors, f"accepted a document that breaks {where}")
        self.assertTrue(any(e.startswith(where) for e in errors), errors)

    def test_minimal_log_is_valid(self):
        self.assertEqual(SARIF.errors(minimal_log()), [])

    def test_required_and_enum(self):
        self.rejected(lambda d: d.pop("version"), "/: required property 'version'")
        self.rejected(lambda d: d.update(version="2.0.0"), "/version")
        self.rejected(lambda d: d["runs"][0]["invocations"][0].pop("executionSuccessful"),
                      "/runs/0/invocations/0: required")
        self.rejected(lambda d: d["runs"][0]["results"][0].update(level="fatal"),
                      "/runs/0/results/0/level")

    def test_region_lines_and_columns_are_1_based(self):
        region = lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "region"]
        self.rejected(lambda d: region(d).update(startLine=0),
                      "/runs/0/results/0/locations/0/physicalLocation/region/startLine")
        self.rejected(lambda d: region(d).update(endColumn=0),
                      "/runs/0/results/0/locations/0/physicalLocation/region/endColumn")

    def test_types(self):
        result = lambda d: d["runs"][0]["results"][0]
        self.rejected(lambda d: result(d).update(level=3), "/runs/0/results/0/level")
        self.rejected(lambda d: result(d).update(message="m"), "/runs/0/results/0/message")
        self.rejected(lambda d: result(d).update(ruleIndex=1.5), "/runs/0/results/0/ruleIndex")
        # JSON true is not the integer 1
        self.rejected(lambda d: d["runs"][0]["invocations"][0].update(exitCode=True),
                      "/runs/0/invocations/0/exitCode")
        self.rejected(lambda d: d.update(runs={}), "/runs")

    def test_additional_properties_and_unique_items(self):
        self.rejected(lambda d: d["runs"][0]["results"][0].update(severity=2),
                      "/runs/0/results/0: property 'severity' is not allowed")
        rules = lambda d: d["runs"][0]["tool"]["driver"]["rules"]
        self.rejected(lambda d: rules(d).append(copy.deepcopy(rules(d)[0])),
                      "/runs/0/tool/driver/rules/1: repeats")

    def test_any_of_and_one_of(self):
        self.rejected(lambda d: d["runs"][0]["results"][0].update(message={"markdown": "m"}),
                      "/runs/0/results/0/message: matches none of anyOf")
        self.rejected(lambda d: d["runs"][0]["results"][0]["locations"][0].update(
            physicalLocation={"region": {"startLine": 1}}),
            "/runs/0/results/0/locations/0/physicalLocation: matches none of anyOf")
        self.rejected(lambda d: d["runs"][0]["results"][0].update(graphTraversals=[
            {"runGraphIndex": 0, "resultGraphIndex": 0}]),
            "/runs/0/results/0/graphTraversals/0: matches 2 of oneOf")

    def test_numbers_items_and_patterns(self):
        self.rejected(lambda d: d["runs"][0]["results"][0].update(rank=100.5),
                      "/runs/0/results/0/rank")
        self.rejected(lambda d: d["runs"][0]["results"][0].update(codeFlows=[
            {"threadFlows": []}]), "/runs/0/results/0/codeFlows/0/threadFlows: fewer")
        self.rejected(lambda d: d["runs"][0].update(language="e"), "/runs/0/language")
        guid = "0f6c1e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b"
        good = minimal_log()
        good["runs"][0]["results"][0]["guid"] = guid
        self.assertEqual(SARIF.errors(good), [])
        # ECMA-262 '$' does not match before a final newline, nor \d a non-ASCII digit
        self.rejected(lambda d: d["runs"][0]["results"][0].update(guid=guid + "\n"),
                      "/runs/0/results/0/guid")
        self.rejected(lambda d: d["runs"][0]["tool"]["driver"].update(
            dottedQuadFileVersion="1.2.3.\u0664"), "/runs/0/tool/driver/dottedQuadFileVersion")

    def test_formats(self):
        self.rejected(lambda d: d["runs"][0]["tool"]["driver"]["rules"][0].update(
            helpUri="docs/rules/r.md"), "/runs/0/tool/driver/rules/0/helpUri")
        loc = lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        for bad in ("a b.md", "100%.md", "1odd:name.md", "a\\b.md", "é.md"):
            self.rejected(lambda d: loc(d)["artifactLocation"].update(uri=bad),
                          "/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri")
        for bad in ("yesterday", "2016-02-30T00:00:00Z", "2016-03-23T10:00:00",
                    "2016-03-23 10:00:00Z"):
            self.rejected(lambda d: d["runs"][0]["invocations"][0].update(startTimeUtc=bad),
                          "/runs/0/invocations/0/startTimeUtc")
        good = minimal_log()
        good["runs"][0]["invocations"][0]["startTimeUtc"] = "2016-02-29T23:59:59.5+05:30"
        loc(good)["artifactLocation"]["uri"] = "file:///tmp/a%20b,c.md"
        self.assertEqual(SARIF.errors(good), [])

    def test_uri_grammar(self):
        from json_schema import FORMATS
        uri, ref = FORMATS["uri"], FORMATS["uri-reference"]
        for s in ("https://example.com/a?b#c", "untitled:stdin", "file:///a/b%20c",
                  "mailto:x@example.com", "http://[::1]:80/"):
            self.assertTrue(uri(s), s)
            self.assertTrue(ref(s), s)
        for s in ("a/b.md", "/a/b", "./a:b", "a%3Ab", "", "?q", "#f", "//host/p"):
            self.assertFalse(uri(s), s)
            self.assertTrue(ref(s), s)
        # a ':' in a relative path's first segment reads as a scheme, or fails
        self.assertEqual(urllib.parse.urlsplit("odd:name.md").scheme, "odd")
        self.assertTrue(uri("odd:name.md"))
        for s in ("a b", "1a:b", "a:b c", "%zz", "a#b#c", "http://a b/", "a\nb", "é"):
            self.assertFalse(ref(s), s)

    def test_an_unimplemented_keyword_is_refused(self):
        base = {"$schema": DRAFT_07, "type": "object"}
        for extra in ({"propertyNames": {"pattern": "^a"}},
                      {"definitions": {"unused": {"type": "string", "maxLength": 3}}},
                      {"properties": {"a": {"type": "string", "format": "email"}}},
                      {"properties": {"a": {"$ref": "#/definitions/missing"}}},
                      {"properties": {"a": {"$ref": "#/definitions/b", "type": "string"}},
                       "definitions": {"b": {}}},
                      {"items": [{"type": "string"}]},
                      {"properties": {"a": {"type": "string", "pattern": "("}}}):
            with self.assertRaises(SchemaError, msg=extra):
                Validator({**base, **extra})
        with self.assertRaises(SchemaError):
            Validator({**base, "$schema": "http://json-schema.org/draft-04/schema#"})

    def test_strict_json(self):
        with self.assertRaises(ValueError):
            strict_json('{"a": 1, "a": 2}')
        with self.assertRaises(ValueError):
            strict_json('{"a": NaN}')


class SarifOutput(TempDirCase):
    def sarif(self, *args, stdin=None, cwd=None):
        """Runs check --format sarif; the log must validate and carry the exit
        status. Returns (status, run, stderr)."""
        rc, out, err = run("check", "--format", "sarif", *args, stdin=stdin, cwd=cwd)
        log = strict_json(out)
        self.assertEqual(SARIF.errors(log), [])
        [run0] = log["runs"]
        [invocation] = run0["invocations"]
        self.assertEqual(invocation["exitCode"], rc)
        self.assertEqual(invocation["executionSuccessful"], rc != 2)
        return rc, run0, err

    def assert_rules(self, run0):
        rules = run0["tool"]["driver"]["rules"]
        ids = [r["id"] for r in rules]
        documented = sorted(n[:-3] for n in os.listdir(RULE_DOCS) if n.endswith(".md"))
        self.assertEqual(sorted(ids), documented)  # one per code, each once
        for rule in rules:
            code = rule["id"]
            rc, explained, _ = run("explain", code)
            self.assertEqual(rc, 0, code)
            self.assertEqual(rule["help"]["text"].strip(), explained.strip(), code)
            self.assertEqual(rule["help"]["markdown"], rule["help"]["text"], code)
            self.assertTrue(rule["helpUri"].endswith(f"/docs/rules/{code}.md"), rule["helpUri"])
            self.assertTrue(rule["shortDescription"]["text"], code)

    def assert_results_match_json(self, run0, args, cwd=None):
        """Every finding of --format json is a result, in order, with its
        0-based LSP range moved to 1-based lines and columns."""
        _, out, _ = run("check", "--format", "json", *args, cwd=cwd)
        expected = [(f["path"], d) for f in json.loads(out) for d in f["diagnostics"]]
        results = run0["results"]
        self.assertEqual(len(results), len(expected))
        rules = run0["tool"]["driver"]["rules"]

        def region(rng):
            return {"startLine": rng["start"]["line"] + 1,
                    "startColumn": rng["start"]["character"] + 1,
                    "endLine": rng["end"]["line"] + 1,
                    "endColumn": rng["end"]["character"] + 1}

        for res, (path, d) in zip(results, expected):
            self.assertEqual(res["ruleId"], d["code"])
            self.assertEqual(rules[res["ruleIndex"]]["id"], d["code"])
            self.assertEqual(rules[res["ruleIndex"]]["helpUri"], d["codeDescription"]["href"])
            self.assertEqual(res["level"], LEVELS[d["severity"]])
            self.assertEqual(res["message"]["text"], d["message"])
            [loc] = res["locations"]
            self.assertEqual(loc["physicalLocation"]["region"], region(d["range"]))
            self.assertEqual(self.path_of(loc["physicalLocation"]["artifactLocation"]["uri"]),
                             path)
            related = d.get("relatedInformation", [])
            self.assertEqual([(r["physicalLocation"]["region"], r["message"]["text"])
                              for r in res.get("relatedLocations", [])],
                             [(region(r["location"]["range"]), r["message"]) for r in related])
        return results

    @staticmethod
    def path_of(uri):
        if uri == "untitled:stdin":
            return "<stdin>"
        parts = urllib.parse.urlsplit(uri)
        if parts.scheme:
            assert parts.scheme == "file" and parts.netloc == "", uri
        return urllib.parse.unquote(parts.path, errors="strict")

    def test_example_articles(self):
        args = ("--date", "2016-03-23", EXAMPLES)
        rc, run0, _ = self.sarif(*args)
        self.assertEqual(rc, 1)
        self.assertEqual(run0["tool"]["driver"]["name"], "copydesk")
        self.assertEqual(run0["columnKind"], "utf16CodeUnits")
        self.assert_rules(run0)
        results = self.assert_results_match_json(run0, args)
        self.assertGreater(len(results), 20)
        self.assertGreater(len({r["ruleId"] for r in results}), 4)
        self.assertTrue(any("relatedLocations" in r for r in results))
        # relative paths stay relative
        rel = os.path.relpath(EXAMPLES, ROOT)
        rc, run0, _ = self.sarif("--date", "2016-03-23", rel, cwd=ROOT)
        self.assert_results_match_json(run0, ("--date", "2016-03-23", rel), cwd=ROOT)
        self.assertTrue(run0["results"][0]["locations"][0]["physicalLocation"]
                        ["artifactLocation"]["uri"].startswith(rel + "/"))

    def test_missing_file_is_status_2(self):
        good = self.write("g.txt", "It rained yesterday.\n")
        rc, run0, err = self.sarif("--date", "2016-03-23", os.path.join(self.dir, "nope.md"),
                                   good)
        self.assertEqual(rc, 2)
        self.assertIn("nope.md", err)
        self.assert_rules(run0)
        [res] = self.assert_results_match_json(
            run0, ("--date", "2016-03-23", os.path.join(self.dir, "nope.md"), good))
        self.assertEqual(res["ruleId"], "date-relative")

    def test_broken_config_is_status_2(self):
        self.write("desk/copydesk.json", '{\n  "rules": {"date-relative": "loud"}\n}\n')
        path = self.write("desk/a.txt", "It rained yesterday. Signed 03/04/2016.\n")
        rc, run0, err = self.sarif("--date", "2016-03-23", path)
        self.assertEqual(rc, 2)
        self.assertIn("copydesk.json:2:", err)
        self.assertEqual([r["ruleId"] for r in run0["results"]],
                         ["date-relative", "date-ambiguous-numeric"])
        self.write("desk/copydesk.json", '{"rules": ')
        rc, run0, err = self.sarif(path)
        self.assertEqual(rc, 2)
        self.assertIn("not valid JSON", err)

    def test_no_findings_and_no_files(self):
        path = self.write("quiet.txt", "Nothing to see.\n")
        rc, run0, _ = self.sarif(path)
        self.assertEqual((rc, run0["results"]), (0, []))
        self.assert_rules(run0)
        rc, run0, _ = self.sarif(os.path.join(self.dir, "missing"))
        self.assertEqual((rc, run0["results"]), (2, []))

    def test_awkward_paths_are_uri_references(self):
        name = "odd, name: 100% café #1?.md"
        self.write(name, "It rained yesterday.\n")
        for shown in (name, os.path.join(self.dir, name)):
            rc, run0, _ = self.sarif("--date", "2016-03-23", shown, cwd=self.dir)
            uri = run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
                "uri"]
            self.assertEqual(self.path_of(uri), shown)
            self.assertEqual(uri.startswith("file:///"), os.path.isabs(shown), uri)
        rc, run0, _ = self.sarif("--date", "2016-03-23", "-",
                                 stdin="It rained yesterday.\n".encode())
        self.assertEqual(run0["results"][0]["locations"][0]["physicalLocation"]
                         ["artifactLocation"]["uri"], "untitled:stdin")

    def test_regions_count_utf16_from_1(self):
        path = self.write("s.md", "---\ndate: 2016-03-23\n---\n\n"
                                  "“Hi” 🔴 signed 03/04/2016 on Monday, March 22, 2016.\n")
        rc, run0, _ = self.sarif(path)
        self.assertEqual(rc, 1)
        by_rule = {r["ruleId"]: r for r in run0["results"]}
        amb = by_rule["date-ambiguous-numeric"]
        self.assertEqual(amb["level"], "warning")
        # “Hi” 🔴 signed + space = 15 UTF-16 units before the date
        self.assertEqual(amb["locations"][0]["physicalLocation"]["region"],
                         {"startLine": 5, "startColumn": 16, "endLine": 5, "endColumn": 26})
        self.assertEqual(by_rule["date-weekday-mismatch"]["level"], "error")


if __name__ == "__main__":
    unittest.main(verbosity=2)
