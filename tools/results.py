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
import math
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chain  # noqa: E402

EXPERIMENTS = ["seed-crash", "dry-powder-sweep", "central-bank", "regime-switch", "sell-order", "leverage",
               "stylized-facts", "sensitivity"]
SENSITIVITY_OUTPUTS = {"peak_yield_rise": "Treasury yield, peak rise", "peak_spread_rise": "credit spread, peak rise",
                       "max_drawdown_crypto": "crypto's largest drawdown"}


def sweep(binary, out, name):
    folder = os.path.join(out, name)
    if not os.path.exists(os.path.join(folder, "manifest.json")):
        subprocess.run([binary, "sweep", f"Experiments/{name}.yaml", "--out", folder, "--quiet"], check=True)
    if not os.path.exists(os.path.join(folder, "analysis", "statistics_summary.csv")):
        subprocess.run([binary, "analyze", folder, "--out", os.path.join(folder, "analysis")], check=True,
                       stdout=subprocess.DEVNULL)
    return folder


def chain_table(folder, variant="main", against="no-boom", point="1", mutes=False, only=None):
    found, _ = chain.pairs(folder, variant, against, point)
    return f"{len(found)} pairs on common random numbers.\n\n" + chain.table(found, variant, against, mutes, only)


def summary(folder):
    with open(os.path.join(folder, "analysis", "statistics_summary.csv"), newline="") as f:
        return list(csv.DictReader(f))


def cell(rows, point, variant, subject, metric, statistic="level", lag="", scale=1.0):
    for r in rows:
        if (r["point"], r["variant"], r["subject"], r["metric"], r["statistic"], r["lag"]) == \
                (point, variant, subject, metric, statistic, lag):
            if not r["ci_low"]:
                return f"{float(r['mean']) * scale:.3g} (n={r['n']})"
            return f"{float(r['mean']) * scale:.3g} [{float(r['ci_low']) * scale:.3g}, {float(r['ci_high']) * scale:.3g}]"
    return "-"


def design(folder):
    with open(os.path.join(folder, "design.csv"), newline="") as f:
        return list(csv.DictReader(f))


def statuses(folders):
    lines = ["| experiment | runs | ok | failed | runs with a halt | halt days | markets halted |", "|---|---|---|---|---|---|---|"]
    for name, folder in folders.items():
        counts = json.load(open(os.path.join(folder, "manifest.json"))).get("runs_by_status", {})
        with open(os.path.join(folder, "runs.csv"), newline="") as f:
            days = [float(r["halt_days"]) for r in csv.DictReader(f) if r["status"] == "ok"]
        markets = set()
        with open(os.path.join(folder, "analysis", "statistics.csv"), newline="") as f:
            for r in csv.DictReader(f):
                if r["metric"] == "halt_days" and r["subject"] != "run" and float(r["value"]) > 0:
                    markets.add(r["subject"])
        total = sum(counts.values())
        lines.append(f"| {name} | {total} | {counts.get('ok', 0)} | {total - counts.get('ok', 0)} | "
                     f"{sum(d > 0 for d in days)} | {sum(days):.0f} | {', '.join(sorted(markets)) or '-'} |")
    return "\n".join(lines)


def shipped(binary, key, experiment="Experiments/baseline.yaml"):
    """A key's value in the project's rule files, as `drypowder config --explain` reports it."""
    text = subprocess.run([binary, "config", experiment, "--explain", key], check=True, capture_output=True,
                          text=True).stdout
    return float(text.split(" = ", 1)[1].split()[0])


