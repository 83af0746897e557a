#!/usr/bin/env python3
"""The essay's chain, link by link, from a drypowder sweep folder: each measure per run from
timeseries.csv, then the paired effect (main minus a counterfactual variant, same replication and
point) with a 95% Student-t interval over the pairs. Runs that are not `ok` (runs.csv) are left out
with their pair. Usage:

    tools/chain.py SWEEP_DIR [--variant main] [--against no-boom] [--point 1] [--mutes] [--max-move 0.0075]

Prints one row per measure: its unit, the variant's and the counterfactual's means, the effect and
its interval, and whether the interval excludes zero in the direction the essay predicts for a boom
(`--mutes`: the opposite direction, for a variant that should dampen the boom, such as a backstop)."""
import argparse
import csv
import math
import sys
from collections import defaultdict

# 97.5% quantiles of Student's t by degrees of freedom (1-30); 1.96 beyond.
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
        2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
        2.045, 2.042]


def t975(df):
    return T975[df - 1] if 1 <= df <= len(T975) else 1.96


def column(rows, name):
    return [float(r[name]) for r in rows]


MAX_MOVE = [0.0075]


def meeting_moves(rows, interval=30):
    """Moves of the policy rate on meeting days, and how many were as large as max_move."""
    rates = column(rows, "policy_rate")
    steps = [int(r["step"]) for r in rows]
    moves = [rates[i] - rates[i - 1] for i in range(1, len(rates)) if steps[i] % interval == 0]
    return moves, sum(1 for m in moves if abs(m) >= MAX_MOVE[0] - 1e-12)


# (name, unit, predicted sign of the effect, function of a run's rows)
MEASURES = [
    ("capex above operating cash flow", "$bn", +1,
     lambda r: sum(column(r, "capex")) - sum(column(r, "hyperscaler_cash_flow"))),
    ("hyperscaler bonds issued", "$bn", +1,
     lambda r: sum(u * p for u, p in zip(column(r, "hyperscaler_bonds_issued"), column(r, "price_hyperscaler_bond")))),
    ("hyperscaler leverage at the end", "years of cash flow", +1, lambda r: column(r, "hyperscaler_leverage")[-1]),
    ("dry powder, mean", "$bn", -1, lambda r: sum(column(r, "dry_powder")) / len(r)),
    ("dry powder, lowest", "$bn", -1, lambda r: min(column(r, "dry_powder"))),
    ("government bonds issued", "$bn", +1,
     lambda r: sum(u * p for u, p in zip(column(r, "bonds_issued"), column(r, "price_treasury")))),
    ("Treasury yield, peak rise", "bp", +1,
     lambda r: 1e4 * (max(column(r, "yield_treasury")) - column(r, "yield_treasury")[0])),
    ("Treasury yield, change", "bp", +1,
     lambda r: 1e4 * (column(r, "yield_treasury")[-1] - column(r, "yield_treasury")[0])),
    ("credit spread, peak rise", "bp", +1,
     lambda r: 1e4 * (max(column(r, "credit_spread")) - column(r, "credit_spread")[0])),
    ("credit spread, lowest", "bp", 0, lambda r: 1e4 * min(column(r, "credit_spread"))),
    ("policy rate, peak", "%", 0, lambda r: 100 * max(column(r, "policy_rate"))),
    ("crypto haircut, mean", "%", +1, lambda r: 100 * sum(column(r, "haircut_crypto")) / len(r)),
    ("dealers' capital used, peak", "% of equity", +1,
     lambda r: 100 * max(u / e if e > 0 else math.inf
                         for u, e in zip(column(r, "dealer_capital_used"), column(r, "dealer_equity")))),
    ("dealers' crypto headroom, lowest", "$bn", -1, lambda r: min(column(r, "dealer_headroom_crypto"))),
    ("margin calls", "fund-days", +1, lambda r: sum(column(r, "margin_calls"))),
    ("forced sales", "$bn", +1,
     lambda r: sum(sum(u * p for u, p in zip(column(r, "forced_volume_" + a), column(r, "price_" + a)))
                   for a in ("crypto", "treasury", "hyperscaler_bond", "memory", "saas"))),
    ("hedge-fund redemption notices", "$bn", +1, lambda r: sum(column(r, "redemption_notices"))),
    ("retail liquidations", "$bn", +1, lambda r: sum(column(r, "liquidation_value"))),
    ("crypto return", "%", -1, lambda r: 100 * math.log(column(r, "price_crypto")[-1] / column(r, "price_crypto")[0])),
    ("SaaS return", "%", -1, lambda r: 100 * math.log(column(r, "price_saas")[-1] / column(r, "price_saas")[0])),
    ("memory return", "%", +1, lambda r: 100 * math.log(column(r, "price_memory")[-1] / column(r, "price_memory")[0])),
    ("memory minus SaaS", "%", +1,
     lambda r: 100 * (math.log(column(r, "price_memory")[-1] / column(r, "price_memory")[0])
                      - math.log(column(r, "price_saas")[-1] / column(r, "price_saas")[0]))),
    ("meetings at max_move", "share", 0, lambda r: meeting_moves(r)[1] / max(len(meeting_moves(r)[0]), 1)),
]


