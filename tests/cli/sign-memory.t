sign streams its files as check does: the tree is walked as the files are signed and each
batch of bundles is written and reported before the next is held, so peak memory does not grow
with the number of files. Four times the files (10,000 tiny ones against 2,500, both more than
the two batches of 1,024 that sign holds at once) may cost at most a few MB more (before, every
file's result stayed in memory until the end: about 3.5 KB a file, 25 MB more here).

  $ test -x /usr/bin/time || echo "@skip no /usr/bin/time"

Under AddressSanitizer (the test-asan build sets ASAN_OPTIONS) freed memory would wait in a
256 MiB quarantine and count as resident: it is turned off, so that what is measured is the
memory the command holds.

  $ if [ -n "${ASAN_OPTIONS:-}" ]; then export ASAN_OPTIONS="$ASAN_OPTIONS:quarantine_size_mb=0:thread_local_quarantine_size_kb=0"; fi
  $ export HALLMARK_HOME=home
  $ hallmark key new --name alice --out k --unencrypted -q
  $ mkdir few many
  $ for i in $(seq 2500); do echo "file $i" > few/f$i.txt; done
  $ for i in $(seq 10000); do echo "file $i" > many/f$i.txt; done
  $ /usr/bin/time -f %M -o few.kb hallmark sign few --all --key k/alice.key -q
  $ /usr/bin/time -f %M -o many.kb hallmark sign many --all --key k/alice.key -q
  $ ls few/*.hallmark | wc -l; ls many/*.hallmark | wc -l
  2500
  10000
  $ few=$(tail -1 few.kb); many=$(tail -1 many.kb)
  $ test "$few" -gt 1000 && test "$many" -gt 1000 && echo measured
  measured
  $ test $((many - few)) -lt 8192 && echo "within 8 MB" || echo "grew by $((many - few)) KB"
  within 8 MB

--json is written as the files are signed, file by file, and is still exactly the document
json.dumps would print for the whole: the header first, then each batch's files.

  $ mkdir three && for i in 1 2 3; do echo "json $i" > three/j$i.txt; done
  $ hallmark sign three --all --key k/alice.key --json > out.json
  $ python3 -c 'import json; t = open("out.json").read(); d = json.loads(t); assert t == json.dumps(d, indent=2) + "\n", t; print(len(d["files"]), sorted(f["file"] for f in d["files"]))'
  3 ['three/j1.txt', 'three/j2.txt', 'three/j3.txt']
  $ mkdir none && echo x > none/a.txt && hallmark sign none/a.txt --key k/alice.key -q
  $ hallmark sign none --all --key k/alice.key --json --force | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["files"]))'
  1
  $ hallmark sign none --all --key k/alice.key --json --force --out x.hallmark
  hallmark: error: --out needs exactly one FILE
  [2]
