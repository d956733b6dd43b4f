Bounded resources on hostile bundles (hallmark-manifest(5), "Limits"). Each is refused as
malformed with one clear line, within 128 MiB plus 4 x the size of the legitimate bundle
and quickly: `hostile-bundle run` measures the peak RSS and the time, and says so when one
is over. The hostile bundles are sparse or written a megabyte at a time, so that making them
costs this test almost nothing.

  $ export HALLMARK_HOME=home
  $ hallmark key new --name k --unencrypted > /dev/null
  $ hallmark trust add k -q
  $ cp "$SAMPLES/image.png" pier.png
  $ hallmark sign pier.png --key k -q
  $ cp pier.png.hallmark good.hallmark
  $ limit() { hostile-bundle run --legit good.hallmark --seconds 15 -- "$@"; }

25 million unit names (100 MB) for a picture of 2 units: refused before any is kept.

  $ hostile-bundle names good.hallmark names.hallmark 25000000
  $ du --apparent-size -m names.hallmark | cut -f1
  96
  $ limit hallmark verify pier.png --bundle names.hallmark
  pier.png: ✘ malformed — names.hallmark: bundle: "leaves"."media"."image#0": 25000002 unit names for 2 leaves
  [1]
  $ limit hallmark inspect names.hallmark
  hallmark: error: names.hallmark: bundle: "leaves"."media"."image#0": 25000002 unit names for 2 leaves
  [2]

400 MB of NUL bytes; the good bundle followed by 400 MB of them; 100 MB of whitespace inside
it (which is still a good bundle, read in bounded memory).

  $ hostile-bundle nul nul.hallmark 400000000
  $ limit hallmark verify pier.png --bundle nul.hallmark
  pier.png: ✘ malformed — nul.hallmark: bundle: not valid JSON
  [1]
  $ hostile-bundle tail good.hallmark tail.hallmark 400000000
  $ limit hallmark verify pier.png --bundle tail.hallmark
  pier.png: ✘ malformed — tail.hallmark: bundle: trailing bytes after the JSON value
  [1]
  $ hostile-bundle space good.hallmark space.hallmark 100000000
  $ limit hallmark verify pier.png --bundle space.hallmark
  pier.png: ✔ verified — signed by k (trusted) on * (glob)

100000 copies of the bundle's own manifest as ancestors (about 100 MB): every one is
checked, none is kept, since nothing names it as a parent. One more is too many.

  $ hostile-bundle ancestors good.hallmark copies.hallmark 100000
  $ limit hallmark verify pier.png --bundle copies.hallmark
  pier.png: ✔ verified — signed by k (trusted) on * (glob)
  $ hostile-bundle empties good.hallmark empties.hallmark 100000
  $ limit hallmark verify pier.png --bundle empties.hallmark
  pier.png: ✘ malformed — empties.hallmark: bundle: more than 100000 ancestors
  [1]

"hallmark_bundle": 1.0 is not the version 1, and says so.

  $ sed 's/"hallmark_bundle": 1/"hallmark_bundle": 1.0/' good.hallmark > pier.png.hallmark
  $ hallmark verify pier.png
  pier.png: ✘ malformed — pier.png.hallmark: bundle: "hallmark_bundle" must be the integer 1
  [1]

hallmark check with two jobs over four hostile bundles: memory stays bounded too.

  $ mkdir tree
  $ for i in 1 2 3 4; do cp pier.png tree/p$i.png; done
  $ ln names.hallmark tree/p1.png.hallmark && ln nul.hallmark tree/p2.png.hallmark
  $ ln tail.hallmark tree/p3.png.hallmark && ln copies.hallmark tree/p4.png.hallmark
  $ limit hallmark check tree -j 2 | grep -c malformed
  3
