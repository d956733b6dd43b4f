Nothing the user had is lost: hallmark-sign(1), hallmark-anchor(1), hallmark-log(5).

  $ hallmark key new --name alice --unencrypted > /dev/null
  $ hallmark key new --name publisher --unencrypted > /dev/null
  $ hallmark trust add alice > /dev/null && hallmark trust add publisher > /dev/null

Signing again would replace a bundle, and the countersignatures and receipts in it: refused,
and the bundle is left as it was, unless --force.

  $ echo photo > photo.txt
  $ hallmark sign photo.txt --key alice -q
  $ hallmark sign --countersign photo.txt --key publisher -q
  $ cp photo.txt.hallmark before
  $ hallmark sign photo.txt --key alice --title again
  hallmark: error: photo.txt.hallmark already exists: signing again would replace the manifest with its countersignatures and receipts
  hallmark: hint: use --force to replace it, --out to write the new bundle elsewhere, or sign --countersign to add your signature to it
  [2]
  $ cmp photo.txt.hallmark before && echo unchanged
  unchanged
  $ hallmark sign photo.txt --key alice --title again --out before
  hallmark: error: before already exists: signing again would replace the manifest with its countersignatures and receipts
  hallmark: hint: use --force to replace it, --out to write the new bundle elsewhere, or sign --countersign to add your signature to it
  [2]
  $ hallmark sign photo.txt --key alice --title again --force -q
  $ cmp -s photo.txt.hallmark before || echo replaced
  replaced
  $ hallmark verify photo.txt
  photo.txt: ✔ verified — signed by alice (trusted) on * (glob)

Under a directory, every bundle that exists is named, and nothing is signed.

  $ mkdir d && for f in a b c e; do echo $f > d/$f.txt; done
  $ hallmark sign d/a.txt d/b.txt d/c.txt --key alice -q
  $ hallmark sign d --all --key alice
  hallmark: error: 3 bundles already exist (d/a.txt.hallmark, d/b.txt.hallmark, d/c.txt.hallmark): signing again would replace the manifest with its countersignatures and receipts
  hallmark: hint: use --force to replace them, or sign --countersign to add your signature to each
  [2]
  $ ls d
  a.txt
  a.txt.hallmark
  b.txt
  b.txt.hallmark
  c.txt
  c.txt.hallmark
  e.txt
  $ hallmark sign d --all --key alice --force | wc -l
  4

A countersignature vouches for the file too: one that no longer matches its manifest is
refused (exit 1, checked and not as signed), and so is a bundle whose file cannot be told.

  $ cp before photo.txt.hallmark && echo changed >> photo.txt
  $ hallmark sign --countersign photo.txt --key publisher
  hallmark: error: photo.txt no longer matches its manifest (the file is 8 bytes longer than signed); refusing to countersign
  [1]
  $ cmp photo.txt.hallmark before && echo unchanged
  unchanged
  $ cp d/a.txt.hallmark other-name.hallmark
  $ hallmark sign --countersign other-name.hallmark --key publisher
  hallmark: error: cannot tell which file other-name.hallmark signs: countersigning checks that the file still matches it
  hallmark: hint: name the file instead: hallmark sign --countersign FILE (its bundle is FILE.hallmark)
  [2]

A writer killed with kill -9 leaves its temporary file. check neither checks nor counts it;
the next writer in that directory removes it, once its writer's process is gone (a live
writer's, here this shell's, stays).

  $ gone=$(sh -c 'echo $$')
  $ echo partial > d/a.txt.hallmark.tmp-$gone-0-1
  $ echo partial > d/b.txt.hallmark.tmp-$$-0-1
  $ hallmark check d
  ✔ d/a.txt — verified — signed by alice (trusted) on * (glob)
  ✔ d/b.txt — verified — signed by alice (trusted) on * (glob)
  ✔ d/c.txt — verified — signed by alice (trusted) on * (glob)
  ✔ d/e.txt — verified — signed by alice (trusted) on * (glob)
  hallmark check: 4 files, 4 passed, 0 failed, 0 skipped, 0 errors (* s) (glob)
  $ hallmark sign d/e.txt --key alice --force -q
  $ ls d | grep tmp
  b.txt.hallmark.tmp-*-0-1 (glob)

The log's database is whole after every command: log.db copied alone (without its -wal and
-shm files) is the same log.

  $ hallmark log init log --origin example.com/safety > /dev/null
  $ hallmark sign d/e.txt --key alice --anchor log --force -q
  $ mkdir copy && cp -r log/log.db log/*.key log/log.vkey log/policy log/checkpoint log/tile copy/
  $ hallmark log fsck copy
  copy: size 1, 1 entry, 2 tiles, 2 recorded checkpoints: clean
  $ hallmark anchor d/c.txt --log copy | sed 's/ (sha256:.*)//'
  anchored d/c.txt.hallmark in copy
  $ hallmark log fsck copy
  copy: size 2, 2 entries, 4 tiles, 3 recorded checkpoints: clean

check reads no bundle through a symbolic link (verify, told the file, still does).

  $ mkdir tree elsewhere && echo art > elsewhere/art.txt && hallmark sign elsewhere/art.txt --key alice -q
  $ cp elsewhere/art.txt tree/ && ln -s ../elsewhere/art.txt.hallmark tree/art.txt.hallmark
  $ hallmark verify tree/art.txt
  tree/art.txt: ✔ verified — signed by alice (trusted) on * (glob)
  $ hallmark check tree
  ✘ tree/art.txt — unsigned — no provenance found (tree/art.txt.hallmark is a symbolic link, not followed)
  - tree/art.txt.hallmark — skipped: a symbolic link out of the tree (not followed)
  hallmark check: 2 files, 0 passed, 1 failed, 1 skipped, 0 errors (* s) (glob)
  [1]
