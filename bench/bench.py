#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""corebpf benchmark: execsnoop against the tools users would pick instead.

Runs corebpf's execsnoop (with and without --exits), bcc's libbpf-tools
execsnoop and bpftrace's execsnoop.bt in turn on the same exec storm
(posix_spawn + wait of /bin/true), interleaved over several rounds, and
reports medians and ratios: BPF run time per exec (kernel.bpf_stats_enabled),
execs captured, the tool's own CPU per event, time until ready, exec
throughput relative to no tool, output latency and peak RSS.  Then a burst:
parallel spawners with a slow reader, and how many events each tool lost
and whether it said so.

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
import threading
import time

NS = 1_000_000_000


def now_ns():
    return time.monotonic_ns()


class Output:
    """Reads a tool's stdout in a thread and timestamps each line."""

    def __init__(self, fd, slow=False):
        self.fd = fd
        self.slow = slow          # a reader that cannot keep up
        self.lines = []           # (receive time, text)
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        partial = b""
        while True:
            try:
                data = os.read(self.fd, 1024 if self.slow else 65536)
            except OSError:
                break
            if not data:
                break
            t = now_ns()
            lines = (partial + data).split(b"\n")
            partial = lines.pop()
            with self.lock:
                self.lines.extend((t, l.rstrip(b"\r").decode("utf-8", "replace")) for l in lines)
            if self.slow:
                time.sleep(0.02)

    def snapshot(self):
        with self.lock:
            return list(self.lines)

    def count(self, pattern):
        with self.lock:
            return sum(1 for _, l in self.lines if pattern in l)


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
        probes = {}
        n = 0
        while True:
            if self.proc.poll() is not None:
                self.err.seek(0)
                raise RuntimeError("%s exited: %s" % (self.name, self.err.read().decode()))
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


def measure(tool, storm, count, round_no):
    """One storm with one tool (or none); returns a dict of measurements."""
    tag = "cbb%dx%d" % (os.getpid(), round_no)
    r = {}
    if tool.argv is None:
        n, elapsed = run_storm(storm, count, tag)
        r["rate"] = n / (elapsed / NS)
        return r
    r["ready_ms"], r["first_line_ms"] = tool.start(tag)
    pid = tool.proc.pid
    time.sleep(0.2)
    cpu0, bpf0 = proc_cpu_ns(pid), bpf_run_time_ns(pid)
    n, elapsed = run_storm(storm, count, tag + "-s")
    r["rate"] = n / (elapsed / NS)
    captured = wait_quiet(tool.out, tag + "-s-", n, 30)
    # let the tool finish the events it had read, then read its costs
    time.sleep(0.3)
    cpu1, bpf1 = proc_cpu_ns(pid), bpf_run_time_ns(pid)
    r["rss_kib"] = peak_rss_kib(pid)
    stderr = tool.stop()
    r["bpf_ns"] = (bpf1 - bpf0) / n
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
    }


