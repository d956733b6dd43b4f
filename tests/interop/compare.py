#!/usr/bin/env python3
"""Compares c2pa-rs's verdict (rs.json) with hallmark's (hm.json) for one file: the
validation_state and every status of the active manifest and of the ingredient deltas, as
(kind, code, url) multisets. When c2pa-rs reads no manifest, hallmark must read none either, for
the same kind of reason: nothing there (JumbfNotFound), only a remote reference, or a store that
is there but cannot be read, which hallmark must report as a reader error (a report), never as
"no manifest" nor as a file it cannot parse at all.

With verdict.json (the JSON of `hallmark verify --json` on the file), hallmark's verdict must
follow from c2pa-rs's: Trusted is verified, Valid is untrusted-signer, Invalid is tampered,
invalid-signature or malformed, a store that cannot be read is malformed, no store is unsigned.

  compare.py NAME rs.json hm.json [verdict.json]
  compare.py --batch LIST     LIST: one line per file, those arguments separated by tabs
Prints one line per file; exit 1 on any difference."""
import json
import sys


def codes(c):
    return sorted((k, s['code'], s.get('url') or '') for k in ('success', 'informational', 'failure')
                  for s in c.get(k, []))


def deltas(d):
    return {x['ingredientAssertionURI']: codes(x['validationDeltas']) for x in d}


def absence(reader_error):
    """Why no manifest was read: 'none', 'remote' or 'broken'."""
    if 'JumbfNotFound' in reader_error:
        return 'none'
    if 'RemoteManifest' in reader_error:
        return 'remote'
    return 'broken'


def compare(name, rs_path, hm_path, verdict_path=None):
    """One line for one file; True when hallmark agrees."""
    rs = json.load(open(rs_path))
    hm = json.load(open(hm_path))
    problems = []
    if rs.get('validation_state') != hm.get('validation_state'):
        problems.append(f"state c2pa-rs={rs.get('validation_state')} hallmark={hm.get('validation_state')}")
    if rs.get('manifest_present'):
        a, b = codes(rs['active']), codes(hm.get('active', {}))
        if a != b:
            problems.append(f"active: only c2pa-rs {sorted(set(a) - set(b))}, only hallmark {sorted(set(b) - set(a))}")
        if deltas(rs['ingredient_deltas']) != deltas(hm.get('ingredient_deltas', [])):
            problems.append(f"ingredient deltas differ: c2pa-rs {rs['ingredient_deltas']} hallmark {hm.get('ingredient_deltas')}")
    else:
        want = absence(rs.get('reader_error') or '')
        if 'error' in hm:
            problems.append(f"hallmark could not read the file ({hm['error']}); c2pa-rs: {rs.get('reader_error')}")
        elif hm.get('manifest_present'):
            problems.append(f"hallmark read a manifest; c2pa-rs: {rs.get('reader_error')}")
        elif absence(hm.get('reader_error') or '') != want:
            problems.append(f"no manifest for another reason: c2pa-rs {rs.get('reader_error')}, "
                            f"hallmark {hm.get('reader_error')}")
    if verdict_path:
        verdict = json.load(open(verdict_path))['files'][0]['verdict']
        if rs.get('manifest_present'):
            allowed = {'Trusted': {'verified'}, 'Valid': {'untrusted-signer'},
                       'Invalid': {'tampered', 'invalid-signature', 'malformed'}}[rs['validation_state']]
        else:
            allowed = {'none': {'unsigned'}, 'remote': {'unsigned'},
                       'broken': {'malformed'}}[absence(rs.get('reader_error') or '')]
        if verdict not in allowed:
            problems.append(f"hallmark verify says {verdict}, not {' or '.join(sorted(allowed))}")
    failures = sorted({s['code'] for s in rs.get('active', {}).get('failure', [])})
    if problems:
        print(f"FAIL: {name}: " + '; '.join(problems))
        return False
    what = rs.get('validation_state') or f"no manifest ({rs.get('reader_error')})"
    print(f"ok: {name}: {what} {' '.join(failures)}".rstrip())
    return True


if sys.argv[1] == '--batch':
    ok = True
    for line in open(sys.argv[2]).read().splitlines():
        ok = compare(*[f for f in line.split('\t') if f]) and ok
    sys.exit(0 if ok else 1)
sys.exit(0 if compare(*sys.argv[1:5]) else 1)
