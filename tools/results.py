#!/usr/bin/env python3
"""Writes docs/RESULTS.md from the shipped experiments: each is swept (and analysed) into OUT/NAME unless a
finished sweep is already there, then every table is computed from the sweep folders. No figure in the
file is typed by hand. Usage (from the repository root; `make results` runs it):

    tools/results.py [--binary .build/release/drypowder] [--out out/results] [--write docs/RESULTS.md]
"""
import argparse
import csv
import datetime
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chain  # noqa: E402

EXPERIMENTS = ["seed-crash", "dry-powder-sweep", "central-bank", "regime-switch", "sell-order", "leverage",
               "stylized-facts"]


def sweep(binary, out, name):
    folder = os.path.join(out, name)
    if not os.path.exists(os.path.join(folder, "manifest.json")):
        subprocess.run([binary, "sweep", f"Experiments/{name}.yaml", "--out", folder, "--quiet"], check=True)
    if not os.path.exists(os.path.join(folder, "analysis", "summary.csv")):
        subprocess.run([binary, "analyze", folder, "--out", os.path.join(folder, "analysis")], check=True,
                       stdout=subprocess.DEVNULL)
    return folder


def chain_table(folder, variant="main", against="no-boom", point="1", mutes=False, only=None):
    found, _ = chain.pairs(folder, variant, against, point)
    return f"{len(found)} pairs on common random numbers.\n\n" + chain.table(found, variant, against, mutes, only)


def summary(folder):
    with open(os.path.join(folder, "analysis", "summary.csv"), newline="") as f:
        return list(csv.DictReader(f))


def cell(rows, point, variant, subject, metric, statistic="level", lag="", sample="ok", scale=1.0):
    for r in rows:
        if (r["point"], r["variant"], r["subject"], r["metric"], r["statistic"], r["lag"], r["sample"]) == \
                (point, variant, subject, metric, statistic, lag, sample):
            if not r["ci_low"]:
                return f"{float(r['mean']) * scale:.3g} (n={r['n']})"
            return f"{float(r['mean']) * scale:.3g} [{float(r['ci_low']) * scale:.3g}, {float(r['ci_high']) * scale:.3g}]"
    return "-"


def design(folder):
    with open(os.path.join(folder, "design.csv"), newline="") as f:
        return list(csv.DictReader(f))


def statuses(folders):
    lines = ["| experiment | runs | ok | failed_to_clear | where |", "|---|---|---|---|---|"]
    for name, folder in folders.items():
        manifest = json.load(open(os.path.join(folder, "manifest.json")))
        counts = manifest.get("runs_by_status", {})
        where = set()
        with open(os.path.join(folder, "runs.csv"), newline="") as f:
            for row in csv.DictReader(f):
                if row["status"] == "failed_to_clear":
                    where.add(row["error"].split(" failed")[0].replace("market ", ""))
        total = sum(counts.values())
        lines.append(f"| {name} | {total} | {counts.get('ok', 0)} | {counts.get('failed_to_clear', 0)} | "
                     f"{', '.join(sorted(where))} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=".build/release/drypowder")
    parser.add_argument("--out", default="out/results")
    parser.add_argument("--write", default="docs/RESULTS.md")
    args = parser.parse_args()
    folders = {name: sweep(args.binary, args.out, name) for name in EXPERIMENTS}
    made_by = sorted({json.load(open(os.path.join(f, "manifest.json"))).get("git_commit", "?") for f in folders.values()})
    commit = ", ".join(c[:9] + (" (modified)" if c.endswith("-modified") else "") for c in made_by)
    gsl = json.load(open(os.path.join(folders["seed-crash"], "manifest.json"))).get("gsl_version", "?")
    doc = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "results-template.md")).read()
    values = {
        "date": datetime.date.today().isoformat(), "commit": commit or "?", "gsl": gsl,
        "statuses": statuses(folders),
        "chain": chain_table(folders["seed-crash"]),
        "drypowder": "\n\n".join(
            f"**Point {p['point']}: money funds {float(p['money_fund.cash']) * 5 / 1000:.1f} $tn.** "
            + chain_table(folders["dry-powder-sweep"], point=p["point"], only=DRY_POWDER_ROWS)
            for p in design(folders["dry-powder-sweep"])),
        "backstop": chain_table(folders["central-bank"], variant="qe-backstop", against="main", mutes=True,
                                only=BANK_ROWS),
        "hawk": chain_table(folders["central-bank"], variant="hawkish", against="main", only=BANK_ROWS),
        "regime": regime_table(folders["regime-switch"]),
        "sellorder": sell_order_table(folders["sell-order"]),
        "leverage": leverage_table(folders["leverage"]),
        "stylized": stylized_table(folders["stylized-facts"]),
    }
    for key, value in values.items():
        doc = doc.replace("{{" + key + "}}", value)
    with open(args.write, "w") as f:
        f.write(doc)
    print(f"wrote {args.write}")


