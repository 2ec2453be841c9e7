#!/usr/bin/env python3
"""Writes the starting inputs of one fuzz target into a folder.

    python3 fuzz/seed.py TARGET OUT_DIR

Seeds come from the shipped corpus (corpus/), the fixture corpora
(core/tests/fixtures/*/) and the hand-written samples below. The layout of a
`build_corpus` input (texts separated by TEXT_SEPARATOR, control bytes last) is described
in core/src/fuzzing.rs. Deterministic: the same tree gives the same seeds.
"""
import hashlib
import json
import random
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "corpus", *sorted(p for p in (ROOT / "core/tests/fixtures").iterdir() if (p / "stance.toml").is_file())]
TEXT_SEPARATOR = b"\x00\x1e"  # core/src/fuzzing.rs
BUILD_MAX = 64 * 1024  # the build_corpus target's -max_len (scripts/fuzz.sh)

QUERIES = [
    "", "cyber", "security", "cyber \"rules of the road\" speaker:krutskikh", "\"information security\" -war",
    "kind:answer", "topic:rules", "topic:\"", "year:..2018", "year:2018..2020 road", "year:2019..", "year:2020",
    "document:d2", "speaker:nobody road", "Krutskih", "OEWG", "ICT security", "кибер", "правила игры", "ёлка",
    "rul", "securty", "-", "- word", "\"unclosed", "speaker:", ":", "..", "year:9999..1", "year:abc",
    "a b c d e f g h i j k l m n o p", "é\u0301", "🙂 \u202e", "kind:quote kind:answer speaker:lavrov -\"x y\"",
]
URLS = [
    "", "#/", "#/timeline?q=cyber%20norms&lanes=speaker&from=2017-01-01&to=2018-12-31&sel=rt-2017-abcdef12",
    "#/compare?q=a%26b%3Dc%20%23d%20100%25%20%2Be%20%C3%BC&lanes=document&from=2019-03-01&to=2019-03-31"
    "&zoom=2018-01-01..2020-01-01&sel=s1&doc=doc-1&cmp=s2&cmp=lavrov:norms&topic=norms&actor=lavrov"
    "&corpus=https://example.org/c.json%3Fx%3D1",
    "?q=x&view=table#", "?view=reader&doc=x#/positions?topic=rules&actor=krutskikh", "#/TABLE", "#/nowhere?x=1&x=2",
    "#/timeline?from=2020-13-01&to=1999", "#/timeline?zoom=2020-01-01..2019-01-01", "#/timeline?zoom=..",
    "#/timeline?from=0000-01-01&to=9999-12-31", "#/reader?doc=%ZZ&sel=%E2%82", "#/compare?cmp=a&cmp=b&cmp=c&cmp=:",
    "#/timeline?q=+++&lanes=SPEAKER", "#/timeline?q=" + "%F0%9F%99%82" * 20, "#/?corpus=javascript:alert(1)",
    "#/timeline?from=2019-02&to=2019", "#/timeline?zoom=2019-02-30..2019-03-01",
]


def texts(corpus):
    meta = tomllib.loads((corpus / "stance.toml").read_text())
    out = {}
    for doc in meta.get("documents", []):
        path = corpus / doc["file"]
        if path.is_file():
            out[doc["file"]] = path.read_text()
    return meta, out


def seeds(target):
    rnd = random.Random(target)
    if target == "meta_toml":
        for c in CORPORA:
            yield (c / "stance.toml").read_bytes()
    elif target == "packed":
        for c in CORPORA:
            meta, t = texts(c)
            yield json.dumps({"kind": "stance-corpus", "version": 1, "meta": meta, "texts": t}, ensure_ascii=False).encode()
    elif target in ("build_corpus", "build_slow"):
        all_texts = [t.encode() for c in CORPORA for t in texts(c)[1].values()]
        for t in all_texts:
            yield t[:BUILD_MAX]
        for c in CORPORA:
            group = [t.encode()[: BUILD_MAX // 4] for t in texts(c)[1].values()][:3]
            for _ in range(3):
                control = bytes(rnd.randrange(256) for _ in range(256))
                yield TEXT_SEPARATOR.join(group + [control])
        # Adversarial shapes from issue 9, small: the slow target's repeats blow them up.
        for shape in ['"a" ', "“a” ", "«a» ", '"', "“", "a", "Question: ", "He said. "]:
            yield (shape * 200).encode() + TEXT_SEPARATOR + bytes(rnd.randrange(256) for _ in range(64))
    elif target == "query":
        for q in QUERIES:
            yield q.encode()
    elif target == "url_state":
        for u in URLS:
            yield u.encode()
    else:
        raise SystemExit(f"unknown target {target}")


def main():
    target, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for data in seeds(target):
        (out / ("seed-" + hashlib.sha1(data).hexdigest()[:16])).write_bytes(data)
        n += 1
    print(f"{target}: {n} seeds in {out}")


if __name__ == "__main__":
    main()
