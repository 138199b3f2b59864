#!/usr/bin/env python3
"""Resident memory of one process by mapping (file, [anon], /memfd:doublemapper...), from /proc/PID/smaps:
Rss, private dirty, private clean and shared clean, largest first.   smaps-summary.py PID [TOP]"""
import collections
import re
import sys

pid = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
fields = ('Rss', 'Private_Dirty', 'Private_Clean', 'Shared_Clean', 'Anonymous')
by_name = collections.defaultdict(collections.Counter)
name = None
with open(f'/proc/{pid}/smaps') as smaps:
    for line in smaps:
        if re.match(r'^[0-9a-f]+-[0-9a-f]+ ', line):
            parts = line.split(None, 5)
            name = parts[5].strip() if len(parts) > 5 else '[anon]'
        else:
            key, _, value = line.partition(':')
            if key in fields:
                by_name[name][key] += int(value.split()[0])
total = sum(by_name.values(), collections.Counter())
mb = lambda kb: kb / 1024
print(f"TOTAL Rss {mb(total['Rss']):.1f} MB  PrivDirty {mb(total['Private_Dirty']):.1f}  PrivClean {mb(total['Private_Clean']):.1f}  "
      f"SharedClean {mb(total['Shared_Clean']):.1f} Anon {mb(total['Anonymous']):.1f}")
for n, c in sorted(by_name.items(), key=lambda item: -item[1]['Rss'])[:top]:
    print(f"{mb(c['Rss']):7.2f} dirty {mb(c['Private_Dirty']):6.2f} pclean {mb(c['Private_Clean']):6.2f} "
          f"sclean {mb(c['Shared_Clean']):6.2f}  {n[-90:]}")
