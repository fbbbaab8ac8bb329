#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Extract the kernel BTF (.BTF) from a Debian kernel image, for building
the BPF programs for another architecture (vmlinux.h) on this machine.

usage: extract-btf.py VMLINUZ OUTPUT

The image is decompressed (gzip, or an EFI zboot image with a gzip, zstd
or xz payload); the BTF blob is found by its header (magic 0xeB9F,
version 1) and cut at the length the header gives.  The longest candidate
that bpftool accepts is the kernel's (modules' BTF is not in the image).
"""
import gzip
import lzma
import struct
import subprocess
import sys
import tempfile


def decompress(data):
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    if data[4:8] == b"zimg":           # EFI zboot: payload offset, size, compression
        off, size = struct.unpack_from("<II", data, 8)
        comp = data[24:32].rstrip(b"\0").decode()
        payload = data[off:off + size]
        if comp == "gzip":
            return gzip.decompress(payload)
        if comp == "xz":
            return lzma.decompress(payload)
        if comp == "zstd":
            return subprocess.run(["zstd", "-dc"], input=payload, capture_output=True,
                                  check=True).stdout
        sys.exit("extract-btf: zboot payload compressed with %s" % comp)
    for magic, fn in ((b"\x1f\x8b\x08", gzip.decompress), (b"\xfd7zXZ", lzma.decompress)):
        i = data.find(magic)       # bzImage: the compressed kernel inside
        while i >= 0:
            try:
                return fn(data[i:])
            except Exception:
                i = data.find(magic, i + 1)
    return data


def main():
    image = decompress(open(sys.argv[1], "rb").read())
    best = None
    i = image.find(b"\x9f\xeb\x01\x00")
    while i >= 0:
        hdr_len, type_off, type_len, str_off, str_len = struct.unpack_from("<IIIII", image, i + 4)
        if hdr_len == 24 and type_off == 0 and str_off == type_len and 0 < str_len < (64 << 20):
            blob = image[i:i + hdr_len + str_off + str_len]
            if not best or len(blob) > len(best):
                with tempfile.NamedTemporaryFile() as t:
                    t.write(blob)
                    t.flush()
                    ok = subprocess.run(["bpftool", "btf", "dump", "file", t.name, "format", "raw"],
                                        capture_output=True).returncode == 0
                if ok:
                    best = blob
        i = image.find(b"\x9f\xeb\x01\x00", i + 1)
    if not best:
        sys.exit("extract-btf: no BTF found in %s" % sys.argv[1])
    open(sys.argv[2], "wb").write(best)
    print("extract-btf: %d bytes of BTF from %s" % (len(best), sys.argv[1]), file=sys.stderr)


if __name__ == "__main__":
    main()
