#!/usr/bin/env python3
"""The language server over stdio, as an editor drives it: lifecycle and
exit codes, encodings, push and pull diagnostics, incremental edits,
settings, cancellation, bad input, and a regular file as stdin."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Client, frame, parse_frames  # noqa: E402

EXE = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/copydesk"
URI = "file:///tmp/copydesk-test/draft.md"
SETTINGS = {"publicationDate": "2016-03-23", "debounceMs": 0}


def covered(text, rng, enc):
    """The text an LSP range covers, computed the way a client would."""
    lines = text.split("\n")

    def index(pos):
        line = lines[pos["line"]]
        if enc == "utf-8":
            b = line.encode("utf-8")[:pos["character"]]
            col = len(b.decode("utf-8"))
        else:
            u = line.encode("utf-16-le")[:2 * pos["character"]]
            col = len(u.decode("utf-16-le"))
        return sum(len(x) + 1 for x in lines[:pos["line"]]) + col
    return text[index(rng["start"]):index(rng["end"])]


class Server(unittest.TestCase):
    def start(self, **kw):
        c = Client(EXE)
        c.settings = kw.pop("settings", SETTINGS)
        self.addCleanup(lambda: c.proc.poll() is None and c.proc.kill())
        init = c.initialize(**kw)
        return c, init

    def test_lifecycle_and_capabilities(self):
        c, init = self.start()
        caps = init["result"]["capabilities"]
        self.assertEqual(caps["positionEncoding"], "utf-16")
        self.assertEqual(caps["textDocumentSync"]["change"], 2)
        self.assertTrue(caps["textDocumentSync"]["openClose"])
        self.assertTrue(caps["diagnosticProvider"]["workspaceDiagnostics"])
        self.assertEqual(c.finish(), 0)
        self.assertIn(b"", c.stderr)

    def test_exit_without_shutdown_is_1(self):
        c, _ = self.start()
        c.notify("exit")
        self.assertEqual(c.proc.wait(10), 1)

    def test_eof_without_exit_is_1(self):
        c, _ = self.start()
        c.proc.stdin.close()
        self.assertEqual(c.proc.wait(10), 1)

    def test_request_before_initialize(self):
        c = Client(EXE)
        self.addCleanup(lambda: c.proc.poll() is None and c.proc.kill())
        r = c.request("textDocument/hover", {"textDocument": {"uri": URI},
                                             "position": {"line": 0, "character": 0}})
        self.assertEqual(r["error"]["code"], -32002)
        c.initialize()
        self.assertEqual(c.finish(), 0)

    def test_requests_after_shutdown_are_refused(self):
        c, _ = self.start()
        c.request("shutdown")
        r = c.request("workspace/diagnostic", {"previousResultIds": []})
        self.assertEqual(r["error"]["code"], -32600)
        c.notify("exit")
        self.assertEqual(c.proc.wait(10), 0)

    def test_push_and_pull_agree_and_resolve_with_setting(self):
        c, _ = self.start()
        text = "# Budget\n\nThe council voted yesterday. It meets again on Monday.\n"
        c.open(URI, text, version=7)
        pushed = c.wait_publish(URI)
        self.assertEqual(pushed["version"], 7)
        pulled = c.request("textDocument/diagnostic", {"textDocument": {"uri": URI}})["result"]
        self.assertEqual(pulled["kind"], "full")
        self.assertEqual(pulled["items"], pushed["diagnostics"])
        ws = c.request("workspace/diagnostic", {"previousResultIds": []})["result"]
        self.assertEqual(ws["items"][0]["uri"], URI)
        self.assertEqual(ws["items"][0]["items"], pushed["diagnostics"])
        msgs = {covered(text, d["range"], "utf-16"): d["message"] for d in pushed["diagnostics"]}
        self.assertIn("yesterday", msgs)
        self.assertIn("March 22, 2016", msgs["yesterday"])
        self.assertIn("setting", msgs["yesterday"])
        self.assertEqual(c.finish(), 0)

    def test_ranges_after_emoji_in_both_encodings(self):
        text = "---\ndate: 2021-09-12\n---\n\n**22:31** 🔴 “Ayşe” 🗳️ said it yesterday.\n"
        for enc in ("utf-16", "utf-8"):
            c, init = self.start(encodings=[enc, "utf-16"] if enc == "utf-8" else ["utf-16"])
            self.assertEqual(init["result"]["capabilities"]["positionEncoding"], enc)
            c.open(URI, text)
            d = c.wait_publish(URI)["diagnostics"]
            self.assertEqual([covered(text, x["range"], enc) for x in d], ["yesterday"], enc)
            self.assertEqual(c.finish(), 0)

    def test_crlf_document(self):
        c, _ = self.start()
        text = "Headline\r\n\r\nIt rained yesterday.\r\n"
        c.open(URI, text, lang="plaintext")
        [d] = c.wait_publish(URI)["diagnostics"]
        self.assertEqual(d["range"]["start"], {"line": 2, "character": 10})
        self.assertEqual(d["range"]["end"], {"line": 2, "character": 19})
        c.finish()

    def test_incremental_edits_publish_latest_version(self):
        c, _ = self.start()
        text = "Nothing to see.\n"
        c.open(URI, text, version=1)
        self.assertEqual(c.wait_publish(URI, 1)["diagnostics"], [])
        # Insert "yesterday " before "to" (line 0, char 8), then append a line.
        c.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2},
                 "contentChanges": [{"range": {"start": {"line": 0, "character": 8},
                                               "end": {"line": 0, "character": 8}},
                                     "text": "yesterday "}]})
        p = c.wait_publish(URI, 2)
        [d] = p["diagnostics"]
        self.assertEqual(d["range"]["start"], {"line": 0, "character": 8})
        # Several changes in one notification, applied in order.
        c.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 3},
                 "contentChanges": [
                     {"range": {"start": {"line": 0, "character": 8},
                                "end": {"line": 0, "character": 18}}, "text": ""},
                     {"range": {"start": {"line": 1, "character": 0},
                                "end": {"line": 1, "character": 0}}, "text": "🔴 Today it rained.\n"}]})
        [d] = c.wait_publish(URI, 3)["diagnostics"]
        self.assertEqual(d["range"], {"start": {"line": 1, "character": 3},
                                      "end": {"line": 1, "character": 8}})
        c.finish()

    def test_typing_burst_never_publishes_stale(self):
        c, _ = self.start(settings={"publicationDate": "2016-03-23", "debounceMs": 20})
        c.open(URI, "Start.\n", version=1)
        c.wait_publish(URI, 1)
        for v in range(2, 42):
            c.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": v},
                     "contentChanges": [{"range": {"start": {"line": v - 1, "character": 0},
                                                   "end": {"line": v - 1, "character": 0}},
                                         "text": "He said it yesterday.\n"}]})
        seen = []
        while True:
            p = c.wait_publish(URI)
            seen.append(p["version"])
            if p["version"] == 41:
                self.assertEqual(len(p["diagnostics"]), 40)
                break
        self.assertEqual(seen, sorted(seen))
        c.finish()

    def test_settings_change_reanalyses(self):
        c, _ = self.start(settings={"debounceMs": 0})
        c.open(URI, "It rained yesterday.\n")
        [d] = c.wait_publish(URI)["diagnostics"]
        self.assertIn("no publication date", d["message"])
        c.notify("workspace/didChangeConfiguration",
                 {"settings": {"copydesk": {"publicationDate": "2020-02-29", "debounceMs": 0}}})
        [d] = c.wait_publish(URI)["diagnostics"]
        self.assertIn("February 28, 2020", d["message"])
        c.finish()

    def test_pull_clients_are_told_to_refresh(self):
        c = Client(EXE)
        self.addCleanup(lambda: c.proc.poll() is None and c.proc.kill())
        c.settings = {"debounceMs": 0}
        c.request("initialize", {"capabilities": {"workspace": {
            "configuration": True, "diagnostics": {"refreshSupport": True}}}})
        c.notify("initialized", {})
        c.notify("workspace/didChangeConfiguration",
                 {"settings": {"copydesk": {"publicationDate": "2020-02-29", "dateOrder": ""}}})
        seen = []
        c.wait(lambda m: seen.append(m.get("method")) or m.get("method") == "workspace/diagnostic/refresh")
        # an empty dateOrder is "none", not an error shown to the user
        self.assertNotIn("window/showMessage", seen)
        self.assertEqual(c.finish(), 0)

    def test_initialization_options_without_configuration(self):
        c, _ = self.start(configuration=False,
                          init_options={"publicationDate": "2016-03-23", "debounceMs": 0})
        c.open(URI, "It rained yesterday.\n")
        [d] = c.wait_publish(URI)["diagnostics"]
        self.assertIn("March 22, 2016", d["message"])
        c.finish()

    def test_cancel_pending_pull(self):
        c, _ = self.start(settings={"debounceMs": 5000})
        c.open(URI, "It rained yesterday.\n")
        rid = c.request("textDocument/diagnostic", {"textDocument": {"uri": URI}}, wait=False)
        c.notify("$/cancelRequest", {"id": rid})
        r = c.wait_response(rid)
        self.assertEqual(r["error"]["code"], -32800)
        c.finish()

    def test_hover_on_finding_and_outside(self):
        c, _ = self.start()
        text = "It rained yesterday.\n"
        c.open(URI, text)
        c.wait_publish(URI)
        h = c.request("textDocument/hover", {"textDocument": {"uri": URI},
                                             "position": {"line": 0, "character": 12}})["result"]
        self.assertIn("Tuesday, March 22, 2016", h["contents"]["value"])
        self.assertIn("from the copydesk.publicationDate setting", h["contents"]["value"])
        self.assertEqual(covered(text, h["range"], "utf-16"), "yesterday")
        h = c.request("textDocument/hover", {"textDocument": {"uri": URI},
                                             "position": {"line": 0, "character": 1}})["result"]
        self.assertIsNone(h)
        c.finish()

    def apply(self, text, edits):
        """Applies LSP TextEdits (UTF-16) to text, last first."""
        lines = text.split("\n")

        def index(pos):
            u = lines[pos["line"]].encode("utf-16-le")[:2 * pos["character"]]
            return sum(len(x) + 1 for x in lines[:pos["line"]]) + len(u.decode("utf-16-le"))
        for e in sorted(edits, key=lambda e: index(e["range"]["start"]), reverse=True):
            a, b = index(e["range"]["start"]), index(e["range"]["end"])
            text = text[:a] + e["newText"] + text[b:]
        return text

    def test_code_actions_fix_and_suppress(self):
        c, _ = self.start()
        text = "# Vote\n\n🔴 The council met yesterday and signed 03/04/2016.\n"
        c.open(URI, text)
        diags = c.wait_publish(URI)["diagnostics"]
        rel = next(d for d in diags if d["code"] == "date-relative")
        acts = c.request("textDocument/codeAction", {
            "textDocument": {"uri": URI}, "range": rel["range"],
            "context": {"diagnostics": [rel]}})["result"]
        titles = [a["title"] for a in acts]
        self.assertIn("Replace with 'Tuesday'", titles)
        self.assertIn("Replace with 'March 22, 2016'", titles)
        self.assertIn("Suppress date-relative on this line", titles)
        fix = next(a for a in acts if a["title"] == "Replace with 'Tuesday'")
        self.assertTrue(fix["isPreferred"])
        fixed = self.apply(text, fix["edit"]["changes"][URI])
        self.assertIn("met Tuesday and", fixed)
        # Neovim 0.7 sends context diagnostics rebuilt from byte columns:
        # matching is by code and line, so a shifted range still works.
        amb = next(d for d in diags if d["code"] == "date-ambiguous-numeric")
        shifted = json.loads(json.dumps(amb))
        shifted["range"]["start"]["character"] += 2
        acts = c.request("textDocument/codeAction", {
            "textDocument": {"uri": URI}, "range": shifted["range"],
            "context": {"diagnostics": [shifted]}})["result"]
        titles = [a["title"] for a in acts]
        self.assertIn("Rewrite as 'March 4, 2016'", titles)
        self.assertIn("Rewrite as 'April 3, 2016'", titles)
        sup = next(a for a in acts if a["title"].startswith("Suppress"))
        suppressed = self.apply(text, sup["edit"]["changes"][URI])
        c.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2},
                                            "contentChanges": [{"text": suppressed}]})
        after = c.wait_publish(URI, 2)["diagnostics"]
        self.assertEqual(sorted(d["code"] for d in after),
                         sorted(d["code"] for d in diags if d["code"] != "date-ambiguous-numeric"))
        c.finish()

    def test_config_file_and_its_changes(self):
        with tempfile.TemporaryDirectory() as tmp:
            cfg = os.path.join(tmp, "copydesk.json")
            with open(cfg, "w") as f:
                json.dump({"rules": {"date-relative": "off"}}, f)
            os.makedirs(os.path.join(tmp, "drafts"))
            uri = "file://" + os.path.join(tmp, "drafts", "a.md")
            c, _ = self.start()
            c.open(uri, "It rained yesterday. Signed 03/04/2016. Volodymyr Zelenskyy spoke.\n")
            codes = [d["code"] for d in c.wait_publish(uri)["diagnostics"]]
            self.assertEqual(codes, ["date-ambiguous-numeric"])
            # a known name added in the client's settings: its variant is flagged
            c.notify("workspace/didChangeConfiguration", {"settings": {"copydesk": {
                "debounceMs": 0, "names": ["Volodymyr Zelensky"]}}})
            codes = [d["code"] for d in c.wait_publish(uri)["diagnostics"]]
            self.assertEqual(codes, ["date-ambiguous-numeric", "name-variant"])
            c.notify("workspace/didChangeConfiguration", {"settings": {"copydesk": {"debounceMs": 0}}})
            c.wait_publish(uri)
            # The file changes on disk: the client says so, the server re-reads it.
            with open(cfg, "w") as f:
                f.write('{"rules": {"date-relative": "shout"}}')
            c.notify("workspace/didChangeWatchedFiles",
                     {"changes": [{"uri": "file://" + cfg, "type": 2}]})
            bad = c.wait_publish("file://" + cfg)["diagnostics"]
            self.assertEqual(bad[0]["severity"], 1)
            self.assertIn("date-relative", bad[0]["message"])
            self.assertEqual(bad[0]["range"]["start"]["line"], 0)
            codes = sorted(d["code"] for d in c.wait_publish(uri)["diagnostics"])
            self.assertEqual(codes, ["date-ambiguous-numeric", "date-relative"])
            os.remove(cfg)
            c.notify("workspace/didChangeWatchedFiles",
                     {"changes": [{"uri": "file://" + cfg, "type": 3}]})
            self.assertEqual(c.wait_publish("file://" + cfg)["diagnostics"], [])
            self.assertEqual(c.finish(), 0)

    def test_bad_input_keeps_server_answering(self):
        c, _ = self.start()
        c.send_raw(frame({"jsonrpc": "2.0", "id": 50, "method": "no/such"}))
        self.assertEqual(c.wait_response(50)["error"]["code"], -32601)
        c.send_raw(b"Content-Length: 9\r\n\r\n{not json")
        r = c.wait(lambda m: "error" in m and m.get("id") is None)
        self.assertEqual(r["error"]["code"], -32700)
        c.send_raw(frame({"jsonrpc": "2.0", "id": 51, "method": "textDocument/hover",
                          "params": {"textDocument": 42}}))
        self.assertEqual(c.wait_response(51)["error"]["code"], -32602)
        c.send_raw(b"Content-Length: zz\r\n\r\n")
        c.send_raw(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": URI, "languageId": "markdown", "version": 1,
                             "text": "x"}}})[:-1] + b"\xff")
        c.open(URI, "Still working yesterday.\n", version=2)
        p = c.wait_publish(URI, 2)
        self.assertEqual(len(p["diagnostics"]), 1)
        self.assertEqual(c.finish(), 0)

    def test_regular_file_as_stdin(self):
        """A whole session written to a file first, then given as stdin."""
        msgs = [
            {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                "capabilities": {}, "initializationOptions": {"publicationDate": "2016-03-23"}}},
            {"jsonrpc": "2.0", "method": "initialized", "params": {}},
            {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": URI, "languageId": "markdown", "version": 3,
                "text": "It rained yesterday.\n"}}},
            {"jsonrpc": "2.0", "id": 2, "method": "textDocument/diagnostic",
             "params": {"textDocument": {"uri": URI}}},
            {"jsonrpc": "2.0", "id": 3, "method": "shutdown"},
            {"jsonrpc": "2.0", "method": "exit"},
        ]
        with tempfile.TemporaryFile() as f:
            f.write(b"".join(frame(m) for m in msgs))
            f.seek(0)
            p = subprocess.run([EXE, "lsp"], stdin=f, capture_output=True, timeout=30)
        self.assertEqual(p.returncode, 0, p.stderr)
        out = parse_frames(p.stdout)
        by_id = {m["id"]: m for m in out if "id" in m and "method" not in m}
        [d] = by_id[2]["result"]["items"]
        self.assertIn("March 22, 2016", d["message"])
        self.assertIsNone(by_id[3]["result"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
