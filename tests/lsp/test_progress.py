#!/usr/bin/env python3
"""workspace/diagnostic reports work-done progress ($/progress begin,
report, end) on the request's workDoneToken, or on a token the server
creates when the client supports window/workDoneProgress/create; and sends
none to a client that supports neither.

No document can be analysed while the server's workspace/configuration
request is unanswered, so each test opens its documents and sends the pull
before answering it: the pull always has to wait for every analysis."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Client  # noqa: E402

EXE = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/copydesk"
SETTINGS = {"publicationDate": "2016-03-23", "debounceMs": 0}
DOCS = {f"file:///tmp/copydesk-progress/story{i}.md": f"# Story {i}\n\nThe council met {day}.\n"
        for i, day in enumerate(["yesterday", "on Monday", "today", "in May", "last week"])}
CREATE = "window/workDoneProgress/create"


class HeldClient(Client):
    """Answers workspace/configuration only after the create request (when
    one comes) has been answered, so progress can begin before any
    document is done; answers create with `create_error` when set."""

    def __init__(self, exe):
        super().__init__(exe)
        self.settings = SETTINGS
        self.create_error = None
        self.held = None
        self.hold_config = False

    def on_server_request(self, m):
        if m["method"] == "workspace/configuration" and self.hold_config:
            self.held = m
            return
        if m["method"] == CREATE:
            if self.create_error:
                self.send({"jsonrpc": "2.0", "id": m["id"], "error": self.create_error})
            else:
                self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
            self.release()
            return
        super().on_server_request(m)

    def release(self):
        self.hold_config = False
        if self.held:
            held, self.held = self.held, None
            super().on_server_request(held)


class Progress(unittest.TestCase):
    def start(self, window=None):
        c = HeldClient(EXE)
        self.addCleanup(lambda: c.proc.poll() is None and c.proc.kill())
        init = c.initialize(window=window)
        return c, init

    def pull(self, c, token=None, hold_config=False):
        """Opens DOCS, sends workspace/diagnostic; returns every message up
        to and including its answer, in order."""
        c.hold_config = hold_config
        for uri, text in DOCS.items():
            c.open(uri, text)
        params = {"previousResultIds": []}
        if token is not None:
            params["workDoneToken"] = token
        rid = c.request("workspace/diagnostic", params, wait=False)
        seen = []
        c.wait(lambda m: seen.append(m) or (m.get("id") == rid and "method" not in m))
        return seen

    def check_sequence(self, seen, token):
        answer = seen[-1]
        self.assertEqual(len(answer["result"]["items"]), len(DOCS))
        self.assertEqual({i["uri"] for i in answer["result"]["items"]}, set(DOCS))
        progress = [m["params"] for m in seen if m.get("method") == "$/progress"]
        self.assertTrue(all(p["token"] == token for p in progress), progress)
        kinds = [p["value"]["kind"] for p in progress]
        self.assertGreaterEqual(len(kinds), 2, kinds)
        self.assertEqual(kinds[0], "begin")
        self.assertEqual(kinds[-1], "end")
        self.assertEqual(set(kinds[1:-1]) - {"report"}, set(), kinds)
        begin = progress[0]["value"]
        self.assertEqual(begin["title"], "Checking documents")
        self.assertRegex(begin["message"], r"^\d+/5 documents$")
        pct = [p["value"]["percentage"] for p in progress[:-1]]
        self.assertEqual(pct, sorted(pct))
        self.assertTrue(all(0 <= x <= 100 for x in pct))
        for p in progress[1:-1]:
            self.assertRegex(p["value"]["message"], r"^\d+/5 documents$")
        self.assertEqual(progress[-1]["value"].get("message"), "5/5 documents")
        return progress

    def test_server_advertises_progress_for_diagnostics(self):
        c, init = self.start()
        self.assertIs(init["result"]["capabilities"]["diagnosticProvider"]["workDoneProgress"], True)
        self.assertEqual(c.finish(), 0)

    def test_request_token_gets_begin_report_end_before_the_answer(self):
        c, _ = self.start()
        seen = self.pull(c, token="pull-7")
        self.check_sequence(seen, "pull-7")
        self.assertFalse([m for m in seen if m.get("method") == CREATE])
        # Pulled and pushed agree after all that.
        answer = seen[-1]["result"]["items"]
        story0 = next(i for i in answer if i["uri"].endswith("story0.md"))
        self.assertEqual([d["code"] for d in story0["items"]], ["date-relative"])
        self.assertEqual(c.finish(), 0)

    def test_integer_token_and_a_capable_client_use_the_request_token(self):
        c, _ = self.start(window={"workDoneProgress": True})
        seen = self.pull(c, token=42)
        self.check_sequence(seen, 42)
        self.assertFalse([m for m in seen if m.get("method") == CREATE])
        self.assertEqual(c.finish(), 0)

    def test_server_created_token_when_the_client_supports_it(self):
        c, _ = self.start(window={"workDoneProgress": True})
        seen = self.pull(c, hold_config=True)
        creates = [i for i, m in enumerate(seen) if m.get("method") == CREATE]
        self.assertEqual(len(creates), 1)
        token = seen[creates[0]]["params"]["token"]
        first_progress = min(i for i, m in enumerate(seen) if m.get("method") == "$/progress")
        self.assertLess(creates[0], first_progress)
        progress = self.check_sequence(seen, token)
        # Begun before the configuration was answered, so nothing was done
        # yet; then one report per document finished, the last one ending.
        self.assertEqual([(p["value"]["kind"], p["value"].get("percentage")) for p in progress],
                         [("begin", 0), ("report", 20), ("report", 40), ("report", 60),
                          ("report", 80), ("end", None)])
        self.assertEqual([p["value"]["message"] for p in progress],
                         [f"{n}/5 documents" for n in range(6)])
        self.assertEqual(c.finish(), 0)

    def test_refused_create_means_no_progress(self):
        c, _ = self.start(window={"workDoneProgress": True})
        c.create_error = {"code": -32603, "message": "no progress here"}
        seen = self.pull(c, hold_config=True)
        self.assertEqual(len([m for m in seen if m.get("method") == CREATE]), 1)
        self.assertFalse([m for m in seen if m.get("method") == "$/progress"])
        self.assertEqual(len(seen[-1]["result"]["items"]), len(DOCS))
        self.assertEqual(c.finish(), 0)

    def test_no_progress_without_token_or_capability(self):
        c, _ = self.start()
        seen = self.pull(c)
        self.assertEqual(len(seen[-1]["result"]["items"]), len(DOCS))
        self.assertFalse([m for m in seen if m.get("method") in ("$/progress", CREATE)])
        self.assertEqual(c.finish(), 0)

    def test_nothing_to_wait_for_creates_no_token(self):
        c, _ = self.start(window={"workDoneProgress": True})
        for uri, text in DOCS.items():
            c.open(uri, text)
        published = set()
        while published != set(DOCS):
            published.add(c.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
                          ["params"]["uri"])
        rid = c.request("workspace/diagnostic", {"previousResultIds": []}, wait=False)
        seen = []
        c.wait(lambda m: seen.append(m) or (m.get("id") == rid and "method" not in m))
        self.assertFalse([m for m in seen if m.get("method") in ("$/progress", CREATE)])
        self.assertEqual(c.finish(), 0)

    def test_cancelled_pull_ends_its_progress_first(self):
        c, _ = self.start()
        c.hold_config = True
        for uri, text in DOCS.items():
            c.open(uri, text)
        rid = c.request("workspace/diagnostic",
                        {"previousResultIds": [], "workDoneToken": "gone"}, wait=False)
        c.notify("$/cancelRequest", {"id": rid})
        seen = []
        c.wait(lambda m: seen.append(m) or (m.get("id") == rid and "method" not in m))
        self.assertEqual(seen[-1]["error"]["code"], -32800)
        kinds = [m["params"]["value"]["kind"] for m in seen if m.get("method") == "$/progress"]
        self.assertEqual(kinds, ["begin", "end"])
        c.release()
        self.assertEqual(c.finish(), 0)


if __name__ == "__main__":
    unittest.main()
