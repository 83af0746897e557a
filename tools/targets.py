#!/usr/bin/env python3
"""The baseline's calibration targets, computed from real series: writes Experiments/targets/baseline.yaml.

    python3 tools/targets.py [--window 484] [--write PATH | --check PATH]

Equities come from daily closes that the Python package `arch` ships (S&P 500 and NASDAQ Composite,
1999-2018): each moment is computed as `drypowder analyze` computes it (GSL's definitions), on every
non-overlapping window as long as the steps a calibration run measures (504 steps less a burn-in of 20);
the target is the windows' mean and its sd the windows' sd, so a moment is weighed by how much it moves
from one two-year stretch of real history to the next. Bitcoin, the 10-year Treasury yield and the
corporate spread are published figures, each with its source below and an sd that spans the sources.
--check exits 1 when PATH differs from what the script writes (the shipped file is stale).
"""
import argparse
import sys

import numpy as np

try:
    import arch
    from arch.data import default, nasdaq, sp500
except ImportError:
    sys.exit("tools/targets.py needs the Python package arch (pip install arch)")

# Which real series stands for which asset: the broad index for SaaS, the tech-heavy one for memory.
EQUITIES = [("saas", "S&P 500", sp500), ("memory", "NASDAQ Composite", nasdaq)]
# The moments taken from them: (statistic, lag, decimals).
MOMENTS = [("volatility", None, 5), ("excess_kurtosis", None, 3), ("acf_return", 1, 4), ("acf_abs_return", 10, 4)]

# Published figures: (subject, statistic, value, sd, source). The sd spans the sources' spread.
PUBLISHED = [
    ("crypto", "volatility", 0.0396, 0.006,
     "bitcoin's daily log returns, Aug 2015 - Mar 2019: sd 3.958% (Sebastiao and Godinho 2021, Financial "
     "Innovation 7:3, Table 3); 3.86% Apr 2014 - Mar 2021 (doi:10.1007/s40812-022-00227-z); 4.84% "
     "Nov 2017 - Oct 2022 (Alamaren et al. 2024, Financial Innovation 10:81). sd: that range"),
    ("crypto", "excess_kurtosis", 4.8, 3.0,
     "the same returns: excess kurtosis 4.807 (Sebastiao and Godinho 2021, Table 3); the longer samples give "
     "12.7-15.6, and a two-year window less than a whole sample (the S&P 500's: 2.4 against 8.2). sd: wide"),
    ("treasury", "yield_change_sd", 0.00061, 0.00015,
     "the 10-year yield's daily change: the MOVE index averaged ~97 over Apr 1988 - Jul 2017 (LPL Research, "
     "20 Jul 2017), i.e. 97 / sqrt(252) = 6.1 bp a day (Bassman: MOVE 150 ~ 9.5 bp a day); 70 (4.4 bp) in "
     "2012-17, 100-124 (6.3-7.8 bp) in Oct 2024 (Bloomberg). sd: that range"),
    ("all", "credit_spread_mean", 0.0080, 0.0015,
     "the ICE BofA US Corporate Index option-adjusted spread: 0.83% Feb 2025, 0.73% Jan 2026, 0.76% Feb "
     "2026 (YCharts); 78 bp on 7 Nov 2024, the lowest since 1998 (Reuters). The baseline starts in 2026. "
     "sd: up to the long-run average of 1.47% is four sd away"),
]


def kurtosis(x):
    """GSL's gsl_stats_kurtosis: the mean fourth power of (x - mean) / sd (n - 1), less 3."""
    return float(np.mean(((x - x.mean()) / x.std(ddof=1)) ** 4) - 3)


def autocorrelation(x, lag):
    """drypowder's Statistics.autocorrelation: sum of lagged products of deviations over their squares."""
    d = x - x.mean()
    return float(np.sum(d[:-lag] * d[lag:]) / np.sum(d * d))


def moment(returns, statistic, lag):
    if statistic == "volatility":
        return float(returns.std(ddof=1))
    if statistic == "excess_kurtosis":
        return kurtosis(returns)
    if statistic == "acf_return":
        return autocorrelation(returns, lag)
    return autocorrelation(np.abs(returns), lag)


def equity_targets(window):
    out = []
    for subject, name, dataset in EQUITIES:
        closes = dataset.load()["Adj Close"]
        returns = np.diff(np.log(closes.to_numpy()))
        k = len(returns) // window
        windows = [returns[i * window:(i + 1) * window] for i in range(k)]
        first, last = closes.index[0].date(), closes.index[-1].date()
        source = (f"{name} daily log returns {first} to {last} (arch {arch.__version__}, arch.data): "
                  f"mean and sd over {k} non-overlapping windows of {window} days")
        for statistic, lag, decimals in MOMENTS:
            values = np.array([moment(w, statistic, lag) for w in windows])
            out.append((subject, statistic, lag, round(float(values.mean()), decimals),
                        round(float(values.std(ddof=1)), decimals), source))
    return out


def spread_floor():
    """Moody's Baa less Aaa (monthly, arch.data.default): context for the spread, not a target."""
    d = default.load()
    s = d["BAA"] - d["AAA"]
    return f"{s.min():.2f} pp ({s.idxmin():%Y-%m}), mean {s.mean():.2f} pp, {d.index[0]:%Y-%m} to {d.index[-1]:%Y-%m}"


def document(window):
    lines = [
        "# The baseline's calibration targets. Written by tools/targets.py (`make targets`): do not edit by hand;",
        "# Experiments/calibrate-baseline.yaml reads them, docs/CALIBRATION.md explains them.",
        f"# Equities: moments over windows of {window} trading days (a calibration run's measured steps).",
        f"# For context, Moody's Baa less Aaa (arch.data.default): lowest {spread_floor()}.",
        "targets:",
    ]
    last = None
    rows = [(s, st, lag, v, sd, src) for s, st, lag, v, sd, src in equity_targets(window)]
    rows += [(s, st, None, v, sd, src) for s, st, v, sd, src in PUBLISHED]
    for subject, statistic, lag, value, sd, source in rows:
        if source != last:
            words, line = source.split(), "  #"
            for w in words:
                if len(line) + 1 + len(w) > 112:
                    lines.append(line)
                    line = "  #"
                line += " " + w
            lines.append(line)
            last = source
        lag_text = f", lag: {lag}" if lag else ""
        lines.append(f"  - {{statistic: {statistic}, subject: {subject}{lag_text}, value: {value:g}, sd: {sd:g}}}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--window", type=int, default=484, help="trading days per window (default 484)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", metavar="PATH", help="write the target file to PATH")
    group.add_argument("--check", metavar="PATH", help="exit 1 when PATH differs from the targets computed now")
    args = parser.parse_args()
    text = document(args.window)
    if args.check:
        with open(args.check, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{args.check} is stale: rerun `make targets` (tools/targets.py --write {args.check})")
        print(f"{args.check} matches the series")
    elif args.write:
        with open(args.write, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print(f"wrote {args.write}")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
