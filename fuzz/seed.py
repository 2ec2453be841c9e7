#!/usr/bin/env python3
"""Writes the starting inputs of one fuzz target into a folder.

    python3 fuzz/seed.py TARGET OUT_DIR

Seeds come from the shipped corpus (corpus/), the fixture corpora
(core/tests/fixtures/*/), TimelineJS's own example files (node_modules, or the folder
$TIMELINEJS_TEMPLATES), our TimelineJS exports of the corpora (the `timelinejs_export`
example of stance-core, run with cargo) and the hand-written samples below. The layout of a
`build_corpus` input (texts separated by TEXT_SEPARATOR, control bytes last) is described
in core/src/fuzzing.rs. Deterministic: the same tree gives the same seeds.
"""
import hashlib
import json
import os
import random
import subprocess
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

TIMELINEJS_MAX = 60 * 1024  # under the timelinejs target's -max_len (scripts/fuzz.sh)
TIMELINEJS_TEMPLATES = Path(os.environ.get("TIMELINEJS_TEMPLATES", ROOT / "node_modules/@knight-lab/timelinejs/src/template"))
TIMELINES = [
    # The shapes core/src/interchange/timelinejs.rs reads and refuses.
    {"title": {"text": {"headline": "Cyber <i>talks</i>", "text": "<p>Who said what</p>"}}, "events": [
        {"start_date": {"year": "2017", "month": "7", "day": "27"}, "text": {"headline": "Interview", "text": "<p>Rules &amp; norms matter.</p><p>Second paragraph.</p>"}, "group": "Norms", "unique_id": "int-1"},
        {"start_date": {"year": 2018}, "text": {"headline": "Summit held"}, "group": "Diplomacy"},
        {"start_date": {"year": "-13800000000"}, "text": {"headline": "Big Bang", "text": "x"}},
        {"text": {"headline": "No date", "text": "y"}},
        {"start_date": {"year": 2019, "month": 2, "day": 30}, "text": {"headline": "Bad day", "text": "z"}},
        {"start_date": {"year": 2020, "month": 3}, "text": {"headline": "", "text": "<script>window.x=1</script><b onmouseover=alert(1)>Bold</b> words"}, "group": "Norms"},
        {"start_date": {"year": 2021}, "text": {}}],
     "eras": [{"start_date": {"year": 2017}, "end_date": {"year": 2018}, "text": {"headline": "Era"}}], "scale": "human"},
    {"events": [
        {"start_date": {"year": [1]}, "text": {"text": "a"}}, {"start_date": {"year": 2000.5}, "text": {"text": "b"}},
        {"start_date": {"year": 2000, "month": "March"}, "text": {"text": "c"}}, {"start_date": {"year": 1e300}, "text": {"text": "e"}},
        {"start_date": {"year": "2001", "month": "", "day": ""}, "text": {"headline": 5, "text": "f"}, "group": 7, "unique_id": {"a": 1}},
        {"start_date": {"year": 4, "month": 2, "day": 29}, "text": {"headline": "Same id", "text": "g"}, "unique_id": "x", "group": "x"},
        {"start_date": {"year": 9999, "month": 12, "day": 31}, "text": {"headline": "Same id", "text": "h"}, "unique_id": "X", "group": "X"},
        {"start_date": {"year": 2001}, "text": {"text": "<p>«Мы», — сказал он. “Quoted,” he said.</p>\n\n<ul><li>one<li>two</ul>"}, "group": "<b>Группа</b>"},
        {"start_date": {"year": 2001}, "text": {"text": "&#x10FFFF; &#0; &#xD800; &unknown; &amp &lt;script&gt; <!-- <p> --> <style>p{}</style>tail"}},
        {"start_date": {"year": 2001}, "text": {"headline": "\u202eevil", "text": "<a href=\"javascript:alert(1)\">link</a> Q: A: Question: x"}}],
     "scale": "cosmological"},
    {"events": []}, {"events": 3}, {"title": {}}, {"kind": "stance-corpus", "events": []}, [], "events", None,
]
HOST_MESSAGES = [
    {"stance": 1, "type": "set-query", "query": "cyber norms"}, {"stance": 1, "type": "set-query", "query": ""},
    {"stance": 1, "type": "set-query", "query": "speaker:krutskikh year:2017..2019 -\"x y\" 🙂\u202e"},
    {"stance": 1, "type": "set-query", "query": "q" * 1001}, {"stance": 1, "type": "set-query", "query": 5},
    {"stance": 1, "type": "select", "statement": "rt-2017-1a"}, {"stance": 1, "type": "select", "statement": None},
    {"stance": 1, "type": "select"}, {"stance": 1, "type": "select", "statement": ""}, {"stance": 1, "type": "select", "statement": "a\u0000b"},
    {"stance": 1, "type": "select", "statement": "x" * 201}, {"stance": 1, "type": "select", "statement": ["id"]},
    {"stance": 1, "type": "set-window", "from": "2017", "to": "2018-06-30"}, {"stance": 1, "type": "set-window"},
    {"stance": 1, "type": "set-window", "from": None, "to": "2019-02"}, {"stance": 1, "type": "set-window", "from": "2019-02-29"},
    {"stance": 1, "type": "set-window", "from": "0000"}, {"stance": 1, "type": "set-window", "from": " 2017 "},
    {"stance": 1, "type": "set-window", "from": "2017-01-01T00:00"}, {"stance": 1, "type": "set-window", "to": 2017},
    {"stance": 1, "type": "set-theme", "theme": "dark"}, {"stance": 1, "type": "set-theme", "theme": "auto"},
    {"stance": 1, "type": "set-theme", "theme": "pink"}, {"stance": 1, "type": "set-theme", "theme": 1},
    {"stance": 2, "type": "set-query", "query": "x"}, {"stance": "1", "type": "set-query", "query": "x"},
    {"stance": 1.0, "type": "set-theme", "theme": "light"}, {"stance": -1}, {"stance": 1e30}, {"stance": 1},
    {"stance": 1, "type": "eval", "code": "alert(1)"}, {"stance": 1, "type": "é" * 100}, {"type": "set-query", "query": "x"},
    {"stance": 1, "type": "set-query", "query": "x", **{f"k{i}": i for i in range(14)}},
    {"stance": 1, "type": "set-query", "query": "x", **{f"k{i}": i for i in range(15)}},
    {"stance": 1, "type": "select", "statement": {"id": "x"}, "nested": [[[[{"a": [1, 2.5, True, None]}]]]]},
    "set-query", None, 1, [], [{"stance": 1, "type": "set-theme", "theme": "dark"}], "",
]
EMBED_FRAGMENTS = [
    "#/timeline?embed=1&q=cyber%20norms&controls=search&theme=dark&eid=a-1&host=https%3A%2F%2Fnews.example&sel=x",
    "#/quote?sel=rt-1", "#/QUOTE?embed=0&sel=a", "#//quote", "#/table?q=x", "#/positions?embed=yes&topic=rules&actor=krutskikh",
    "#/?embed=1&controls=all&theme=pink&eid=%3Cscript%3E&host=javascript:alert(1)", "#/timeline?embed&embed=1&embed=no",
    "#/timeline?embed=1&eid=" + "a" * 65, "#/timeline?embed=1&eid=&host=&theme=&controls=", "#/timeline?embed=1&host=http://[::1]:8080/",
    "#/timeline?embed=1&host=null", "#/timeline?embed=1&host=%ZZ&eid=%E2%82", "##/timeline?embed=1", "#?embed=1&&&=&",
    "?corpus=https://example.org/c.json#/quote?embed=1&sel=s1&q=%22a%22%20%3Cb%3E",
    "https://news.example\n#/timeline?embed=1&host=https://news.example/", "null\n#/timeline?embed=1&host=null",
    "HTTPS://NEWS.EXAMPLE\n#/table?embed=1&host=https://news.example&from=2017-01&to=2018",
]


