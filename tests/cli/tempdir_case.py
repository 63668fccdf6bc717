"""A TestCase with a fresh temporary folder per test and a helper that
writes a draft into it (the CLI tests build their inputs on disk)."""
import os
import tempfile
import unittest


class TempDirCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        """Writes text (str as UTF-8, or bytes as given) to name under the
        folder, creating subfolders; returns the path."""
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(text.encode("utf-8") if isinstance(text, str) else text)
        return path
