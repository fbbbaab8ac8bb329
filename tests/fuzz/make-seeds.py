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


def exec_rec(pid, args, filename=b"/bin/true", comm=b"true", ret=0, flags=0, argslen=None):
    fname = filename + b"\0"
    data = b"".join(a + b"\0" for a in args)
    head = struct.pack("<BBHIIIIIiIQ16s", 1, flags, len(fname),
                       len(data) if argslen is None else argslen,
                       pid, pid, 1, 1000, ret, len(args), 1500000, comm)
    return head + fname + data


def exit_rec(pid, status, comm=b"sh", duration=1500000):
    return struct.pack("<BBHIIIIiQQ16s", 2, 0, 0, pid, pid, 1, 0, status, 1500000, duration, comm)


seeds = {
    "event": {
        "exec-plain": b"\x00" + exec_rec(1234, [b"ls", b"-l", b"/tmp"], b"/bin/ls", b"ls"),
        "exec-quote": b"\x01" + exec_rec(5, [b"sh", b"-c", b"echo 'hi'", b"", b"a=b"]),
        "exec-escapes": b"\x02" + exec_rec(6, [b"e\x1b[31m", b"\xff\xfe", b"\xe2\x80\xae", b"a\nb"],
                                          comm=b"e\x1b\xff"),
        "exec-truncated": b"\x40" + exec_rec(7, [b"cc", b"-c", b"fi"], flags=1)[:-1],
        "exec-failed": b"\x00" + exec_rec(8, [b"/nope", b"x"], b"/nope", b"bash", ret=-2),
        "exec-unreadable": b"\x01" + exec_rec(9, [], flags=4),
        "exit-code": b"\x02" + exit_rec(42, 3 << 8),
        "exit-signal": b"\x0e" + exit_rec(43, 0x80 | 11, b"crash"),
        "malformed": b"\x00" + exec_rec(1, [b"x"], argslen=70000),
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
}

for target, files in seeds.items():
    d = os.path.join(top, target)
    os.makedirs(d, exist_ok=True)
    for name, data in files.items():
        with open(os.path.join(d, "seed-" + name), "wb") as f:
            f.write(data)
print("seeds written to", top, file=sys.stderr)