def timelinejs_exports():
    """Our own TimelineJS export of each corpus, cut into files under TIMELINEJS_MAX."""
    for c in CORPORA:
        run = subprocess.run(["cargo", "run", "-q", "-p", "stance-core", "--example", "timelinejs_export", "--", str(c)],
                             cwd=ROOT, capture_output=True)
        if run.returncode != 0:
            print(f"timelinejs: no export of {c.name}: {run.stderr.decode(errors='replace')[-300:]}", file=sys.stderr)
            continue
        data = json.loads(run.stdout)
        events, chunk = data["events"], []
        for e in events + [None]:
            if e is not None:
                chunk.append(e)
            encoded = json.dumps({**data, "events": chunk}, ensure_ascii=False).encode()
            if e is None or len(encoded) > TIMELINEJS_MAX // 2:
                yield encoded[:TIMELINEJS_MAX]
                chunk = []


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
    elif target == "timelinejs":
        if TIMELINEJS_TEMPLATES.is_dir():
            for f in sorted(TIMELINEJS_TEMPLATES.glob("*.json")):
                yield f.read_bytes()[:TIMELINEJS_MAX]
        else:
            print(f"timelinejs: no TimelineJS examples in {TIMELINEJS_TEMPLATES} (run scripts/setup.sh or set TIMELINEJS_TEMPLATES)", file=sys.stderr)
        yield from timelinejs_exports()
        for t in TIMELINES:
            yield json.dumps(t, ensure_ascii=False).encode()
        # A packed corpus takes the other branch of the app's reader.
        meta, t = texts(CORPORA[-1])
        yield json.dumps({"kind": "stance-corpus", "version": 1, "meta": meta, "texts": t}, ensure_ascii=False).encode()[:TIMELINEJS_MAX]
    elif target == "host_message":
        for m in HOST_MESSAGES:
            yield json.dumps(m, ensure_ascii=False).encode()
        for f in EMBED_FRAGMENTS + [u + ("&" if "?" in u else "?") + "embed=1" for u in URLS if u.startswith("#")]:
            yield f.encode()
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
