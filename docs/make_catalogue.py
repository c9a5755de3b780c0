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


def entropy_section(figures):
    """The entropy figure and a table of its runs, by estimator and N."""
    png, table = os.path.join(figures, "entropy.png"), os.path.join(figures, "entropy.csv")
    if not os.path.exists(table):
        return []
    runs = defaultdict(list)
    truth = {}
    with open(table) as f:
        for row in csv.DictReader(f):
            if row["status"] == "ok":
                runs[(row["estimator"], int(row["n"]))].append(float(row["value_nats"]))
                truth[row["estimator"]] = float(row["true_nats"])
    lines = ["## Entropies", "",
             "Experiments measure entropies as well as MI: give an estimator entry",
             "`\"quantities\": [\"I(X;Y)\", \"H(X)\", \"H(Y)\"]` (estimate and scaling kinds) or",
             "`[\"I(X;T)\", \"I(T;Y)\", \"H(T)\"]` (information plane). The estimators that offer entropies say",
             "what theirs is under *Entropy* above: Kozachenko-Leonenko (`ksg`) and the Gaussian fit target",
             "the differential entropy; `binning` gives the discrete entropy of the bins (so I(X;T) = H(T) for",
             "a deterministic network); `renyi` and `dse` are entropies of a kernel matrix, not of a density.",
             "The gaussian dataset knows its true entropies (d/2 ln(2 pi e) per variable, changed by each",
             "transform by E ln f'(Z)). Below: H(X) of 2-D standard normal X against N, 5 repeats; dashed: the truth.", ""]
    if os.path.exists(png):
        lines += ["![entropy against N](catalogue/entropy.png)", ""]
    lines += ["| estimator | N | mean (nats) | sd | true |", "|---|---|---|---|---|"]
    for (name, n), v in sorted(runs.items()):
        mean = sum(v) / len(v)
        sd = math.sqrt(sum((x - mean) ** 2 for x in v) / max(1, len(v) - 1))
        lines.append(f"| {name} | {n} | {mean:.4f} | {sd:.4f} | {truth[name]:.4f} |")
    return lines + [""]


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
            if est.get("entropy"):
                out += [f"*Entropy* (quantities H(X), H(Y), H(T); see [Entropies](#entropies)): {est['entropy']}", ""]
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
            if not os.path.exists(png) and est.get("estimates") == "entropy":
                out += ["*No scaling figure:* this estimator measures an entropy only, and not the differential "
                        "entropy a Gaussian's closed form gives. Run it with `\"quantities\": [\"H(X)\"]` in a "
                        "scaling experiment or `[\"H(T)\"]` in an information plane.", ""]
            elif not os.path.exists(png):
                out += ["*No scaling figure:* this estimator does not estimate I(X;Y) between two continuous "
                        "variables (see its description), so it appears in information-plane experiments instead.", ""]
    out += entropy_section(figures)
    print("\n".join(out))


if __name__ == "__main__":
    main()
