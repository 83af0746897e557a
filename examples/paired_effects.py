#!/usr/bin/env python3
"""The boom's paired effects in a sweep, as a table and a chart (pandas + matplotlib).

    python3 examples/paired_effects.py out/results/seed-crash [--metrics return_crypto yield_change ...]
                                       [--out effects.png]

A sweep's summary.csv holds, per point and variant, the `difference` statistic: the variant minus main,
paired on the same seed (common random numbers). With main the boom and a variant without it (no-boom),
the boom's effect is main minus the variant: the negated difference, its 95% interval flipped.
"""
import argparse
import os

import matplotlib

matplotlib.use("Agg")  # files only: no display needed
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

DEFAULT = ["return_crypto", "return_saas", "return_memory", "max_drawdown_crypto", "yield_change", "spread_change"]


def effects(sweep, metrics):
    summary = pd.read_csv(os.path.join(sweep, "summary.csv"))
    d = summary[(summary.statistic == "difference") & summary.metric.isin(metrics)].copy()
    d["effect"] = -d["mean"]
    d["low"], d["high"] = -d["ci_high"], -d["ci_low"]
    return d[["point", "variant", "metric", "n", "effect", "low", "high"]].reset_index(drop=True)


def plot(table, path, title):
    """One panel per metric (each on its own scale): every point and variant's effect with its interval."""
    metrics = list(dict.fromkeys(table.metric))
    fig, axes = plt.subplots(len(metrics), 1, figsize=(7, 1.1 + 0.9 * len(table)), squeeze=False)
    for ax, metric in zip(axes[:, 0], metrics):
        rows = table[table.metric == metric].reset_index(drop=True)
        y = list(range(len(rows)))
        ax.errorbar(rows.effect, y, xerr=[rows.effect - rows.low, rows.high - rows.effect], fmt="o", capsize=3)
        ax.axvline(0, color="grey", lw=0.8)
        ax.set_yticks(y, [f"point {p} vs {v}" for p, v in zip(rows.point, rows.variant)])
        ax.set_ylim(-0.7, len(rows) - 0.3)
        ax.set_title(metric, fontsize=10, loc="left")
    fig.suptitle(f"{title}: main minus variant, paired on seeds (mean, 95% interval)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sweep", help="a finished sweep folder (drypowder sweep)")
    parser.add_argument("--metrics", nargs="+", default=DEFAULT, help="runs.csv metrics (default: %(default)s)")
    parser.add_argument("--out", default=None, help="the chart's file (default: SWEEP/paired_effects.png)")
    args = parser.parse_args()
    table = effects(args.sweep, args.metrics)
    if table.empty:
        raise SystemExit(f"{args.sweep}/summary.csv has no paired differences of {args.metrics}: a sweep with a variant?")
    pd.set_option("display.width", 120)
    print(table.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    out = args.out or os.path.join(args.sweep, "paired_effects.png")
    plot(table, out, os.path.basename(os.path.normpath(args.sweep)))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
