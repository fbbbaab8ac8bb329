#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""auditd as a peer of the benchmark, and putting the system's audit back.

The peer is Debian's auditd (its /etc/audit/auditd.conf, with the log in a
private directory on the same disk so that the benchmark neither fills the
system's audit trail nor races its rotation) with the buffers of Debian's
rules.d/audit.rules (-b 8192, --backlog_wait_time 60000, -f 1) and one rule,
`-a always,exit -F arch=b64 -S execve,execveat`.

Whatever it changes is first written to a state file; restore() undoes it
from that file, and bench/run calls

    python3 bench/auditd_peer.py --restore STATE

on every exit, so that a benchmark killed half way leaves no auditd running
and no rule loaded either.  The peer is skipped where another audit daemon
is registered: the benchmark does not take over a system's auditing.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from timed_lines import TimedLines

RULE = ["always,exit", "-F", "arch=b64", "-S", "execve,execveat"]
# Debian's /etc/audit/rules.d/audit.rules, which its auditd.service loads
BUFFERS = {"backlog_limit": ["-b", "8192"], "backlog_wait_time": ["--backlog_wait_time", "60000"],
           "failure": ["-f", "1"]}
SETTINGS = {"enabled": "-e", "backlog_limit": "-b", "backlog_wait_time": "--backlog_wait_time",
            "failure": "-f"}


class Unavailable(Exception):
    """auditd cannot be a peer here; the message says why."""


def auditctl(*args):
    return subprocess.run(["auditctl", *args], check=True, capture_output=True,
                          text=True).stdout


def status():
    """auditctl -s as a dict of integers (the fields that are numbers)."""
    s = {}
    for line in auditctl("-s").splitlines():
        k, _, v = line.partition(" ")
        if v.strip().lstrip("-").isdigit():
            s[k] = int(v)
    return s


def kauditd_pid():
    """The kernel's audit thread (a child of kthreadd), if there is one."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)
            if fields[0].endswith("(kauditd") and fields[1].split()[1] == "2":
                return int(pid)
        except OSError:
            pass
    return None


def restore(state_file):
    """Undo what the state file records: the rule, our auditd, the settings."""
    try:
        with open(state_file) as f:
            state = json.load(f)
    except (OSError, ValueError):
        return
    if state.get("rule_loaded"):
        subprocess.run(["auditctl", "-d", *RULE], capture_output=True)
    pid = state.get("pid")
    if pid:
        try:
            with open("/proc/%d/comm" % pid) as f:
                ours = f.read().strip() == "auditd"
        except OSError:
            ours = False
        if ours:
            os.kill(pid, signal.SIGTERM)
            for _ in range(100):
                if not os.path.exists("/proc/%d" % pid) or _zombie(pid):
                    break
                time.sleep(0.05)
    for key, opt in SETTINGS.items():
        if key in state.get("before", {}):
            subprocess.run(["auditctl", opt, str(state["before"][key])], capture_output=True)
    if state.get("dir"):
        shutil.rmtree(state["dir"], ignore_errors=True)
    os.unlink(state_file)


def _zombie(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


class LogTail(TimedLines):
    """Follows the audit log as Output follows a tool's stdout: each line
    with the time it was read."""

    def __init__(self, path):
        self.path = path
        self.done = False
        super().__init__()

    def _run(self):
        while not os.path.exists(self.path) and not self.done:
            time.sleep(0.01)
        if self.done:
            return
        with open(self.path, "rb") as f:
            while not self.done:
                data = f.read(65536)
                if not data:
                    time.sleep(0.01)
                    continue
                self._add(data)

    def close(self):
        self.done = True
        self.thread.join(timeout=5)


class Auditd:
    """Starts and stops auditd with the rule; what Tool is to the tracers."""

    def __init__(self, state_file):
        self.state_file = state_file
        self.proc = None

    def _save(self, state):
        tmp = self.state_file + ".tmp"
        with open(tmp, "w") as f:
            json.dump(state, f)
        os.replace(tmp, self.state_file)

    @staticmethod
    def check():
        """Raises Unavailable where auditd cannot be a peer."""
        if shutil.which("auditd") is None or shutil.which("auditctl") is None:
            raise Unavailable("auditd is not installed")
        try:
            before = status()
        except subprocess.CalledProcessError as e:
            raise Unavailable("auditctl -s failed: %s" % e.stderr.strip())
        if before.get("pid"):
            raise Unavailable("an audit daemon (pid %d) already runs" % before["pid"])
        if before.get("enabled") == 2:
            raise Unavailable("the audit configuration is locked (enabled 2)")
        if "-a always,exit -F arch=b64 -S execve,execveat" in auditctl("-l"):
            raise Unavailable("the rule is loaded already")
        return before

    def start(self):
        if os.path.exists(self.state_file):
            restore(self.state_file)      # a previous run's leftovers
        before = self.check()
        self.dir = tempfile.mkdtemp(prefix="corebpf-bench-audit.")
        state = {"before": {k: before[k] for k in SETTINGS if k in before}, "dir": self.dir}
        self._save(state)
        with open("/etc/audit/auditd.conf") as f:
            conf = f.read().splitlines()
        self.log = os.path.join(self.dir, "audit.log")
        edit = {"log_file": self.log, "max_log_file_action": "IGNORE"}
        conf = ["%s = %s" % (l.split("=")[0].strip(), edit[l.split("=")[0].strip()])
                if l.split("=")[0].strip() in edit else l for l in conf]
        with open(os.path.join(self.dir, "auditd.conf"), "w") as f:
            f.write("\n".join(conf) + "\n")
        os.chmod(os.path.join(self.dir, "auditd.conf"), 0o640)
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(["auditd", "-n", "-c", self.dir], stdin=subprocess.DEVNULL,
                                     stdout=self.err, stderr=self.err)
        state["pid"] = self.proc.pid
        self._save(state)
        self.out = LogTail(self.log)
        deadline = time.monotonic() + 10
        while status().get("pid") != self.proc.pid:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.err.seek(0)
                raise RuntimeError("auditd did not start: %s" % self.err.read().decode())
            time.sleep(0.01)
        for args in BUFFERS.values():
            auditctl(*args)
        state["rule_loaded"] = True
        self._save(state)
        auditctl("-a", *RULE)
        self.kauditd = kauditd_pid()

    def stop(self):
        restore(self.state_file)
        if self.proc:
            self.proc.wait(timeout=10)
        self.out.close()
        self.err.seek(0)
        return self.err.read().decode("utf-8", "replace")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--restore":
        restore(sys.argv[2])
    else:
        sys.exit("usage: auditd_peer.py --restore STATE")
