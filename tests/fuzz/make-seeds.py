#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes the seed corpus of the fuzz targets (tests/fuzz/corpus/TARGET/).

The event seeds are ring-buffer records laid out as src/execsnoop.h
defines them, after one byte that picks the print options.  Run it again
after changing that layout; crash inputs found by fuzzing are added next to
the seeds by tests/fuzz/run and kept as regression tests.
"""
import os
import struct
import sys

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


# enum execsnoop_flags
F_ARGS_TRUNCATED, F_FILENAME_TRUNCATED, F_ARGS_UNREADABLE = 1 << 0, 1 << 1, 1 << 2
F_EXE_TRUNCATED, F_CWD_TRUNCATED, F_CGROUP_TRUNCATED = 1 << 3, 1 << 4, 1 << 5
F_EXE_DELETED, F_CWD_DELETED, F_CGROUP_PATH, F_EXE, F_CWD = 1 << 6, 1 << 7, 1 << 8, 1 << 9, 1 << 10
F_ENV_TRUNCATED, F_ENV_UNREADABLE = 1 << 11, 1 << 12
UNSET = 0xffffffff
# The first byte: bit 4 sets --env A,AB,PATH,LD_PRELOAD (and -j prints them).
ENV = 0x10


def ctx(uid=1000, auid=UNSET, session=UNSET, cgroup_id=1, pid=1, parent=0, tty=b""):
    """struct execsnoop_ctx"""
    return struct.pack("<IIIIIIQQIIQII64s", uid, uid, uid, uid, auid, session, cgroup_id,
                       86400123456789, pid, 1, 86390110000000 if parent else 0, parent,
                       2 if parent else 0, tty)


def path(*names):
    """A path as the BPF side sends it: components leaf first, each ended by a NUL."""
    return b"".join(n + b"\0" for n in reversed(names))


def exec_rec(pid, args, filename=b"/bin/true", comm=b"true", ret=0, flags=0, argslen=None,
             exe=b"", cwd=b"", cgroup=b"", env=b"", lens=None, context=None):
    """struct execsnoop_exec and what follows it; lens overrides the lengths."""
    fname = filename + b"\0"
    data = b"".join(a + b"\0" for a in args)
    n = dict(filename=len(fname), exe=len(exe), cwd=len(cwd), cgroup=len(cgroup),
             args=len(data) if argslen is None else argslen, env=len(env))
    n.update(lens or {})
    head = struct.pack("<BBHIHHHHIIIIIiQ16s", 1, 0, n["filename"], flags, n["exe"], n["cwd"],
                       n["cgroup"], 0, n["args"], n["env"], pid, pid, 1, ret, 1500000, comm)
    return head + (context or ctx(pid=pid)) + fname + exe + cwd + cgroup + data + env


def exit_rec(pid, status, comm=b"sh", duration=1500000, cgroup=b"", flags=0, context=None):
    head = struct.pack("<BBHIIIIiQQ16s", 2, 0, len(cgroup), flags, pid, pid, 1, status, 1500000,
                       duration, comm)
    return head + (context or ctx(uid=0, pid=pid)) + cgroup


ID = b"0123456789abcdef" * 4
POD = b"/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod6b8c3f0e_1d2a.slice/"

seeds = {
    "event": {
        "exec-plain": b"\x00" + exec_rec(1234, [b"ls", b"-l", b"/tmp"], b"/bin/ls", b"ls"),
        "exec-quote": b"\x01" + exec_rec(5, [b"sh", b"-c", b"echo 'hi'", b"", b"a=b"]),
        "exec-escapes": b"\x02" + exec_rec(6, [b"e\x1b[31m", b"\xff\xfe", b"\xe2\x80\xae", b"a\nb"],
                                          comm=b"e\x1b\xff"),
        "exec-truncated": b"\x40" + exec_rec(7, [b"cc", b"-c", b"fi"], flags=F_ARGS_TRUNCATED,
                                            argslen=8)[:-1],
        "exec-failed": b"\x00" + exec_rec(8, [b"/nope", b"x"], b"/nope", b"bash", ret=-2,
                                         flags=F_CWD, cwd=path(b"tmp")),
        "exec-unreadable": b"\x01" + exec_rec(9, [], flags=F_ARGS_UNREADABLE),
        "exit-code": b"\x02" + exit_rec(42, 3 << 8),
        "exit-signal": b"\x0e" + exit_rec(43, 0x80 | 11, b"crash"),
        "malformed": b"\x00" + exec_rec(1, [b"x"], argslen=70000),
        # regress-924413b40cde in today's layout (that file predates it)
        "exec-ret-int-min": b"\x00" + exec_rec(19, [b"/x"], b"/x", b"bash", ret=-2 ** 31),
        # the new fields
        "exec-context": b"\x00" + exec_rec(
            4242, [b"ls", b"-l"], b"/bin/ls", b"ls", flags=F_EXE | F_CWD | F_CGROUP_PATH,
            exe=path(b"usr", b"bin", b"ls"), cwd=path(b"home", b"alice"),
            cgroup=path(b"user.slice", b"user-1000.slice", b"session-3.scope"),
            context=ctx(auid=1000, session=3, pid=4242, parent=4100, tty=b"pts3")),
        "exec-root": b"\x00" + exec_rec(10, [b"x"], flags=F_EXE | F_CWD | F_CGROUP_PATH,
                                       context=ctx(pid=10, tty=b"ttyS0")),
        "exec-deleted": b"\x00" + exec_rec(
            11, [b"x"], b"/dev/fd/3", flags=F_EXE | F_EXE_DELETED | F_CWD | F_CWD_DELETED,
            exe=path(b"memfd:payload"), cwd=path(b"tmp", b"gone")),
        "exec-cut-paths": b"\x00" + exec_rec(
            12, [b"x"], flags=F_EXE | F_EXE_TRUNCATED | F_CWD | F_CWD_TRUNCATED | F_CGROUP_PATH
            | F_CGROUP_TRUNCATED, exe=path(b"b", b"c"), cwd=path(b"d")[:-1],
            cgroup=path(b"y", b"x.scope")),
        "exec-docker": b"\x00" + exec_rec(
            13, [b"x"], flags=F_CGROUP_PATH,
            cgroup=path(b"system.slice", b"docker-" + ID + b".scope")),
        "exec-hostile-paths": b"\x00" + exec_rec(
            14, [b"x"], flags=F_EXE | F_CWD | F_CGROUP_PATH,
            exe=path(b"tmp", b"a\nb\x1b[2J\xff", b"\xe2\x80\xae"),
            cwd=path(b"d\n\x1b]0;x\x07\xfe"), cgroup=path(b"c\xfd\n", b"x.service"),
            context=ctx(pid=14, tty=b"pts\x1b\xff")),
        "exec-env": bytes([ENV]) + exec_rec(
            15, [b"x"], env=b"ABC=1\0AB\0X=AB=3\0AB=2\0A=\0PATH=first\0PATH=second\0"
            b"LD_PRELOAD=\n\x1b[1m\xff\0LD_PRE"),
        "exec-env-cut": bytes([ENV]) + exec_rec(
            16, [b"x"], flags=F_ENV_TRUNCATED | F_ENV_UNREADABLE, env=b"PATH=/usr/b"),
        "exec-longest": bytes([ENV]) + exec_rec(
            17, [b"x"], flags=F_EXE | F_EXE_DELETED | F_CWD | F_CWD_DELETED | F_CGROUP_PATH,
            exe=b"a" * 4096, cwd=b"b\0" * 2048, cgroup=b"c" * 4096, env=b"A=" + b"v" * 32766),
        "exec-ids": b"\x00" + exec_rec(
            18, [b"x"],
            context=struct.pack("<IIIIIIQQIIQII64s", 0, 1, 2, 3, 0, 0, 2 ** 64 - 1,
                                2 ** 64 - 1, 2 ** 32 - 1, 2 ** 32 - 1, 0, 0, 0, b"p" * 64)),
        "exit-cgroup": b"\x02" + exit_rec(44, 0, cgroup=path(b"docker", ID), flags=F_CGROUP_PATH),
        "exit-cgroup-cut": b"\x02" + exit_rec(45, 9, cgroup=path(b"a", b"b\xff"),
                                             flags=F_CGROUP_PATH | F_CGROUP_TRUNCATED),
        "malformed-exe": b"\x00" + exec_rec(1, [b"x"], flags=F_EXE, exe=b"x\0",
                                           lens={"exe": 4097}),
        "malformed-cwd": b"\x00" + exec_rec(1, [b"x"], flags=F_CWD, cwd=b"x\0",
                                           lens={"cwd": 3}),
        "malformed-cgroup": b"\x00" + exec_rec(1, [b"x"], flags=F_CGROUP_PATH, cgroup=b"x\0",
                                              lens={"cgroup": 4097}),
        "malformed-env": bytes([ENV]) + exec_rec(1, [b"x"], env=b"A=1\0", lens={"env": 32769}),
        "malformed-exit": b"\x02" + exit_rec(1, 0, cgroup=b"x\0", flags=F_CGROUP_PATH)[:-1],
    },
    "escape": {
        "plain": b"plain text",
        "controls": b"a\nb\tc\rd\x1b[2J\x7f\\",
        "utf8": "café € 😀".encode(),
        "invalid": b"\xff\xfe\xc0\x80\xed\xa0\x80\xf4\x90\x80\x80\xc3",
        "format": "\u202eevil\u200b\u00ad\ufeff\U000e0001".encode(),
        "shell": b"it's $HOME `x` =ls if a=b",
    },
    "json": {
        "strings": b"plain\0q\"b\\\0\n\t\x01\0",
        "utf8": "café\0\u2028\u2029\0😀".encode(),
        "invalid": b"\xff\0\xc3\0\xed\xa0\x80",
        "empty": b"",
    },
    "cgroup": {
        "service": b"/system.slice/ssh.service",
        "session": b"/user.slice/user-1000.slice/session-3.scope",
        "user-unit": b"/user.slice/user-1000.slice/user@1000.service/app.slice/foo.scope",
        "delegated": b"//system.slice/_cpu.service/extra/",
        "instance": b"/system.slice/systemd-fsck@dev-disk-by\\x2duuid-1234.service",
        "docker": b"/system.slice/docker-" + ID + b".scope",
        "cri": POD + b"cri-containerd-" + ID + b".scope/sub",
        "crio-conmon": POD + b"crio-conmon-" + ID + b".scope",
        "cgroupfs": b"/docker/" + ID + b"/kubepods/burstable/pod1234/crio-" + ID[::-1],
        "libpod": b"/libpod_parent/libpod-" + ID + b"\0/libpod-" + ID + b".scope.bak",
        "hostile": b"/a.service\n/b\0c.scope/@x.service/x@.service/.scope/docker-.scope",
    },
}

for target, files in seeds.items():
    d = os.path.join(top, target)
    os.makedirs(d, exist_ok=True)
    for name, data in files.items():
        with open(os.path.join(d, "seed-" + name), "wb") as f:
            f.write(data)
print("seeds written to", top, file=sys.stderr)