def fmt(x, spec):
    return "-" if x is None or x != x else format(x, spec)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--execsnoop", required=True)
    ap.add_argument("--storm", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--count", type=int, default=3000, help="execs per storm")
    ap.add_argument("--burst-seconds", type=int, default=4)
    ap.add_argument("--burst-jobs", type=int, default=4)
    ap.add_argument("--write", help="write the results as Markdown to this file")
    ap.add_argument("--smoke", action="store_true",
                    help="a short run that only checks that the benchmark works (CI): "
                    "missed targets do not fail it")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("bench: run as root (it loads BPF programs)")

    tools = [Tool("no tool", None),
             Tool("corebpf execsnoop", [args.execsnoop]),
             Tool("corebpf execsnoop -e", [args.execsnoop, "-e"])]
    libbpf_tools = find_libbpf_tools()
    if libbpf_tools:
        tools.append(Tool("libbpf-tools execsnoop", [libbpf_tools]))
    bpftrace = shutil.which("bpftrace")
    if bpftrace and os.path.exists("/usr/sbin/execsnoop.bt"):
        tools.append(Tool("bpftrace execsnoop.bt", [bpftrace, "/usr/sbin/execsnoop.bt"]))

    SMALL = "corebpf execsnoop, 256K buffer"
    # where cgroup v2 is mounted: /sys/fs/cgroup, or .../unified on hybrid systems
    with open("/proc/mounts") as f:
        cgroup2 = next((l.split()[1] for l in f if l.split()[2] == "cgroup2"), None)
    with open("/proc/sys/kernel/bpf_stats_enabled") as f:
        stats_before = f.read().strip()
    with open("/proc/sys/kernel/bpf_stats_enabled", "w") as f:
        f.write("1")
    results = {t.name: [] for t in tools}
    bursts = {t.name: [] for t in tools if t.argv}
    try:
        for rnd in range(args.rounds):
            # interleaved, in a rotating order, so drift hits every tool
            order = tools[rnd % len(tools):] + tools[:rnd % len(tools)]
            for t in order:
                r = measure(t, args.storm, args.count, rnd)
                results[t.name].append(r)
                print("round %d %-24s %s" % (rnd + 1, t.name, " ".join(
                    "%s=%s" % (k, fmt(v, ".3g") if isinstance(v, float) else v)
                    for k, v in r.items() if k != "stderr")), flush=True)
        for rnd in range(max(1, args.rounds // 2)):
            for t in [t for t in tools if t.argv]:
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
    finally:
        with open("/proc/sys/kernel/bpf_stats_enabled", "w") as f:
            f.write(stats_before)

    med = lambda name, key: statistics.median(r[key] for r in results[name]) \
        if results.get(name) and key in results[name][0] else None
    base_rate = med("no tool", "rate")
    ref = "libbpf-tools execsnoop" if libbpf_tools else None
    rows = []
    for t in tools:
        if not t.argv:
            continue
        n = t.name
        captured = sum(r["captured"] for r in results[n])
        run = sum(r["run"] for r in results[n])
        rows.append([
            n,
            fmt(med(n, "bpf_ns") / 1000, ".2f"),
            fmt(med(n, "bpf_ns") / med(ref, "bpf_ns"), ".3f") if ref else "-",
            "%d/%d" % (captured, run),
            fmt(med(n, "cpu_ns") / 1000, ".2f"),
            fmt(med(n, "cpu_ns") / med(ref, "cpu_ns"), ".3f") if ref else "-",
            fmt(med(n, "ready_ms"), ".0f"),
            fmt(100 * med(n, "rate") / base_rate, ".1f"),
            fmt(med(n, "lat_p50"), ".1f"),
            fmt(med(n, "lat_p99"), ".1f"),
            fmt(med(n, "rss_kib") / 1024, ".1f"),
        ])
    head = ["tool", "BPF µs/exec", "× libbpf-tools", "captured", "CPU µs/event",
            "× libbpf-tools", "ready ms", "throughput %", "latency p50 ms",
            "latency p99 ms", "peak RSS MiB"]
    burst_rows = []
    for n, bs in bursts.items():
        run = sum(b["run"] for b in bs)
        captured = sum(b["captured"] for b in bs)
        reported = sum(b["reported"] for b in bs)
        lost = run - captured
        burst_rows.append([n, str(run), str(captured), str(lost), str(reported),
                           "yes" if lost == 0 or reported > 0 else "no",
                           "yes" if reported == lost else "no"])
    bhead = ["tool", "execs run", "captured", "lost", "losses reported", "said so",
             "reported = lost"]

    # targets, against libbpf-tools in this same run
    checks = []
    if ref:
        for n in ("corebpf execsnoop", "corebpf execsnoop -e"):
            checks += [
                ("%s: BPF time per exec <= 0.1x libbpf-tools" % n,
                 med(n, "bpf_ns") <= 0.1 * med(ref, "bpf_ns")),
                ("%s: every exec of the storm captured" % n,
                 all(r["captured"] == r["run"] for r in results[n])),
                ("%s: own CPU per event <= 0.5x libbpf-tools" % n,
                 med(n, "cpu_ns") <= 0.5 * med(ref, "cpu_ns")),
                ("%s: ready no slower than libbpf-tools" % n,
                 med(n, "ready_ms") <= med(ref, "ready_ms")),
                ("%s: output latency p99 < 200 ms" % n, med(n, "lat_p99") < 200),
            ]
        for n in ("corebpf execsnoop", "corebpf execsnoop -e"):
            checks.append(("%s: burst, none lost or every loss counted" % n,
                           all(b["captured"] + b["reported"] == b["run"] for b in bursts[n])))
        if SMALL in bursts:
            checks.append(("%s: burst, events lost (in a round at least) and every loss "
                           "counted exactly" % SMALL,
                           any(b["captured"] < b["run"] for b in bursts[SMALL]) and
                           all(b["captured"] + b["reported"] == b["run"] for b in bursts[SMALL])))
    else:
        checks.append(("libbpf-tools execsnoop found, to compare with", False))

    def table(h, rs):
        lines = ["| " + " | ".join(h) + " |", "|" + "---|" * len(h)]
        lines += ["| " + " | ".join(r) + " |" for r in rs]
        return "\n".join(lines)

    v = versions(args.execsnoop)
    text = "\n".join([
        "# corebpf benchmark results",
        "",
        "- date: %s" % v["date"],
        "- kernel: %s" % v["kernel"],
        "- machine: %s" % v["machine"],
        "- tools: %s; libbpf-tools %s; %s" % (v["corebpf"], v["libbpf-tools"], v["bpftrace"]),
        "- load: %d rounds, interleaved, of %d execs (posix_spawn + wait of /bin/true); "
        "medians; no tool: %.0f execs/s" % (args.rounds, args.count, base_rate),
        "- burst: %d parallel spawners for %d s, the reader slow (1 KiB per 20 ms) during "
        "the burst and 2 s after; a peer's reported losses can include other "
        "processes' events; the 256K-buffer run traces the benchmark's own cgroup "
        "(-c), so its count of losses is comparable exactly" % (args.burst_jobs, args.burst_seconds),
        "",
        "## Exec storm",
        "",
        table(head, rows),
        "",
        "## Burst with a slow reader",
        "",
        table(bhead, burst_rows),
        "",
        "## Targets",
        "",
        "\n".join("- [%s] %s" % ("x" if ok else " ", what) for what, ok in checks),
        "",
    ])
    print()
    print(text)
    if args.write:
        with open(args.write, "w") as f:
            f.write(text)
    if args.smoke:
        return 0
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
