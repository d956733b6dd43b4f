#!/usr/bin/env python3
"""Compares c2pa-rs's verdict (rs.json) with hallmark's (hm.json) for one file: the
validation_state and every status of the active manifest and of the ingredient deltas, as
(kind, code, url) multisets. Prints one line; exit 1 on a difference."""
import json
import sys

name, rs_path, hm_path = sys.argv[1:]
rs = json.load(open(rs_path))
hm = json.load(open(hm_path))


def codes(c):
    return sorted((k, s['code'], s.get('url') or '') for k in ('success', 'informational', 'failure')
                  for s in c.get(k, []))


def deltas(d):
    return {x['ingredientAssertionURI']: codes(x['validationDeltas']) for x in d}


problems = []
if rs.get('validation_state') != hm.get('validation_state'):
    problems.append(f"state c2pa-rs={rs.get('validation_state')} hallmark={hm.get('validation_state')}")
if rs.get('manifest_present'):
    a, b = codes(rs['active']), codes(hm.get('active', {}))
    if a != b:
        problems.append(f"active: only c2pa-rs {sorted(set(a) - set(b))}, only hallmark {sorted(set(b) - set(a))}")
    if deltas(rs['ingredient_deltas']) != deltas(hm.get('ingredient_deltas', [])):
        problems.append(f"ingredient deltas differ: c2pa-rs {rs['ingredient_deltas']} hallmark {hm.get('ingredient_deltas')}")
failures = sorted({s['code'] for s in rs.get('active', {}).get('failure', [])})
if problems:
    print(f"FAIL: {name}: " + '; '.join(problems))
    sys.exit(1)
print(f"ok: {name}: {rs.get('validation_state')} {' '.join(failures)}".rstrip())