def load(folder):
    status = {}
    with open(folder + "/runs.csv", newline="") as f:
        for row in csv.DictReader(f):
            status[row["run_id"]] = row["status"]
    runs = defaultdict(list)
    with open(folder + "/timeseries.csv", newline="") as f:
        for row in csv.DictReader(f):
            runs[row["run_id"]].append(row)
    return status, runs


def interval(diffs):
    n = len(diffs)
    mean = sum(diffs) / n
    if n < 2:
        return mean, float("nan"), float("nan")
    sd = math.sqrt(sum((d - mean) ** 2 for d in diffs) / (n - 1))
    half = t975(n - 1) * sd / math.sqrt(n)
    return mean, mean - half, mean + half


def pairs(folder, variant, against, point="1"):
    """(variant's rows, counterfactual's rows) per replication at `point`, both ok; and how many runs
    of the two variants were left out."""
    status, runs = load(folder)
    by = {}
    for run_id, rows in runs.items():
        if rows[0]["point"] == point:
            by[(rows[0]["variant"], rows[0]["replication"])] = (run_id, rows)
    found = []
    for (v, rep), (run_id, rows) in by.items():
        if v == variant and (against, rep) in by:
            other_id, other = by[(against, rep)]
            if status.get(run_id) == "ok" and status.get(other_id) == "ok":
                found.append((rows, other))
    left = sum(1 for (v, _) in by if v in (variant, against)) - 2 * len(found)
    return found, left


def table(found, variant, against, mutes=False, only=None):
    """The Markdown table of every measure (or those in `only`) over the pairs `found`."""
    lines = [f"| measure | unit | {variant} | {against} | effect | 95% interval | fires |", "|---|---|---|---|---|---|---|"]
    for name, unit, sign, f in MEASURES:
        if only and name not in only:
            continue
        sign = -sign if mutes else sign
        a = [f(rows) for rows, _ in found]
        b = [f(other) for _, other in found]
        mean, low, high = interval([x - y for x, y in zip(a, b)])
        fires = "" if sign == 0 else ("yes" if (low > 0 if sign > 0 else high < 0) else
                                      ("opposite" if (high < 0 if sign > 0 else low > 0) else "no"))
        lines.append(f"| {name} | {unit} | {clean(sum(a) / len(a)):.4g} | {clean(sum(b) / len(b)):.4g} | {clean(mean):+.4g} | "
                     f"{clean(low):+.4g} to {clean(high):+.4g} | {fires} |")
    return "\n".join(lines)


def clean(x):
    """Rounding noise (|x| < 1e-9) shown as 0."""
    return 0.0 if abs(x) < 1e-9 else x


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--variant", default="main")
    parser.add_argument("--against", default="no-boom")
    parser.add_argument("--point", default="1")
    parser.add_argument("--mutes", action="store_true")
    parser.add_argument("--max-move", type=float, default=0.0075, help="central_bank.max_move of the runs")
    args = parser.parse_args()
    MAX_MOVE[0] = args.max_move
    found, left = pairs(args.folder, args.variant, args.against, args.point)
    if not found:
        sys.exit(f"{args.folder}: no ok pairs of {args.variant} and {args.against} at point {args.point}")
    print(f"{args.folder}, point {args.point}: {args.variant} minus {args.against}, {len(found)} pairs on common random "
          f"numbers ({left} runs left out: not ok or unpaired); 95% t intervals")
    print()
    print(table(found, args.variant, args.against, args.mutes))


if __name__ == "__main__":
    main()