def calibration_table(binary, out, name="calibrate-baseline"):
    folder = os.path.join(out, name)
    if not os.path.exists(os.path.join(folder, "fit.csv")):
        resume = ["--resume"] if os.path.exists(os.path.join(folder, "trace.csv")) else []
        subprocess.run([binary, "calibrate", f"Experiments/{name}.yaml", "--out", folder] + resume, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(os.path.join(folder, "trace.csv"), newline="") as f:
        trace = list(csv.DictReader(f))
    with open(os.path.join(folder, "fit.csv"), newline="") as f:
        fit = list(csv.DictReader(f))
    best = min((r for r in trace if r["status"] == "ok"), key=lambda r: float(r["objective"]))
    keys = [k for k in trace[0] if k not in ("evaluation", "stage", "objective", "status")]
    lines = [f"{len(trace)} evaluations; the best (evaluation {best['evaluation']}, objective "
             f"{float(best['objective']):.3g}):\n", "| key | fitted | in the rule files |", "|---|---|---|"]
    lines += [f"| `{k}` | {float(best[k]):.4g} | {shipped(binary, k):.4g} |" for k in keys]
    lines += ["", "| moment | target | simulated [95%] | contribution |", "|---|---|---|---|"]
    for r in fit:
        lines.append(f"| {r['moment']} | {float(r['target']):.4g} | {float(r['simulated']):.4g} "
                     f"[{float(r['ci_low']):.4g}, {float(r['ci_high']):.4g}] | {float(r['contribution']):.3g} |")
    return "\n".join(lines)


def sensitivity_table(binary, folder):
    path = os.path.join(folder, "sensitivity.csv")
    subprocess.run([binary, "sensitivity", folder, "--output", *SENSITIVITY_OUTPUTS, "--against", "no-boom",
                    "--out", path], check=True, stdout=subprocess.DEVNULL)
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    lines = [f"{rows[0]['rows']} design rows. Within each output, keys by total index.\n",
             "| effect on | key | first-order index [95%] | total index [95%] |", "|---|---|---|---|"]
    for output, label in SENSITIVITY_OUTPUTS.items():
        for r in sorted((r for r in rows if r["output"] == output), key=lambda r: -float(r["total"])):
            def ci(name):
                return f"{float(r[name]):.2f} [{float(r[name + '_low']):.2f}, {float(r[name + '_high']):.2f}]"
            lines.append(f"| {label} | `{r['parameter']}` | {ci('first_order')} | {ci('total')} |")
    return "\n".join(lines)


def dealers(folders):
    lines = ["| experiment | peak capital use (% of equity) | runs at 90% or more | runs with an insolvent dealer | "
             "lowest crypto headroom ($bn) |", "|---|---|---|---|---|"]
    for name, folder in folders.items():
        with open(os.path.join(folder, "runs.csv"), newline="") as f:
            rows = [r for r in csv.DictReader(f) if r["status"] == "ok"]
        ok = {r["run_id"] for r in rows}
        insolvent = {r["run_id"] for r in rows if float(r["insolvent_dealer_steps"]) > 0}
        peak, room = {}, {}
        with open(os.path.join(folder, "timeseries.csv"), newline="") as f:
            for r in csv.DictReader(f):
                if r["run_id"] not in ok:
                    continue
                room[r["run_id"]] = min(room.get(r["run_id"], math.inf), float(r["dealer_headroom_crypto"]))
                if float(r["dealer_equity_min"]) > 0:
                    use = float(r["dealer_capital_used"]) / float(r["dealer_equity"])
                    peak[r["run_id"]] = max(peak.get(r["run_id"], 0.0), 100 * use)

        def spread(values):
            v = sorted(values)
            return f"{v[len(v) // 2]:.3g} [{v[0]:.3g}, {v[-1]:.3g}]" if v else "-"
        lines.append(f"| {name} | {spread(peak.values())} | {sum(p >= 90 for p in peak.values())} of {len(room)} | "
                     f"{len(insolvent)} of {len(room)} | {spread(room.values())} |")
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
        "dealers": dealers(folders),
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
        "seedevent": seed_event_table(folders["seed-crash"]),
        "sensitivity": sensitivity_table(args.binary, folders["sensitivity"]),
        "calibration": calibration_table(args.binary, args.out),
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
    lines = ["| limit | crypto excess kurtosis | Hill index (5%) | worst day (%) | liquidations ($bn) | "
             "forced share of volume in drawdowns (%) |", "|---|---|---|---|---|---|"]
    for p in design(folder):
        point = p["point"]
        lines.append(f"| {p['retail.leverage']} | {cell(rows, point, 'main', 'crypto', 'excess_kurtosis')} | "
                     f"{cell(rows, point, 'main', 'crypto', 'hill_tail_index')} | "
                     f"{cell(rows, point, 'main', 'run', 'worst_day_crypto', scale=100)} | "
                     f"{cell(rows, point, 'main', 'run', 'liquidation_value')} | "
                     f"{cell(rows, point, 'main', 'crypto', 'forced_share_in_drawdown', scale=100)} |")
    return "\n".join(lines)


def per_run(folder, subject, metric, lag=""):
    """A statistic of analysis/statistics.csv, one value per run."""
    with open(os.path.join(folder, "analysis", "statistics.csv"), newline="") as f:
        return [float(r["value"]) for r in csv.DictReader(f)
                if (r["subject"], r["metric"], r["lag"]) == (subject, metric, lag)]


def series(folder, columns):
    """Columns of timeseries.csv by run: {run_id: {column: [values]}}."""
    runs = {}
    with open(os.path.join(folder, "timeseries.csv"), newline="") as f:
        for r in csv.DictReader(f):
            run = runs.setdefault(r["run_id"], {c: [] for c in columns + ["variant", "step"]})
            for c in columns:
                run[c].append(float(r[c]))
            run["variant"].append(r["variant"])
            run["step"].append(int(r["step"]))
    return runs


def median_range(values, scale=1.0, digits=3):
    v = sorted(x * scale for x in values)
    n = len(v)
    median = v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
    return f"{median:.{digits}g} [{v[0]:.{digits}g}, {v[-1]:.{digits}g}]"


def stylized_table(folder, burn_in=20):
    lines = ["| statistic | model: median [min, max] over runs | real | target |", "|---|---|---|---|"]
    rows = [("crypto lag-1 autocorrelation of returns", per_run(folder, "crypto", "acf_return", "1"), 1,
             "S&P -0.07, NASDAQ -0.03", "abs < 0.1")]
    for lag, real in [("1", "S&P 0.24"), ("10", "S&P 0.29"), ("50", "S&P 0.17")]:
        rows.append((f"crypto autocorrelation of absolute returns, lag {lag}", per_run(folder, "crypto", "acf_abs_return", lag),
                     1, real, "> 0.1 at lag 10" if lag == "10" else ""))
    rows += [("crypto excess kurtosis", per_run(folder, "crypto", "excess_kurtosis"), 1, "S&P 8.2; bitcoin 5-15", "3-30"),
             ("crypto Hill index (top 5%)", per_run(folder, "crypto", "hill_tail_index"), 1, "S&P 2.9; bitcoin 2.5-3.5", "2-5"),
             ("crypto daily volatility (%)", per_run(folder, "crypto", "volatility"), 100, "bitcoin 3-4", "2-6")]
    for asset, target in [("saas", "0.8-2.5"), ("memory", "0.8-3")]:
        rows += [(f"{asset} daily volatility (%)", per_run(folder, asset, "volatility"), 100, "S&P 1.2, NASDAQ 1.6", target),
                 (f"{asset} lag-1 autocorrelation", per_run(folder, asset, "acf_return", "1"), 1, "about 0", "abs < 0.1")]
    data = series(folder, ["yield_treasury", "credit_spread", "log_return_crypto"])
    sd = lambda x: (sum((a - sum(x) / len(x)) ** 2 for a in x) / (len(x) - 1)) ** 0.5
    changes = [sd([b - a for a, b in zip(r["yield_treasury"][burn_in:], r["yield_treasury"][burn_in + 1:])]) for r in data.values()]
    rows.append(("Treasury daily yield change, sd (bp)", changes, 1e4, "10-year: 5-7", "3-10"))
    rows.append(("credit spread, lowest (bp)", [min(r["credit_spread"][burn_in:]) for r in data.values()], 1e4,
                 "BAA-AAA 1919-2018: never below 32", ">= 30 at every step"))
    halves = []
    for r in data.values():
        x = r["log_return_crypto"][burn_in:]
        half = len(x) // 2
        halves.append(sd(x[half:]) / sd(x[:half]))
    rows.append(("crypto volatility, years 6-10 over years 1-5", halves, 1, "", "stationary: about 1"))
    for label, values, scale, real, target in rows:
        lines.append(f"| {label} | {median_range(values, scale)} | {real} | {target} |")
    return "\n".join(lines)


def seed_event_table(folder):
    """Per variant of the seed crash: crypto's peak-to-trough, worst day, peak liquidation day (as a share of
    crypto's market value that day) and whether it falls on or next to the worst day; halts."""
    config = json.load(open(os.path.join(folder, "manifest.json")))["config"]["agents"]["market"]["assets"]["crypto"]
    supply = float(config["supply"])
    data = series(folder, ["price_crypto", "log_return_crypto", "liquidation_value", "halted_crypto"])
    lines = ["| variant | crypto peak to trough (%) | worst day (%) | peak liquidation day (% of crypto's value) | "
             "on or next to the worst day | crypto halt days | seeds meeting all of the essay's figures |",
             "|---|---|---|---|---|---|---|"]
    for variant in ["main", "no-boom"]:
        runs = [r for r in data.values() if r["variant"][0] == variant]
        drawdowns, worst, peaks, near, halts, meets = [], [], [], 0, 0, 0
        for r in runs:
            p, top, deepest = r["price_crypto"], 0.0, 0.0
            for x in p:
                top = max(top, x)
                deepest = min(deepest, x / top - 1)
            day = min(range(len(p)), key=lambda t: r["log_return_crypto"][t])
            peak = max(range(len(p)), key=lambda t: r["liquidation_value"][t])
            share = r["liquidation_value"][peak] / (p[peak] * supply)
            close = abs(peak - day) <= 1 and r["liquidation_value"][peak] > 0
            drawdowns.append(deepest)
            worst.append(math.exp(r["log_return_crypto"][day]) - 1)
            peaks.append(share)
            near += close
            halts += sum(r["halted_crypto"])
            meets += -0.6 <= deepest <= -0.4 and worst[-1] <= -0.15 and 0.0005 <= share <= 0.002 and close
        lines.append(f"| {variant} | {median_range(drawdowns, 100)} | {median_range(worst, 100)} | "
                     f"{median_range(peaks, 100)} | {near} of {len(runs)} | {halts:.0f} | {meets} of {len(runs)} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
