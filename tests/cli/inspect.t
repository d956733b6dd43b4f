inspect shows a manifest without verifying it, from the file or from the bundle.

  $ export HALLMARK_HOME=home
  $ hallmark key new --name alice --unencrypted > /dev/null
  $ printf 'some bytes' > clip.mp4
  $ hallmark sign clip.mp4 --key alice --title 'Harbour at dawn' --source-type digitalCapture --action 'c2pa.color_adjustments:warmer' -q
  $ hallmark inspect clip.mp4
  bundle     clip.mp4.hallmark
  manifest   sha256:* (glob)
  created    *T*Z (glob)
  title      Harbour at dawn
  creator    alice ed25519:* (id *) (glob)
  source     digitalCapture
  action     c2pa.created
  action     c2pa.color_adjustments — warmer
  binding    file 10 bytes, 1 chunk of 1.0 MiB, root * (glob)
  signature  ed25519:* (creator) (glob)
  receipts   0
  ancestors  0
  $ hallmark inspect clip.mp4.hallmark | head -2
  bundle     clip.mp4.hallmark
  manifest   sha256:* (glob)
  $ hallmark inspect --json clip.mp4 | python3 -c 'import json,sys; d = json.load(sys.stdin); print(d["hallmark_inspect"], d["bundle"], d["manifest"]["title"], d["manifest"]["actions"], d["leaves"], len(d["signatures"]))'
  1 clip.mp4.hallmark Harbour at dawn [{'action': 'c2pa.created'}, {'action': 'c2pa.color_adjustments', 'description': 'warmer'}] {'file': 1} 1

Nothing to inspect, or something that is not a bundle.

  $ hallmark inspect nothing.mp4
  hallmark: error: no bundle for nothing.mp4 (nothing.mp4.hallmark does not exist)
  [2]
  $ printf 'not json' > junk.hallmark
  $ hallmark inspect junk.hallmark
  hallmark: error: junk.hallmark: bundle: not valid JSON
  [2]
  $ hallmark inspect clip.mp4 --bogus
  hallmark: error: the following argument was not expected: --bogus
  hallmark: hint: run 'hallmark inspect --help' for usage
  [2]
