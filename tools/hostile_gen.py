#!/usr/bin/env python3
"""Writes the hostile shapes of issue 17 as files, to time the release binary on them.

    tools/hostile_gen.py SHAPE BYTES > file.txt
    tools/hostile_gen.py --time [--base BYTES] [--bin target/release/newsgraph] [SHAPE ...]

Shapes (the same as the generators in tests/hostile.rs, with the same seeds):
  longline  random words over a small vocabulary of titles, given names, surnames, cue
            verbs, quote marks and punctuation, with no newline (a scraped page)
  hub       N paragraphs '"...," said Tomas Hale. "...," said Ana Ruiz.' (one speaker
            with N statements: a node with N edges)
  pronoun   the same with 'said her.' for the second speaker
All names are invented. `--time` writes each shape at 1x/2x/4x/8x the base size (default
1 MB) to a temporary folder, runs `newsgraph extract` on each and prints the seconds.
"""

import os
import subprocess
import sys
import tempfile
import time

TITLES = ["President", "Minister", "Foreign Minister", "Prime Minister", "Mr.", "Mrs.",
          "Senator", "Ambassador"]
GIVEN = ["Tomas", "Ana", "Kalo", "Dora", "Mira", "Pavel"]
SURNAMES = ["Hale", "Ruiz", "Renvo", "Senqui", "Vartan", "Orlo"]
CUES = ["said", "told", "added", "warned", "stated", "according to", "says"]
QUOTES = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019"]
PUNCT = [",", ".", ";", ":", "\u2014", "(", ")", "?"]
WORDS = ["the", "talks", "would", "not", "we", "reporters", "on", "Monday"]


class Rng:
    """xorshift64, as in tests/hostile.rs."""

    def __init__(self, seed):
        self.x = seed

    def next(self):
        x = self.x
        x ^= (x << 13) & 0xFFFFFFFFFFFFFFFF
        x ^= x >> 7
        x ^= (x << 17) & 0xFFFFFFFFFFFFFFFF
        self.x = x
        return x

    def below(self, n):
        return self.next() % n


def longline(size):
    rng = Rng(0x2545F4914F6CDD1D)
    classes = [TITLES, GIVEN, SURNAMES, CUES, QUOTES, PUNCT, WORDS]
    out, n = [], 0
    while n < size:
        cls = classes[rng.below(len(classes))]
        w = cls[rng.below(len(cls))]
        out.append(w)
        n += len(w.encode()) + 1
    return " ".join(out)


def paragraphs(size, second):
    out, n, i = [], 0, 0
    while n < size:
        p = (f'"We will hold the line on item {i}," said Tomas Hale. '
             f'"The talks on item {i} are over," said {second}.\n\n')
        out.append(p)
        n += len(p.encode())
        i += 1
    return "".join(out)


SHAPES = {
    "longline": longline,
    "hub": lambda n: paragraphs(n, "Ana Ruiz"),
    "pronoun": lambda n: paragraphs(n, "her"),
}


def time_shapes(shapes, base, binary):
    tmp = tempfile.mkdtemp(prefix="hostile-gen-")
    for shape in shapes:
        row = []
        for k in (1, 2, 4, 8):
            path = os.path.join(tmp, f"{shape}-{k}.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(SHAPES[shape](k * base))
            t = time.perf_counter()
            r = subprocess.run([binary, "extract", "-q", path, "-o", path + ".json"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            dt = time.perf_counter() - t
            if r.returncode != 0:
                sys.exit(f"{shape} {k}x: exit {r.returncode}: {r.stderr.decode()}")
            row.append(dt)
            os.remove(path)
            os.remove(path + ".json")
        print(f"{shape:10} " + " ".join(f"{t:8.3f}s" for t in row)
              + f"   2x/1x {row[1] / row[0]:.2f}  4x/1x {row[2] / row[0]:.2f}"
              + f"  8x/1x {row[3] / row[0]:.2f}", flush=True)
    os.rmdir(tmp)


def main(argv):
    if argv and argv[0] == "--time":
        args = argv[1:]
        base, binary = 1_000_000, "target/release/newsgraph"
        while args and args[0].startswith("--"):
            if args[0] == "--base":
                base = int(args[1])
            elif args[0] == "--bin":
                binary = args[1]
            args = args[2:]
        print(f"base {base} bytes; 1x 2x 4x 8x")
        time_shapes(args or list(SHAPES), base, binary)
        return
    if len(argv) != 2 or argv[0] not in SHAPES:
        sys.exit(__doc__)
    sys.stdout.write(SHAPES[argv[0]](int(argv[1])))


if __name__ == "__main__":
    main(sys.argv[1:])
