#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""corebpf benchmark: execsnoop against the tools users would pick instead.

Runs corebpf's execsnoop (plain, with --exits, and with everything on:
-j -e), bcc's libbpf-tools execsnoop, bpftrace's execsnoop.bt and auditd
with an exec rule (bench/auditd_peer.py) in turn on the same exec storm
(posix_spawn + wait of /bin/true), interleaved over several rounds, each
storm under a tool paired with the same storm under none, and reports
medians and ratios: BPF run time per exec (kernel.bpf_stats_enabled),
execs captured, the tool's own CPU per event, time until ready, how much
slower the storm ran than with no tracer, output latency and peak RSS.
Then a burst: parallel spawners with a slow reader, and how many events
each tool lost and whether it said so.

Run it through bench/run (as root), which builds what it needs.
"""
import argparse
import datetime
import os
import platform
import pty
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

import auditd_peer
from timed_lines import TimedLines

NS = 1_000_000_000


def now_ns():
    return time.monotonic_ns()


class Output(TimedLines):
    """Reads a tool's stdout in a thread and timestamps each line."""

    def __init__(self, fd, slow=False):
        self.fd = fd
        self.slow = slow          # a reader that cannot keep up
        super().__init__()

    def _run(self):
        while True:
            try:
                data = os.read(self.fd, 1024 if self.slow else 65536)
            except OSError:
                break
            if not data:
                break
            self._add(data)
            if self.slow:
                time.sleep(0.02)


def proc_cpu_ns(pid):
    """CPU time (user + system) of all threads of a process, from schedstat."""
    total = 0
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                total += int(f.read().split()[0])
        except OSError:
            pass
    return total


def bpf_run_time_ns(pid):
    """run_time_ns summed over the BPF programs the process holds."""
    total = 0
    for fd in os.listdir("/proc/%d/fd" % pid):
        try:
            if os.readlink("/proc/%d/fd/%s" % (pid, fd)) != "anon_inode:bpf-prog":
                continue
            with open("/proc/%d/fdinfo/%s" % (pid, fd)) as f:
                for line in f:
                    if line.startswith("run_time_ns:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def peak_rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def spawn_true(arg):
    pid = os.posix_spawn("/bin/true", ["/bin/true", arg], os.environ)
    os.waitpid(pid, 0)


class Tool:
    def __init__(self, name, argv, slow_reader=False):
        self.name, self.argv, self.slow_reader = name, argv, slow_reader

    def start(self, tag):
        """Start the tool on a terminal (a pipe for a slow reader) and wait
        until it reports a probe exec; returns (ready ms, first line ms)."""
        self.err = tempfile.TemporaryFile()
        if self.slow_reader:
            rfd, wfd = os.pipe()
        else:
            rfd, wfd = pty.openpty()
        t0 = now_ns()
        self.proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=wfd,
                                     stderr=self.err, close_fds=True)
        os.close(wfd)
        self.out = Output(rfd, slow=False)
        self.rfd = rfd
        return self.wait_ready(tag, t0)

    def exited(self):
        if self.proc.poll() is None:
            return None
        self.err.seek(0)
        return "%s exited: %s" % (self.name, self.err.read().decode())

    def wait_ready(self, tag, t0):
        """Exec probes until one shows in the output; (ready ms, first line ms)."""
        probes = {}
        n = 0
        while True:
            if self.exited():
                raise RuntimeError(self.exited())
            probes[n] = now_ns()
            spawn_true("%s-ready-%d" % (tag, n))
            n += 1
            seen = [l for _, l in self.out.snapshot() if tag + "-ready-" in l]
            if seen:
                first = min(int(re.search(tag + r"-ready-(\d+)", l).group(1)) for l in seen)
                lines = self.out.snapshot()
                return (probes[first] - t0) / 1e6, (lines[0][0] - t0) / 1e6
            if now_ns() - t0 > 30 * NS:
                raise RuntimeError("%s not ready after 30 s" % self.name)
            time.sleep(0.005)

    # What the tool costs: its own CPU, its BPF programs' run time, its
    # memory.  A peer without BPF returns None for bpf_ns.
    def cpu_ns(self):
        return proc_cpu_ns(self.proc.pid)

    def bpf_ns(self):
        return bpf_run_time_ns(self.proc.pid)

    def rss_kib(self):
        return peak_rss_kib(self.proc.pid)

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.out.thread.join(timeout=5)
        os.close(self.rfd)
        self.err.seek(0)
        return self.err.read().decode("utf-8", "replace")


