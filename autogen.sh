#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Generate configure and Makefile.in in a git checkout (tarballs ship them).
set -e
cd "$(dirname "$0")"
autoreconf --force --install --verbose
echo "Now run ./configure && make"
