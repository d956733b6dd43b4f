Every path the user names must exist and parse, else the run stops with exit 2 and one line
naming it: a missing --log is not a log check that passed, a missing --trust is not an empty
store. Only the default trust store may be absent (nobody is trusted yet).

  $ export HALLMARK_HOME="$PWD/home"
  $ hallmark key new --name alice --unencrypted -q && hallmark trust add alice -q
  $ echo hello > a.txt && hallmark sign a.txt --key alice -q
  $ hallmark log init lg --origin example.com/log > /dev/null
  $ hallmark verify a.txt --log lg
  a.txt: ✔ verified — signed by alice (trusted) on * (glob)
  $ hallmark verify a.txt --log missing-log
  hallmark: error: --log missing-log: no such directory
  [2]
  $ hallmark verify a.txt --log home
  hallmark: error: --log home: not a transparency log (no home/checkpoint)
  [2]
  $ hallmark verify a.txt --log a.txt
  hallmark: error: --log a.txt: not a directory
  [2]
  $ cp -r lg broken-lg && echo garbage > broken-lg/checkpoint
  $ hallmark verify a.txt --log broken-lg
  hallmark: error: --log broken-lg: * (glob)
  [2]
  $ hallmark check a.txt --log missing-log
  hallmark: error: --log missing-log: no such directory
  [2]
  $ hallmark history a.txt --log missing-log
  hallmark: error: --log missing-log: no such directory
  [2]

A trust store named with --trust must exist; the hint never points at another store.

  $ hallmark verify a.txt --trust missing-store
  hallmark: error: --trust missing-store: no such file
  [2]
  $ hallmark check a.txt --trust missing-store
  hallmark: error: --trust missing-store: no such file
  [2]
  $ HALLMARK_HOME=fresh hallmark verify a.txt
  a.txt: ✘ untrusted-signer — signed by "alice" (untrusted key *) on * (glob)
  hallmark: hint: your trust store fresh/trust is empty
  hallmark: hint: if you know whose key ed25519:*… is, trust it with: hallmark trust add ed25519:* --name alice (glob)
  [1]

The other files a flag names.

  $ hallmark verify a.txt --bundle missing.hallmark
  hallmark: error: --bundle missing.hallmark: no such file
  [2]
  $ hallmark check a.txt --policy missing-policy
  hallmark: error: --policy missing-policy: no such file
  [2]
  $ hallmark verify a.txt --c2pa-trust missing.pem
  hallmark: error: --c2pa-trust missing.pem: no such file
  [2]
  $ hallmark verify a.txt --c2pa-trust a.txt
  hallmark: error: --c2pa-trust a.txt: no PEM certificate in it
  [2]
  $ hallmark check a.txt --c2pa-trust missing.pem
  hallmark: error: --c2pa-trust missing.pem: no such file
  [2]
  $ hallmark verify a.txt --c2pa-sidecar missing.c2pa
  hallmark: error: --c2pa-sidecar missing.c2pa: no such file
  [2]
  $ hallmark verify a.txt --fragment missing.m4s
  hallmark: error: --fragment missing.m4s: no such file
  [2]
  $ hallmark verify a.txt --log-policy missing-policy
  hallmark: error: --log-policy missing-policy: no such file
  [2]

A directory is for check; `verify *` does not verify the bundles it also matches.

  $ hallmark verify .
  hallmark: error: . is a directory
  hallmark: hint: to verify every media file under a directory, run: hallmark check .
  [2]
  $ mkdir pics && echo world > pics/b.txt && cp a.txt* pics/ && hallmark sign pics/b.txt --key alice -q
  $ cd pics && ls && hallmark verify *
  a.txt
  a.txt.hallmark
  b.txt
  b.txt.hallmark
  a.txt: ✔ verified — signed by alice (trusted) on * (glob)
  b.txt: ✔ verified — signed by alice (trusted) on * (glob)
  $ hallmark verify *.hallmark *.txt
  a.txt: ✔ verified — signed by alice (trusted) on * (glob)
  b.txt: ✔ verified — signed by alice (trusted) on * (glob)
  $ hallmark verify a.txt.hallmark
  a.txt.hallmark: ✘ unsigned — no provenance found (no a.txt.hallmark.hallmark)
  hallmark: hint: a.txt.hallmark is a bundle: verify the file it signed (hallmark verify a.txt)
  [1]
  $ cd ..
