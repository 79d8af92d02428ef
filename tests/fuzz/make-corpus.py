#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write the seed corpus of the fuzz targets (tests/fuzz/corpus/TARGET/).

Seeds are small, deterministic inputs in each target's format (see the
comment at the top of tests/fuzz/fuzz_TARGET.c); the event streams come from
tests/cmd/streams/.  Files other than seed-* (inputs a fuzzer found that once
failed, kept as regressions) are left alone.

    tests/fuzz/make-corpus.py
"""

import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
STREAMS = os.path.join(HERE, "..", "cmd", "streams")
RECORD = 64


def stream(name):
    with open(os.path.join(STREAMS, name + ".bin"), "rb") as f:
        return f.read()


def cstr(s):
    """A NUL-ended string; bytes stay as they are (not UTF-8 perhaps)."""
    return (s if isinstance(s, bytes) else s.encode()) + b"\0"


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def pieces(data, records=15):
    """The stream cut into parts of at most @records records."""
    n = records * RECORD
    return [data[i:i + n] for i in range(0, len(data), n)]


def event_seeds():
    # flags, mount point, path, chunk seed, small-buffer length, stop record
    plain = bytes([0]) + cstr("/mnt") + cstr("") + struct.pack("<IIB", 1, 30, 2)
    odd = (bytes([3]) + cstr(b"/mnt/sp ace\t\"q\"\xff") + cstr("/mnt/d/f\u00e9")
           + struct.pack("<IIB", 77, 5, 9))
    for name in ("all-kinds", "upstream-sample", "lost", "truncated"):
        for i, part in enumerate(pieces(stream(name))):
            write("event", f"{name}-{i}", plain + part)
    write("event", "odd-names", odd + stream("upstream-sample")[:4 * RECORD])


def replay_seeds():
    # flags, bufsize, count, types, domains, label, then the stream
    def head(flags, bufsize=0, count=0, types=0, domains=0, label=""):
        return (struct.pack("<BHBHH", flags, bufsize, count, types, domains)
                + cstr(label))
    for name in ("all-kinds", "upstream-sample", "lost", "truncated"):
        part = pieces(stream(name), 31)[0]
        write("replay", name, head(0) + part)
        write("replay", name + "-json", head(0x01) + part)
    write("replay", "bufsize-100", head(0x02, 100) + stream("lost"))
    write("replay", "count-3", head(0x04, 0, 3) + stream("upstream-sample"))
    write("replay", "filters", head(0x18, 0, 0, 0x38, 0x0e) +
          stream("all-kinds")[:31 * RECORD])
    write("replay", "label", head(0x21, 0, 0, 0, 0, "/srv/x y") +
          stream("lost"))


def cmdline_seeds():
    lines = {
        "help": "help\n",
        "help-each": "help healthmon\nhelp scrub\nhelp verify_media\n?\n",
        "unknown": "nosuchcommand\nhel\n",
        "print": "print\np\nfile\nfile 0\nf 9\n",
        "quit": "help\nquit\nhelp\n",
        "quit-args": "q now\nquit\n",
        "quote": "help 'healthmon'\n\"help\" \\\"x\nhelp 'unterminated\n",
        "argcount": "help a b\nprint x\nclose y\n",
        "open": "open /mnt\nopen -r -m 644 /dev/null\nprint\nfile 1\nclose\n",
        "scrub": "scrub\nscrub probe\nscrub bnobt 0\nscrub inode 128 0\n"
                 "scrub metapath rtbitmap 0\nscrub -a\nscrub -r sb 0\n",
        "repair": "repair agf 1\nrepair -R agf 0x10\n",
        "healthmon": "healthmon -j -n 3 -e sick,healthy -D ag,fs\n"
                     "healthmon -i /tmp/x -o out\nhealthmon -b 10\n",
        "health": "health -a 0 -g 1 -i 128 -f -j\nhealth -a x\n",
        "verify": "verify_media -b 1m -s 10 0 1g\nverifymedia -p 0\n"
                  "verify_media 1 2 3\n",
        "probe": "probe\nprobe -x\n",
    }
    for name, text in lines.items():
        # flags byte: 1 = expert mode, 2 = run like -c (once per file)
        write("cmdline", name, b"\x00" + text.encode())
    write("cmdline", "expert", b"\x01repair sb 0\nrepair -a -s\nhelp\n")
    write("cmdline", "each-file",
          b"\x03open /a\nopen /b\nscrub probe\nprobe\nclose\nprint\n")


def numbers_seeds():
    # selector, then the text
    seeds = {
        "size": (0, "4k"), "size-hex": (0, "0x1000s"), "size-block": (0, "7b"),
        "size-big": (0, "16e"), "size-bad": (0, "1kk"),
        "scrub": (1, "bnobt 3"), "scrub-inode": (1, "inode 128 7"),
        "scrub-metapath": (1, "metapath rtbitmap 2"),
        "scrub-bad": (1, "agf -1"),
        "autofsck": (2, "repair\0"), "autofsck-check": (2, "check"),
        "unit": (3, "xfs_scrub\0/mnt/a b/./c//"),
        "unit-root": (3, "xfs_healthd\0/"),
        "u64": (4, "0x7fffffff"), "u64-neg": (4, "-1"),
        "names": (5, "sick,corrupt,healthy"), "names-bad": (5, "fs,,nope"),
    }
    for name, (sel, text) in seeds.items():
        write("numbers", name, bytes([sel]) + text.encode())


def repair_seeds():
    # domain, mask, max, error, flags, outcome, key stride, mount, path,
    # key, message, then the pending-set operations
    def head(domain, mask, mx=8, error=0, flags=0, outcome=3, mnt="/mnt",
             path="", key="message", msg="hello", stride=0x100000001):
        return (struct.pack("<IIBiIBQ", domain, mask, mx, error, flags,
                            outcome, stride)
                + cstr(mnt) + cstr(path) + cstr(key) + cstr(msg))
    ops = bytes(range(0, 64, 3))
    write("repair", "fs", head(1, 0xffff) + ops)
    write("repair", "ag", head(2, 0x3ff, 4, 5, 0x4) + ops)
    write("repair", "inode", head(3, 0x1ff, 8, 0, 0x2, 0, "/mnt", "/mnt/f")
          + ops)
    write("repair", "rtgroup", head(4, 0x1f, 2, 117, 0x8, 1) + ops)
    write("repair", "unknown-domain", head(9, 0x80000000) + ops)
    write("repair", "odd-key", head(1, 1, 1, 0, 0, 2, b"/m\xffnt", "",
                                    "bad key", "x\ny") + ops)


def ranges_seeds():
    # bridge, scale (0 small, 1 wide), then ranges; small ones are a gap byte
    # (top bit: an absolute 16-bit start follows) and a length byte
    in_order = b"".join(bytes([9, 4]) for _ in range(40))
    write("ranges", "forty-in-order", bytes([0, 0]) + in_order + b"\x05\x01")
    back = bytes([0x80]) + struct.pack("<H", 100) + bytes([50])
    write("ranges", "out-of-order", bytes([2, 0]) + in_order + back
          + in_order[:20] + b"\x03\x00")
    write("ranges", "wide", bytes([255, 1])
          + struct.pack("<QQQQ", 1 << 60, (1 << 60) + 8, 5, 1 << 63))


def names_seeds():
    # flags (top bit: no line limit; else a limit from the rest), the mount
    # point up to a NUL, then the path
    def seed(flags, mnt, path):
        return bytes([flags]) + cstr(mnt) + (path if isinstance(path, bytes)
                                             else path.encode())
    write("names", "plain", seed(0x80, "/mnt", "/mnt/dir/file"))
    write("names", "forged-line",
          seed(0x80, "/mnt", "/mnt/x\n/mnt: filesystem unmounted\ny"))
    write("names", "escapes", seed(0x80, "/m\x1bnt", b"/mnt/\x1b[2K\r\x7f\\x41"))
    write("names", "bad-utf8", seed(0x80, b"/mnt\xff", b"/mnt/\xc3(\xed\xa0\x80"))
    write("names", "c1-bidi", seed(0x80, "/mnt",
                                   b"/mnt/\xc2\x9b\xe2\x80\xae\xe2\x80\xa8"))
    write("names", "too-long", seed(0x01, "/mnt", "/mnt/" + "\x01" * 4000))


if __name__ == "__main__":
    event_seeds()
    replay_seeds()
    cmdline_seeds()
    numbers_seeds()
    repair_seeds()
    ranges_seeds()
    names_seeds()