class AuditdTool(Tool):
    """auditd with the exec rule (bench/auditd_peer.py), measured as a tool:
    its CPU is auditd's plus the kernel's kauditd thread's (the records are
    built in the execing process, which the storm slowdown shows), its
    output the EXECVE records of the log, and it has no BPF."""

    def __init__(self, name, state_file):
        super().__init__(name, ["auditd"])
        self.peer = auditd_peer.Auditd(state_file)

    def start(self, tag):
        t0 = now_ns()
        self.peer.start()
        self.proc, self.out, self.err = self.peer.proc, self.peer.out, self.peer.err
        return self.wait_ready(tag, t0)

    def stop(self):
        return self.peer.stop()

    def cpu_ns(self):
        kthread = proc_cpu_ns(self.peer.kauditd) if self.peer.kauditd else 0
        return proc_cpu_ns(self.proc.pid) + kthread

    def bpf_ns(self):
        return None


def wait_quiet(out, pattern, want, timeout):
    """Wait until `want` lines match, or none came for 2 s, or timeout."""
    deadline = now_ns() + timeout * NS
    last, last_t = -1, now_ns()
    while now_ns() < deadline:
        n = out.count(pattern)
        if n >= want:
            return n
        if n != last:
            last, last_t = n, now_ns()
        elif now_ns() - last_t > 2 * NS:
            return n
        time.sleep(0.02)
    return out.count(pattern)


def run_storm(storm, count, tag):
    res = subprocess.run([storm, str(count), "/bin/true", tag], check=True,
                         capture_output=True, text=True).stdout.split()
    return int(res[0]), int(res[1])


def measure(tool, storm, count, round_no, baseline_first):
    """One storm under a tool and, just before or after it, the same storm
    with no tool; returns a dict of measurements.  The pair's ratio is the
    tool's slowdown of the storm: paired, so that the load other processes
    put on the machine drifts less between the two halves."""
    tag = "cbb%dx%d" % (os.getpid(), round_no)
    if baseline_first:
        n0, elapsed0 = run_storm(storm, count, tag + "-n")
    r = under_tool(tool, storm, count, tag)
    if not baseline_first:
        n0, elapsed0 = run_storm(storm, count, tag + "-n")
    r["base_rate"] = n0 / (elapsed0 / NS)
    r["slowdown_pct"] = 100 * (r["base_rate"] / r["rate"] - 1)
    return r


def under_tool(tool, storm, count, tag):
    """The storm under one tool: its rate and the tool's costs."""
    r = {}
    r["ready_ms"], r["first_line_ms"] = tool.start(tag)
    time.sleep(0.2)
    cpu0, bpf0 = tool.cpu_ns(), tool.bpf_ns()
    n, elapsed = run_storm(storm, count, tag + "-s")
    r["rate"] = n / (elapsed / NS)
    wait_quiet(tool.out, tag + "-s-", n, 30)
    # let the tool finish the events it had read, then read its costs
    time.sleep(0.3)
    cpu1, bpf1 = tool.cpu_ns(), tool.bpf_ns()
    r["rss_kib"] = tool.rss_kib()
    stderr = tool.stop()
    r["bpf_ns"] = None if bpf0 is None else (bpf1 - bpf0) / n
    lat = []
    seen = set()
    for t, l in tool.out.snapshot():
        m = re.search(re.escape(tag) + r"-s-(\d+\.\d+)-(\d+)", l)
        if m and m.group(1) not in seen:
            seen.add(m.group(1))
            lat.append((t - int(m.group(2))) / 1e6)
    # distinct execs, not lines: a duplicate must not hide a loss
    captured = len(seen)
    r["cpu_ns"] = (cpu1 - cpu0) / max(captured, 1)
    r["captured"], r["run"] = captured, n
    lat.sort()
    r["lat_p50"] = statistics.median(lat) if lat else float("nan")
    r["lat_p99"] = lat[min(len(lat) - 1, int(len(lat) * 0.99))] if lat else float("nan")
    r["stderr"] = stderr.strip()
    return r


