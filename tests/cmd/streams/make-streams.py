#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write the recorded health monitor event streams that tests/cmd replays.

Each file is a sequence of 64-byte struct xfs_health_monitor_event records
(reference B.1), little-endian like the x86-64 and arm64 hosts the tests run
on.  The output is deterministic, so the checked-in .bin files can be
compared with a fresh run:

    tests/cmd/streams/make-streams.py [OUTDIR]    (default: this directory)

Files:
  all-kinds.bin        every domain x type the kernel sends, one event each,
                       then unknown domain/type/bits; running first, unmount
                       last
  upstream-sample.bin  the events behind reference E.4's real xfs_io output,
                       in that order
  truncated.bin        three records, then 10 stray bytes
  lost.bin             running, 32 events lost, a few health events, unmount
  hook-burst.bin       running, one AG sick 4 times, an inode corrupt twice,
                       12 other inodes sick (no unmount: hook-later.bin
                       follows; tests/cmd/t049-healthd-hooks)
  hook-later.bin       that AG and another inode sick again, unmount
"""

import os
import re
import struct
import sys

ABI = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   "../../../include/xfs_health_abi.h")


def abi_values(prefix):
    """{NAME: value} of every '#define <prefix>NAME (N)' in the ABI header."""
    pat = re.compile(r"^#define\s+" + prefix + r"(\w+)\s+\(?(\d+)\)?")
    with open(ABI) as f:
        found = (pat.match(line) for line in f)
        return {m.group(1): int(m.group(2)) for m in found if m}


# The domain and type numbers, read from the header the programs use.
DOMAINS = abi_values("XFS_HEALTH_MONITOR_DOMAIN_")
TYPES = abi_values("XFS_HEALTH_MONITOR_TYPE_")
globals().update(DOMAINS)
globals().update(TYPES)

EIO, ENOSPC, ENODATA = 5, 28, 61

RECORD = 64
PAYLOAD = 32
T0 = 1767225600000000000  # 2026-01-01T00:00:00Z; event i is at T0 + i ns


def record(domain, typ, time_ns, payload=b""):
    """One record: header, the payload padded to 32 bytes, zero pad."""
    assert len(payload) <= PAYLOAD
    rec = struct.pack("<IIQ", domain, typ, time_ns)
    rec += payload.ljust(PAYLOAD, b"\0") + bytes(16)
    assert len(rec) == RECORD
    return rec


def running():
    return (MOUNT, RUNNING, b"")


def lost(count):
    return (MOUNT, LOST, struct.pack("<Q", count))


def unmount():
    return (MOUNT, UNMOUNT, b"")


def shutdown(reasons):
    return (MOUNT, SHUTDOWN, struct.pack("<I", reasons))


def fs(typ, mask):
    return (FS, typ, struct.pack("<I", mask))


def group(domain, typ, mask, gno):
    return (domain, typ, struct.pack("<II", mask, gno))


def inode(typ, mask, ino, gen):
    return (INODE, typ, struct.pack("<IIQ", mask, gen, ino))


def media(domain, daddr, bbcount, typ=MEDIA_ERROR):
    return (domain, typ, struct.pack("<QQ", daddr, bbcount))


def filerange(typ, ino, gen, pos, length, error):
    return (FILERANGE, typ, struct.pack("<QQQII", pos, length, ino, gen,
                                        error))


def stream(events):
    return b"".join(record(d, t, T0 + i, p)
                    for i, (d, t, p) in enumerate(events))


def all_kinds():
    return stream([
        running(),
        lost(5),
        shutdown(0x3f),
        fs(SICK, 0x1), fs(CORRUPT, 0x3fe), fs(HEALTHY, 0x40),
        group(AG, SICK, 0x110, 3), group(AG, CORRUPT, 0x7ff, 0),
        group(AG, HEALTHY, 0x400, 0xffffffff),
        inode(SICK, 0x1ff, 133, 0xdeadbeef), inode(CORRUPT, 0x10, 128, 1),
        inode(HEALTHY, 0x2, 18446744073709551615, 0),
        group(RTGROUP, SICK, 0x2, 0), group(RTGROUP, CORRUPT, 0x1f, 7),
        group(RTGROUP, HEALTHY, 0x6, 1),
        media(DATADEV, 0x13, 0x5), media(RTDEV, 0x1000, 0x800),
        media(LOGDEV, 0x20, 0x1),
        filerange(BUFREAD, 131, 2, 4096, 4096, EIO),
        filerange(BUFWRITE, 131, 2, 0, 65536, ENOSPC),
        filerange(DIOREAD, 132, 3, 8192, 512, ENODATA),
        filerange(DIOWRITE, 132, 3, 8192, 512, 0),
        filerange(DATALOST, 133, 4, 12288, 4096, 0),
        # What xfs_io prints nothing for, or "unknown value".
        (99, SICK, struct.pack("<I", 1)),
        (MOUNT, 9, b""),
        fs(MEDIA_ERROR, 0x1),
        filerange(SICK, 134, 5, 0, 1, EIO),
        media(DATADEV, 0x8, 0x8, typ=SICK),
        # Bits no table names, alone and with named ones.
        inode(SICK, 0x8012, 131, 0xdeadbeef),
        group(AG, SICK, 0x80000000, 1),
        shutdown(0x41),
        unmount(),
    ])


def upstream_sample():
    return stream([
        running(),
        lost(32),
        fs(SICK, 0x3),
        fs(HEALTHY, 0x300),
        group(AG, CORRUPT, 0x110, 5),
        group(AG, SICK, 0x401, 0),
        group(RTGROUP, SICK, 0x2, 5),
        inode(HEALTHY, 0x2, 13, 3),
        inode(SICK, 0x8012, 131, 0xdeadbeef),
        shutdown(0x14),
        media(DATADEV, 0x13, 0x5),
        media(RTDEV, 0x1000, 0x8),
        media(LOGDEV, 0x20, 0x1),
        filerange(BUFREAD, 13, 3, 4096, 4096, EIO),
        filerange(BUFWRITE, 13, 3, 0, 65536, ENOSPC),
        filerange(DIOREAD, 14, 1, 8192, 512, EIO),
        filerange(DIOWRITE, 14, 1, 8192, 512, 0),
        filerange(DATALOST, 15, 2, 12288, 4096, 0),
        filerange(DATALOST, 15, 2, 12288, 4096, EIO),
        fs(MEDIA_ERROR, 0x1),
        unmount(),
    ])


def truncated():
    whole = stream([
        running(),
        fs(SICK, 0x1),
        group(AG, CORRUPT, 0x10, 2),
        inode(SICK, 0x2, 99, 1),
    ])
    return whole[:3 * RECORD + 10]


def lost_stream():
    return stream([
        running(),
        lost(32),
        group(AG, SICK, 0x10, 1),
        inode(CORRUPT, 0x2, 4242, 7),
        fs(HEALTHY, 0x1),
        unmount(),
    ])


def hook_burst():
    """One AG reported four times, an inode twice, twelve other inodes."""
    return stream([running()] +
                  [group(AG, SICK, 0x10, 1)] * 4 +
                  [inode(CORRUPT, 0x2, 4242, 7)] * 2 +
                  [inode(SICK, 0x1, 1000 + i, 1) for i in range(12)])


def hook_later():
    """After hook-burst.bin, once its rate limits have passed."""
    return stream([
        group(AG, SICK, 0x10, 1),
        inode(SICK, 0x1, 2000, 1),
        unmount(),
    ])


FILES = {
    "all-kinds.bin": all_kinds,
    "upstream-sample.bin": upstream_sample,
    "truncated.bin": truncated,
    "lost.bin": lost_stream,
    "hook-burst.bin": hook_burst,
    "hook-later.bin": hook_later,
}


def main(argv):
    if len(argv) > 2 or (len(argv) == 2 and argv[1].startswith("-")):
        print(f"usage: {argv[0]} [OUTDIR]", file=sys.stderr)
        return 4
    outdir = argv[1] if len(argv) == 2 else os.path.dirname(
        os.path.abspath(__file__))
    for name, make in FILES.items():
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(make())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
