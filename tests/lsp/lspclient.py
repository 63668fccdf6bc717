"""A small LSP client over the real binary's stdio, for the tests."""
import json
import queue
import subprocess
import threading
import time


def frame(obj):
    body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def parse_frames(data):
    """All messages in a byte string of framed output."""
    out = []
    while data:
        head, sep, rest = data.partition(b"\r\n\r\n")
        if not sep:
            break
        n = int(head.split(b":")[1])
        out.append(json.loads(rest[:n].decode("utf-8")))
        data = rest[n:]
    return out


class Client:
    def __init__(self, exe, *args):
        self.proc = subprocess.Popen([exe, "lsp", *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.msgs = queue.Queue()
        self.next_id = 1
        self.stderr = b""
        # Called on the reader thread with (body bytes, perf_counter time)
        # as soon as a whole message has been read, before it is parsed:
        # lets the benchmark stop its clock on the server's bytes rather
        # than on Python's JSON parsing.
        self.on_body = None
        threading.Thread(target=self._reader, daemon=True).start()
        threading.Thread(target=self._err, daemon=True).start()

    def _err(self):
        self.stderr = self.proc.stderr.read()

    def _reader(self):
        f = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = f.readline()
                if not line:
                    self.msgs.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                k, _, v = line.decode().partition(":")
                headers[k.strip().lower()] = v.strip()
            body = f.read(int(headers["content-length"]))
            if self.on_body:
                self.on_body(body, time.perf_counter())
            self.msgs.put(json.loads(body.decode("utf-8")))

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, obj):
        self.send_raw(frame(obj))

    def request(self, method, params=None, wait=True):
        rid = self.next_id
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.wait_response(rid) if wait else rid

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def wait(self, pred, timeout=10.0):
        """Next message satisfying pred; answers server requests on the way."""
        end = time.time() + timeout
        while True:
            left = end - time.time()
            if left <= 0:
                raise TimeoutError("no matching message")
            m = self.msgs.get(timeout=left)
            if m is None:
                raise EOFError("server closed stdout")
            if "method" in m and "id" in m:
                self.on_server_request(m)
            if pred(m):
                return m

    def on_server_request(self, m):
        result = None
        if m["method"] == "workspace/configuration":
            result = [getattr(self, "settings", None) for _ in m["params"]["items"]]
        self.send({"jsonrpc": "2.0", "id": m["id"], "result": result})

    def wait_response(self, rid, timeout=10.0):
        return self.wait(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def wait_publish(self, uri, version=None, timeout=10.0):
        def p(m):
            if m.get("method") != "textDocument/publishDiagnostics":
                return False
            pr = m["params"]
            return pr["uri"] == uri and (version is None or pr.get("version") == version)
        return self.wait(p, timeout)["params"]

    def initialize(self, encodings=("utf-16",), init_options=None, configuration=True,
                   window=None):
        caps = {"general": {"positionEncodings": list(encodings)},
                "workspace": {"configuration": configuration},
                "textDocument": {"diagnostic": {}}}
        if window is not None:
            caps["window"] = window
        params = {"processId": None, "rootUri": None, "capabilities": caps}
        if init_options is not None:
            params["initializationOptions"] = init_options
        r = self.request("initialize", params)
        self.notify("initialized", {})
        return r

    def open(self, uri, text, version=1, lang="markdown"):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": lang, "version": version, "text": text}})

    def finish(self, timeout=10.0):
        self.request("shutdown")
        self.notify("exit")
        return self.proc.wait(timeout)