LOST_RE = re.compile(r"(?:lost (\d+) events|(\d+) events lost|Lost (\d+) events)", re.I)


def burst(tool, storm, seconds, jobs, round_no):
    """Parallel spawners while the reader is slow; losses and their reports."""
    tag = "cbburst%dx%d" % (os.getpid(), round_no)
    tool.slow_reader = True
    tool.start(tag)
    tool.out.slow = True
    res = subprocess.run([storm, "-t", str(seconds), "-j", str(jobs), "/bin/true", tag + "-b"],
                         check=True, capture_output=True, text=True).stdout.split()
    run = int(res[0])
    time.sleep(2)                     # the reader stays slow a while longer
    tool.out.slow = False             # then catches up
    wait_quiet(tool.out, tag + "-b-", run, 60)
    stderr = tool.stop()
    lines = tool.out.snapshot()
    captured = len({m.group(1) for _, l in lines
                    for m in [re.search(re.escape(tag) + r"-b-(\d+\.\d+)-", l)] if m})
    # A tool may say it twice, in its output and at exit on stderr
    # (corebpf does): each place is a full account, so take the larger.
    said = []
    for texts in ([l for _, l in lines], stderr.splitlines()):
        said.append(sum(int(next(g for g in m.groups() if g))
                        for text in texts for m in LOST_RE.finditer(text)))
    return {"run": run, "captured": captured, "reported": max(said)}


class OwnCgroup:
    """The benchmark itself, and so what it starts, in a cgroup of its own
    for a while: execsnoop -c then sees our execs only, and its count of
    lost events can be compared with ours exactly."""

    def __init__(self, root):
        self.root = root
        self.path = "%s/corebpf-bench-%d" % (root, os.getpid())

    def __enter__(self):
        with open("/proc/self/cgroup") as f:
            self.home = self.root + next(l for l in f if l.startswith("0::"))[3:].strip()
        os.mkdir(self.path)
        with open(self.path + "/cgroup.procs", "w") as f:
            f.write(str(os.getpid()))
        return self.path

    def __exit__(self, *exc):
        with open(self.home + "/cgroup.procs", "w") as f:
            f.write(str(os.getpid()))
        os.rmdir(self.path)


def find_libbpf_tools():
    path = "/usr/sbin/execsnoop"
    if not os.path.exists(path):
        return None
    v = subprocess.run([path, "--version"], capture_output=True, text=True)
    if "corebpf" in v.stdout:
        return None               # that is corebpf's package, not bcc's
    return path


def versions(execsnoop):
    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) // 1024 // 1024
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "kernel": platform.release(),
        "machine": "%s, %d CPUs, %d GiB" % (cpu, os.cpu_count(), mem),
        "corebpf": out([execsnoop, "--version"]).splitlines()[0],
        "libbpf-tools": out(["dpkg-query", "-W", "-f", "${Version}", "libbpf-tools"]),
        "bpftrace": out(["bpftrace", "--version"]),
        "auditd": out(["dpkg-query", "-W", "-f", "${Version}", "auditd"]) or "-",
    }


def fmt(x, spec):
    return "-" if x is None or x != x else format(x, spec)


