#!/usr/bin/env python3
"""The numbers the README and docs quote about the example information planes, from run folders.

Usage: scripts/plane_numbers.py TABLE.md README.md NAME=RUN_FOLDER...

For every (example, estimator, layer) it reads I(X;T) from the folder's results.jsonl and writes, in
bits: the value at the first recorded epoch, the peak (and its epoch) and the value at the last
epoch, as a Markdown table in TABLE.md. It then rewrites the README's paragraph between the markers
<!-- plane-numbers:begin --> and <!-- plane-numbers:end --> from the same numbers, so that the prose
cannot drift from what the program computes (scripts/make-figures.sh runs this).
"""
import json
import math
import re
import sys

BITS = 1 / math.log(2)


def layer_order(rows):
    # The store's order where the journal records it, else natural order (layer2 before layer10).
    index = {}
    for r in rows:
        if r.get("layer") is not None:
            index.setdefault(r["layer"], r.get("layer_index"))
    natural = lambda name: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]
    return sorted(index, key=lambda n: (index[n] is None, index[n] if index[n] is not None else 0, natural(n)))


def summarise(folder):
    rows = [json.loads(line) for line in open(f"{folder}/results.jsonl") if line.strip()]
    rows = [r for r in rows if r.get("status") == "ok" and r.get("quantity") == "I(X;T)" and r.get("value_nats") is not None]
    out = {}
    for estimator in dict.fromkeys(r["estimator"] for r in rows):
        mine = [r for r in rows if r["estimator"] == estimator]
        for layer in layer_order(mine):
            curve = sorted((r["epoch"], r["value_nats"] * BITS) for r in mine if r["layer"] == layer)
            peak = max(curve, key=lambda p: p[1])
            out[(estimator, layer)] = {"first": curve[0], "peak": peak, "last": curve[-1]}
    return out


def fmt(v):
    return f"{v:.2f}"


def main():
    table_path, readme_path, *runs = sys.argv[1:]
    summaries = {}
    for run in runs:
        name, folder = run.split("=", 1)
        summaries[name] = summarise(folder)

    lines = ["# Numbers quoted about the example planes",
             "",
             "Written by `scripts/make-figures.sh` from the runs that drew `docs/figures/*-plane.png`; do not edit.",
             "I(X;T) in bits: at the first recorded epoch, its peak (epoch), at the last epoch.",
             "",
             "| example | estimator | layer | first | peak (epoch) | last |",
             "|---|---|---|---|---|---|"]
    for name, summary in summaries.items():
        for (estimator, layer), s in summary.items():
            lines.append(f"| {name} | {estimator} | {layer} | {fmt(s['first'][1])} (epoch {s['first'][0]}) | "
                         f"{fmt(s['peak'][1])} ({s['peak'][0]}) | {fmt(s['last'][1])} (epoch {s['last'][0]}) |")
    open(table_path, "w").write("\n".join(lines) + "\n")

    # The README's paragraph: the last hidden layer and the output of each plane, per estimator.
    sentences = []
    for name, summary in summaries.items():
        for estimator in dict.fromkeys(e for e, _ in summary):
            layers = [l for e, l in summary if e == estimator]
            parts = []
            for layer in layers[-2:]:
                s = summary[(estimator, layer)]
                parts.append(f"{layer} {fmt(s['first'][1])} at epoch {s['first'][0]}, a peak of {fmt(s['peak'][1])} at epoch "
                             f"{s['peak'][0]}, {fmt(s['last'][1])} at epoch {s['last'][0]}")
            sentences.append(f"{name}, {estimator}: " + "; ".join(parts) + ".")
    paragraph = ("I(X;T) in bits of the last hidden layer and the output in the figures above "
                 "(every layer: [docs/figures/plane-numbers.md](docs/figures/plane-numbers.md)): " + " ".join(sentences))
    readme = open(readme_path).read()
    begin, end = "<!-- plane-numbers:begin -->", "<!-- plane-numbers:end -->"
    if begin not in readme or end not in readme:
        sys.exit(f"{readme_path}: the markers {begin} and {end} are missing")
    head, rest = readme.split(begin, 1)
    _, tail = rest.split(end, 1)
    open(readme_path, "w").write(head + begin + "\n" + paragraph + "\n" + end + tail)


if __name__ == "__main__":
    main()
