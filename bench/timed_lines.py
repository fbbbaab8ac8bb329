# SPDX-License-Identifier: GPL-2.0-or-later
"""Lines of a stream, each with the time it was read, collected by a thread.

bench.py's Output (a tool's stdout) and auditd_peer.py's LogTail (the audit
log) read their streams differently and keep their lines the same way: as
a subclass of TimedLines whose _run() calls _add() with each chunk read.
"""

import threading
import time


class TimedLines:
    def __init__(self):
        self.lines = []           # (receive time in ns, text)
        self.lock = threading.Lock()
        self._partial = b""
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        raise NotImplementedError

    def _add(self, data):
        """Split a chunk into lines; a line without its newline yet waits
        for the next chunk."""
        t = time.monotonic_ns()
        lines = (self._partial + data).split(b"\n")
        self._partial = lines.pop()
        with self.lock:
            self.lines.extend((t, l.rstrip(b"\r").decode("utf-8", "replace")) for l in lines)

    def snapshot(self):
        with self.lock:
            return list(self.lines)

    def count(self, pattern):
        with self.lock:
            return sum(1 for _, l in self.lines if pattern in l)