SMALL = "corebpf execsnoop, 256K buffer"
COREBPF = ("corebpf execsnoop", "corebpf execsnoop -e", "corebpf execsnoop -j -e")
REF = "libbpf-tools execsnoop"
AUDITD = "auditd"
STORM_TARGET = 2.0          # % slower than no tracer, corebpf execsnoop -j -e


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--execsnoop", required=True)
    ap.add_argument("--storm", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--count", type=int, default=3000, help="execs per storm")
    ap.add_argument("--burst-seconds", type=int, default=4)
    ap.add_argument("--burst-jobs", type=int, default=4)
    ap.add_argument("--audit-state", default="/run/corebpf-bench-audit.json",
                    help="where the auditd peer records what it changed, for "
                    "auditd_peer.py --restore")
    ap.add_argument("--write", help="write the results as Markdown to this file")
    ap.add_argument("--smoke", action="store_true",
                    help="a short run that only checks that the benchmark works (CI): "
                    "missed targets do not fail it")
    return ap.parse_args()


def make_tools(args, notes):
    """The tracers to compare, corebpf's first; `notes` gets the peers left out."""
    tools = [Tool(COREBPF[0], [args.execsnoop]),
             Tool(COREBPF[1], [args.execsnoop, "-e"]),
             Tool(COREBPF[2], [args.execsnoop, "-j", "-e"])]
    libbpf_tools = find_libbpf_tools()
    if libbpf_tools:
        tools.append(Tool(REF, [libbpf_tools]))
    else:
        notes.append("libbpf-tools execsnoop: not found (/usr/sbin/execsnoop)")
    bpftrace = shutil.which("bpftrace")
    if bpftrace and os.path.exists("/usr/sbin/execsnoop.bt"):
        tools.append(Tool("bpftrace execsnoop.bt", [bpftrace, "/usr/sbin/execsnoop.bt"]))
    else:
        notes.append("bpftrace execsnoop.bt: not found")
    try:
        auditd_peer.Auditd.check()
        tools.append(AuditdTool(AUDITD, args.audit_state))
    except auditd_peer.Unavailable as e:
        notes.append("auditd: skipped, %s" % e)
    return tools


def run_storms(tools, args):
    """Interleaved rounds, in a rotating order so that drift hits every
    tool, each storm under a tool paired with one under none, which goes
    first in turns."""
    results = {t.name: [] for t in tools}
    for rnd in range(args.rounds):
        order = tools[rnd % len(tools):] + tools[:rnd % len(tools)]
        for i, t in enumerate(order):
            r = measure(t, args.storm, args.count, rnd, (rnd + i) % 2 == 0)
            results[t.name].append(r)
            print("round %d %-24s %s" % (rnd + 1, t.name, " ".join(
                "%s=%s" % (k, fmt(v, ".3g") if isinstance(v, float) else v)
                for k, v in r.items() if k != "stderr")), flush=True)
    return results


def run_bursts(tools, args):
    """The burst with a slow reader, for the tools that have a reader (not
    auditd, which writes a file)."""
    # where cgroup v2 is mounted: /sys/fs/cgroup, or .../unified on hybrid systems
    with open("/proc/mounts") as f:
        cgroup2 = next((l.split()[1] for l in f if l.split()[2] == "cgroup2"), None)
    bursts = {t.name: [] for t in tools if not isinstance(t, AuditdTool)}
    for rnd in range(max(1, args.rounds // 2)):
        for t in [t for t in tools if not isinstance(t, AuditdTool)]:
            b = burst(t, args.storm, args.burst_seconds, args.burst_jobs, rnd)
            bursts[t.name].append(b)
            print("burst %d %-24s %s" % (rnd + 1, t.name, b), flush=True)
        # A buffer too small for the burst: losses happen, and must be
        # counted exactly (-c: only the benchmark's own execs).
        if cgroup2:
            with OwnCgroup(cgroup2) as cg:
                t = Tool(SMALL, [args.execsnoop, "--buffer-size", "256K", "-c", cg])
                b = burst(t, args.storm, args.burst_seconds, args.burst_jobs, rnd)
            bursts.setdefault(SMALL, []).append(b)
            print("burst %d %-24s %s" % (rnd + 1, SMALL, b), flush=True)
    return bursts


class Medians:
    def __init__(self, results):
        self.results = results

    def __call__(self, name, key):
        rs = self.results.get(name)
        if not rs or rs[0].get(key) is None:
            return None
        return statistics.median(r[key] for r in rs)

    def ratio(self, name, ref, key):
        a, b = self(name, key), self(ref, key)
        return None if a is None or b is None or b <= 0 else a / b

    def base_rate(self):
        return statistics.median(r["base_rate"] for rs in self.results.values() for r in rs)


def storm_tables(tools, results):
    med = Medians(results)
    rows, slow_rows = [], []
    for t in tools:
        n, rs = t.name, results[t.name]
        us = lambda key: None if med(n, key) is None else med(n, key) / 1000
        rows.append([
            n, fmt(us("bpf_ns"), ".2f") if med(n, "bpf_ns") is not None else "n/a",
            fmt(med.ratio(n, REF, "bpf_ns"), ".3f"),
            "%d/%d" % (sum(r["captured"] for r in rs), sum(r["run"] for r in rs)),
            fmt(us("cpu_ns"), ".2f"), fmt(med.ratio(n, REF, "cpu_ns"), ".3f"),
            fmt(med.ratio(n, AUDITD, "cpu_ns"), ".3f"),
            fmt(med(n, "ready_ms"), ".0f"), fmt(med(n, "lat_p50"), ".1f"),
            fmt(med(n, "lat_p99"), ".1f"), fmt(med(n, "rss_kib") / 1024, ".1f"),
        ])
        pcts = [r["slowdown_pct"] for r in rs]
        slow_rows.append([
            n, fmt(med(n, "rate"), ".0f"), fmt(med(n, "slowdown_pct"), "+.1f"),
            "%+.1f .. %+.1f" % (min(pcts), max(pcts)),
            fmt(med.ratio(n, REF, "slowdown_pct"), ".2f"),
            fmt(med.ratio(n, AUDITD, "slowdown_pct"), ".2f"),
        ])
    head = ["tool", "BPF µs/exec", "× libbpf-tools", "captured", "CPU µs/event",
            "× libbpf-tools", "× auditd", "ready ms", "latency p50 ms", "latency p99 ms",
            "peak RSS MiB"]
    slow_head = ["tool", "execs/s", "% slower than no tracer", "rounds (min .. max)",
                 "× libbpf-tools' slowdown", "× auditd's slowdown"]
    return (head, rows), (slow_head, slow_rows)


def burst_table(bursts):
    rows = []
    for n, bs in bursts.items():
        run = sum(b["run"] for b in bs)
        captured = sum(b["captured"] for b in bs)
        reported = sum(b["reported"] for b in bs)
        lost = run - captured
        rows.append([n, str(run), str(captured), str(lost), str(reported),
                     "yes" if lost == 0 or reported > 0 else "no",
                     "yes" if reported == lost else "no"])
    return ["tool", "execs run", "captured", "lost", "losses reported", "said so",
            "reported = lost"], rows


def targets(results, bursts):
    """The issue's targets, against libbpf-tools in this same run."""
    med = Medians(results)
    if REF not in results:
        return [("libbpf-tools execsnoop found, to compare with", False)]
    checks = []
    for n in COREBPF:
        checks += [
            ("%s: BPF time per exec <= 0.1x libbpf-tools" % n,
             med(n, "bpf_ns") <= 0.1 * med(REF, "bpf_ns")),
            ("%s: every exec of the storm captured" % n,
             all(r["captured"] == r["run"] for r in results[n])),
            ("%s: own CPU per event <= 0.5x libbpf-tools" % n,
             med(n, "cpu_ns") <= 0.5 * med(REF, "cpu_ns")),
            ("%s: ready no slower than libbpf-tools" % n,
             med(n, "ready_ms") <= med(REF, "ready_ms")),
            ("%s: output latency p99 < 200 ms" % n, med(n, "lat_p99") < 200),
        ]
    checks.append(("%s: storm at most %g%% slower than no tracer" % (COREBPF[2], STORM_TARGET),
                   med(COREBPF[2], "slowdown_pct") <= STORM_TARGET))
    for n in COREBPF:
        checks.append(("%s: burst, none lost or every loss counted" % n,
                       all(b["captured"] + b["reported"] == b["run"] for b in bursts[n])))
    if SMALL in bursts:
        checks.append(("%s: burst, events lost (in a round at least) and every loss "
                       "counted exactly" % SMALL,
                       any(b["captured"] < b["run"] for b in bursts[SMALL]) and
                       all(b["captured"] + b["reported"] == b["run"] for b in bursts[SMALL])))
    return checks


def table(h, rs):
    lines = ["| " + " | ".join(h) + " |", "|" + "---|" * len(h)]
    lines += ["| " + " | ".join(r) + " |" for r in rs]
    return "\n".join(lines)


def render(args, tools, results, bursts, notes):
    v = versions(args.execsnoop)
    (head, rows), (slow_head, slow_rows) = storm_tables(tools, results)
    bhead, brows = burst_table(bursts)
    audit = next((t for t in tools if isinstance(t, AuditdTool)), None)
    return "\n".join([
        "# corebpf benchmark results",
        "",
        "- date: %s" % v["date"],
        "- kernel: %s" % v["kernel"],
        "- machine: %s" % v["machine"],
        "- tools: %s; libbpf-tools %s; %s; auditd %s" % (
            v["corebpf"], v["libbpf-tools"], v["bpftrace"], v["auditd"]),
        "- load: %d rounds, interleaved in a rotating order, of %d execs (posix_spawn + wait "
        "of /bin/true); each storm under a tool paired with the same storm under none, "
        "which goes first in turns; medians; no tracer: %.0f execs/s" % (
            args.rounds, args.count, Medians(results).base_rate()),
        "- BPF µs/exec: run_time_ns (kernel.bpf_stats_enabled) of all the tool's programs "
        "(corebpf's exit program too, with -e) over the storm, per exec",
        "- CPU µs/event: the tool's own CPU (schedstat, all threads), from the storm's start "
        "until its output settled, per exec captured (with -e, an exec and its exit)",
        "- auditd: Debian's auditd.conf (log in a private directory on the same disk), "
        "-b 8192 --backlog_wait_time 60000 -f 1 as Debian's audit.rules, and "
        "`-a always,exit -F arch=b64 -S execve,execveat`; captured = the storm's EXECVE "
        "records in the log, latency = until a reader following the log read them; its CPU "
        "is auditd's plus the kauditd kernel thread's, while the records built in the "
        "execing processes themselves show only in the storm slowdown; no BPF (n/a); "
        "not in the burst (no reader to be slow)" if audit else
        "- auditd: not measured",
        "- burst: %d parallel spawners for %d s, the reader slow (1 KiB per 20 ms) during "
        "the burst and 2 s after; a peer's reported losses can include other "
        "processes' events; the 256K-buffer run traces the benchmark's own cgroup "
        "(-c), so its count of losses is comparable exactly" % (args.burst_jobs, args.burst_seconds),
    ] + ["- %s" % n for n in notes] + [
        "",
        "## Exec storm: the tools' costs",
        "",
        table(head, rows),
        "",
        "## Exec storm: slowdown",
        "",
        "The storm's time per exec under the tool over that of the paired storm with no "
        "tracer, minus one; the median over the rounds, and their spread.",
        "",
        table(slow_head, slow_rows),
        "",
        "## Burst with a slow reader",
        "",
        table(bhead, brows),
        "",
        "## Targets",
        "",
        "\n".join("- [%s] %s" % ("x" if ok else " ", what)
                  for what, ok in targets(results, bursts)),
        "",
    ])


def on_signal(signo, frame):
    # so that the finally clauses put back what the benchmark changed
    raise SystemExit(128 + signo)


def main():
    args = parse_args()
    if os.geteuid() != 0:
        sys.exit("bench: run as root (it loads BPF programs)")
    for signo in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signo, on_signal)
    notes = []
    tools = make_tools(args, notes)
    for n in notes:
        print("bench: " + n, flush=True)
    with open("/proc/sys/kernel/bpf_stats_enabled") as f:
        stats_before = f.read().strip()
    with open("/proc/sys/kernel/bpf_stats_enabled", "w") as f:
        f.write("1")
    try:
        results = run_storms(tools, args)
        bursts = run_bursts(tools, args)
    finally:
        auditd_peer.restore(args.audit_state)
        with open("/proc/sys/kernel/bpf_stats_enabled", "w") as f:
            f.write(stats_before)
    text = render(args, tools, results, bursts, notes)
    print()
    print(text)
    if args.write:
        with open(args.write, "w") as f:
            f.write(text)
    if args.smoke:
        return 0
    return 0 if all(ok for _, ok in targets(results, bursts)) else 1


if __name__ == "__main__":
    sys.exit(main())
