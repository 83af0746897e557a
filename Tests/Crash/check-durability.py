#!/usr/bin/env python3
"""Reads an `strace -f -y` log of a drypowder command and checks that what it leaves is durable:
every file it creates is synced (fsync or fdatasync) before it (or the folder holding it) is renamed into place, and
every folder an entry was renamed into is fsynced afterwards. Exempt: journal.log (a log for people), and
the rename of a finished run's part into a sweep's parts/ folder (a power cut that undid it only makes
--resume run that run again; SweepDirectory.Part.commit).
Prints each violation and exits 1 if there is any."""
import os
import re
import sys

created, synced, problems = set(), set(), []
unsynced_dirs = {}
for line in open(sys.argv[1]):
    m = re.search(r'openat\(AT_FDCWD(?:<[^>]*>)?, "([^"]+)", [^)]*O_CREAT', line)
    if m and "= -1" not in line:
        created.add(os.path.abspath(m.group(1)))
    m = re.search(r'f(?:data)?sync\(\d+<([^>]+)>', line)
    if m:
        synced.add(m.group(1))
        unsynced_dirs.pop(m.group(1), None)
    m = re.search(r'rename(?:at2?)?\((?:AT_FDCWD(?:<[^>]*>)?, )?"([^"]+)", (?:AT_FDCWD(?:<[^>]*>)?, )?"([^"]+)"', line)
    if m and "= -1" not in line:
        source, target = (os.path.abspath(p) for p in m.groups())
        for path in created:
            inside = path == source or path.startswith(source + "/")
            if inside and path not in synced and not path.endswith("/journal.log"):
                problems.append(f"{path} was not fsynced before {source} was renamed to {target}")
        if os.path.basename(os.path.dirname(target)) != "parts":
            unsynced_dirs[os.path.dirname(target)] = target
for folder, target in unsynced_dirs.items():
    problems.append(f"{folder} was not fsynced after {target} was renamed into it")
for p in sorted(set(problems)):
    print("durability:", p)
print(f"durability: {len(created)} files created, {len(synced)} paths synced, {len(set(problems))} problems")
sys.exit(1 if problems else 0)
