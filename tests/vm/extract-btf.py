#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Extract the kernel BTF (.BTF) from a Debian kernel image, for building
the BPF programs for another architecture (vmlinux.h) on this machine.

usage: extract-btf.py VMLINUZ OUTPUT

The image is decompressed (a gzip'd arm64 Image, an x86 bzImage with a gzip,
xz, zstd or lz4 payload, or an EFI zboot image; zstd and lz4 need their
command-line tools); the BTF blob is found by its header (magic 0xeB9F,
version 1) and cut at the length the header gives; the first decompressed
stream holding BTF that bpftool accepts gives it (modules' BTF is not in the
image, so the largest blob in it is the kernel's).
"""
import lzma
import struct
import subprocess
import sys
import tempfile
import zlib


def inflate(kind, data):
    """Decompress one stream, ignoring what follows it."""
    if kind == "gzip":
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data)
    if kind == "xz":
        return lzma.LZMADecompressor().decompress(data)
    # zstd and lz4 (legacy frames, as kernels use): the command-line tools
    return subprocess.run([kind, "-dc"], input=data, capture_output=True).stdout


MAGICS = ((b"\x1f\x8b\x08", "gzip"), (b"\xfd7zXZ\x00", "xz"), (b"\x28\xb5\x2f\xfd", "zstd"),
          (b"\x02\x21\x4c\x18", "lz4"))


def candidates(data):
    """The image itself and every stream that decompresses out of it."""
    yield data
    if data[4:8] == b"zimg":           # EFI zboot: payload offset, size, compression
        off, size = struct.unpack_from("<II", data, 8)
        comp = data[24:32].rstrip(b"\0").decode()
        yield inflate({"gzip": "gzip", "xzkern": "xz", "zstd22": "zstd"}.get(comp, comp),
                      data[off:off + size])
        return
    # gzip'd arm64 Image, or the compressed kernel inside an x86 bzImage
    for magic, kind in MAGICS:
        i, tries = data.find(magic), 0
        while i >= 0 and tries < 64:
            tries += 1
            try:
                out = inflate(kind, data[i:])
            except Exception:
                out = b""
            if len(out) > 1 << 20:
                yield out
            i = data.find(magic, i + 1)


def find_btf(image, best):
    i = image.find(b"\x9f\xeb\x01\x00")
    while i >= 0:
        hdr_len, type_off, type_len, str_off, str_len = struct.unpack_from("<IIIII", image, i + 4)
        if hdr_len == 24 and type_off == 0 and str_off == type_len and 0 < str_len < (64 << 20):
            blob = image[i:i + hdr_len + str_off + str_len]
            if (not best or len(blob) > len(best)) and len(blob) <= len(image) - i:
                with tempfile.NamedTemporaryFile() as t:
                    t.write(blob)
                    t.flush()
                    ok = subprocess.run(["bpftool", "btf", "dump", "file", t.name, "format", "raw"],
                                        capture_output=True).returncode == 0
                if ok:
                    best = blob
        i = image.find(b"\x9f\xeb\x01\x00", i + 1)
    return best


def main():
    best = None
    for image in candidates(open(sys.argv[1], "rb").read()):
        best = find_btf(image, best)
        if best:
            break
    if not best:
        sys.exit("extract-btf: no BTF found in %s" % sys.argv[1])
    open(sys.argv[2], "wb").write(best)
    print("extract-btf: %d bytes of BTF from %s" % (len(best), sys.argv[1]), file=sys.stderr)


if __name__ == "__main__":
    main()
