"""Writes the estimator catalogue (Markdown) from `miwb-cli plugins --json` and the figures in docs/catalogue."""
import csv
import math
import os
import sys
from collections import defaultdict
import json


def summary(csv_path):
    """Mean and sd of the estimate, true MI and mean seconds per N, from a catalogue run's results.csv."""
    by_n = defaultdict(list)
    truth, seconds = None, defaultdict(list)
    failures = {}
    with open(csv_path) as f:
        for row in csv.DictReader(f):
            if row["status"] != "ok":
                failures[int(row["n"])] = row["message"]
                continue
            n = int(row["n"])
            by_n[n].append(float(row["value_nats"]))
            seconds[n].append(float(row["seconds"]))
            if row["true_nats"]:
                truth = float(row["true_nats"])
    lines = ["| N | mean (nats) | sd | true | mean time (s) |", "|---|---|---|---|---|"]
    for n in sorted(by_n):
        v = by_n[n]
        mean = sum(v) / len(v)
        sd = math.sqrt(sum((x - mean) ** 2 for x in v) / max(1, len(v) - 1))
        lines.append(f"| {n} | {mean:.4f} | {sd:.4f} | {truth:.4f} | {sum(seconds[n]) / len(seconds[n]):.3f} |")
    for n, message in sorted(failures.items()):
        lines.append(f"\nAt N = {n} the estimator refused the task: *{message}*")
    return "\n".join(lines)


def main():
    registry = json.load(open(sys.argv[1]))
    figures = sys.argv[2]
    out = ["# Estimator catalogue", "",
           "One section per estimator the bundled plugins offer: what it estimates, its formula and defaults",
           "(from the plugin's own metadata, so this page and `miwb-cli plugins` never disagree), its cost, and",
           "a scaling figure made by the workbench itself: the estimate against N on correlated Gaussian pairs",
           "with known MI, 5 repeats (mean and +/- 1 sd; dashed: the true MI). Rebuild everything with",
           "`docs/make_catalogue.sh`; the experiments are in `resources/examples/catalogue/`.", ""]
    for plugin in registry["plugins"]:
        if plugin.get("state") != "loaded" or plugin.get("kind") != "estimator":
            continue
        for est in plugin.get("estimators", []):
            eid = est["id"]
            out += [f"## {eid}: {est['name']}", "",
                    f"*Plugin* `{plugin['id']}` {plugin['version']}. *Estimates:* {est.get('estimates', '?')}.", "",
                    est["description"], ""]
            if est.get("cost"):
                out += [f"*Cost:* {est['cost']}", ""]
            if est["params"]:
                out += ["| parameter | type | default | help |", "|---|---|---|---|"]
                for p in est["params"]:
                    help_text = p.get("help", "").replace("|", "\\|").replace("\n", " ")
                    out.append(f"| `{p['name']}` | {p['type']} | `{json.dumps(p['default'])}` | {help_text} |")
                out.append("")
            png = os.path.join(figures, f"{eid}.png")
            table = os.path.join(figures, f"{eid}.csv")
            if os.path.exists(png):
                out += [f"![{eid} against N](catalogue/{eid}.png)", ""]
            if os.path.exists(table):
                out += [summary(table), ""]
            if not os.path.exists(png):
                out += ["*No scaling figure:* this estimator does not estimate I(X;Y) between two continuous "
                        "variables (see its description), so it appears in information-plane experiments instead.", ""]
    print("\n".join(out))


if __name__ == "__main__":
    main()