DRY_POWDER_ROWS = {"hyperscaler bonds issued", "dry powder, mean", "dry powder, lowest", "Treasury yield, peak rise",
                   "credit spread, peak rise", "credit spread, lowest", "policy rate, peak", "crypto return",
                   "memory minus SaaS"}
BANK_ROWS = {"Treasury yield, peak rise", "Treasury yield, change", "credit spread, peak rise", "policy rate, peak",
             "retail liquidations", "crypto return", "SaaS return", "meetings at max_move"}


def regime_table(folder):
    lines = ["| point | money funds ($tn) | capex growth | commitment ($bn) | yield peak (bp) | spread peak (bp) | "
             "crypto (%) | memory - SaaS (%) |", "|---|---|---|---|---|---|---|---|"]
    names = {"Treasury yield, peak rise", "credit spread, peak rise", "crypto return", "memory minus SaaS"}
    measures = [m for m in chain.MEASURES if m[0] in names]
    for p in design(folder):
        found, _ = chain.pairs(folder, "main", "no-boom", p["point"])
        cells = []
        for name in ["Treasury yield, peak rise", "credit spread, peak rise", "crypto return", "memory minus SaaS"]:
            f = next(m[3] for m in measures if m[0] == name)
            mean, low, high = chain.interval([f(a) - f(b) for a, b in found])
            cells.append(f"{mean:+.3g} [{low:+.3g}, {high:+.3g}]")
        lines.append(f"| {p['point']} | {float(p['money_fund.cash']) * 5 / 1000:.1f} | {p['hyperscaler.capex_growth']} | "
                     f"{p['ai_lab.commitment']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def sell_order_table(folder):
    rows = summary(folder)
    variants = ["main", "blend", "liquidity", "no-boom"]
    lines = ["| first sale step of | " + " | ".join(variants) + " |", "|---|" + "---|" * len(variants)]
    for asset in ["crypto", "saas", "hyperscaler_bond", "memory", "treasury"]:
        lines.append(f"| {asset} | " + " | ".join(cell(rows, "1", v, f"sovereign_fund/{asset}", "first_sale_step")
                                                    for v in variants) + " |")
    lines.append("| hedge-fund redemptions paid ($bn) | " + " | ".join(cell(rows, "1", v, "all", "redemptions_paid")
                                                                        for v in variants) + " |")
    return "\n".join(lines)


def leverage_table(folder):
    rows = summary(folder)
    lines = ["| limit | crypto excess kurtosis | Hill index (5%) | worst day (%) | liquidations ($bn) |",
             "|---|---|---|---|---|"]
    for p in design(folder):
        point = p["point"]
        lines.append(f"| {p['retail.leverage']} | {cell(rows, point, 'main', 'crypto', 'excess_kurtosis')} | "
                     f"{cell(rows, point, 'main', 'crypto', 'hill_tail_index')} | "
                     f"{cell(rows, point, 'main', 'run', 'worst_day_crypto', scale=100)} | "
                     f"{cell(rows, point, 'main', 'run', 'liquidation_value')} |")
    return "\n".join(lines)


def stylized_table(folder):
    rows = summary(folder)
    lines = ["| statistic (crypto, daily) | runs that ended ok | all runs, before any failure |", "|---|---|---|"]
    for label, metric, lag, scale in [("volatility (%)", "volatility", "", 100), ("excess kurtosis", "excess_kurtosis", "", 1),
                                      ("Hill index (top 5%)", "hill_tail_index", "", 1),
                                      ("autocorrelation, lag 1", "acf_return", "1", 1),
                                      ("autocorrelation of absolute returns, lag 1", "acf_abs_return", "1", 1),
                                      ("autocorrelation of absolute returns, lag 10", "acf_abs_return", "10", 1),
                                      ("autocorrelation of absolute returns, lag 50", "acf_abs_return", "50", 1)]:
        lines.append(f"| {label} | {cell(rows, '1', 'main', 'crypto', metric, lag=lag, scale=scale)} | "
                     f"{cell(rows, '1', 'main', 'crypto', metric, lag=lag, sample='with_failed_to_clear', scale=scale)} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
