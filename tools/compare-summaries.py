#!/usr/bin/env python3
"""Compares two fingerprints (tools/fingerprint.sh) whose numbers are meant to differ only in their last
bits: every run's status must be the same, and every mean in the after summary.csv must lie inside the
before one's 95% interval (accounting-error metrics aside). Exit 1 when one does not.

usage: tools/compare-summaries.py BEFORE AFTER
"""
import csv
import glob
import json
import sys

before, after = sys.argv[1], sys.argv[2]
KEY = ('point', 'variant', 'statistic', 'metric')
checked = problems = 0
for path in sorted(glob.glob(before + '/*/summary.csv')):
    name = path.split('/')[-2]
    old = {tuple(r[k] for k in KEY): r for r in csv.DictReader(open(path))}
    new = {tuple(r[k] for k in KEY): r for r in csv.DictReader(open(path.replace(before, after, 1)))}
    statuses = [json.load(open(f'{d}/{name}/manifest.json')).get('runs_by_status') for d in (before, after)]
    if statuses[0] != statuses[1]:
        print(f'{name}: run statuses {statuses[0]} -> {statuses[1]}')
        problems += 1
    for key, row in old.items():
        if 'accounting' in key[3] or row['ci_low'] in ('', 'nan'):
            continue
        moved = new.get(key)
        if moved is None or moved['n'] != row['n']:
            print(f'{name} {key}: missing or another sample size')
            problems += 1
            continue
        checked += 1
        if not float(row['ci_low']) <= float(moved['mean']) <= float(row['ci_high']):
            print(f"{name} {key}: mean {moved['mean']} outside [{row['ci_low']}, {row['ci_high']}]")
            problems += 1
print(f'{checked} means checked, {problems} problems')
sys.exit(1 if problems else 0)
