Anchoring: signed manifests go into a transparency log; the receipts travel in the bundles and
are checked offline; the log finds a stripped copy again.

  $ export HALLMARK_HOME=home
  $ "$REPO/scripts/make-samples" s > /dev/null
  $ hallmark key new --name alice --unencrypted -q && hallmark trust add alice -q
  $ hallmark log init log --origin example.com/newsroom-log | sed 's/+.*/+…/'
  example.com/newsroom-log+…
  $ hallmark sign s/clip.mp4 s/photo.jpg --key alice --anchor log | sed 's/(sha256:[0-9a-f]*)/(…)/'
  signed s/clip.mp4 -> s/clip.mp4.hallmark (…), anchored
  signed s/photo.jpg -> s/photo.jpg.hallmark (…), anchored
  $ hallmark log checkpoint log | sed -n 2p
  2

Offline, against the log's key: anchored. Without any log key the receipt proves nothing.

  $ hallmark verify s/clip.mp4 --log-key "$(cat log/log.vkey)"
  s/clip.mp4: ✔ verified — signed by alice (trusted) on * [anchored] (glob)
  $ hallmark verify s/clip.mp4 --log-policy log/policy -v | grep receipt | sed 's/logged by .*/logged by …/'
    receipt: anchored in example.com/newsroom-log at index 0 of 2, logged by …
  $ hallmark verify s/clip.mp4
  s/clip.mp4: ✔ verified — signed by alice (trusted) on * (glob)
    receipt: example.com/newsroom-log: not checked: no log key or log policy to check it against
  $ hallmark verify s/clip.mp4 --log-key "$(hallmark log init other --origin example.com/other)"
  s/clip.mp4: ✔ verified — signed by alice (trusted) on * (glob)
    receipt: example.com/newsroom-log: not checked: receipt: no trusted log key for origin "example.com/newsroom-log"

A bundle signed earlier is anchored later with hallmark anchor; twice keeps its index.

  $ cp s/tone.wav tone.wav
  $ hallmark sign tone.wav --key alice -q
  $ hallmark anchor tone.wav --log log | sed 's/(sha256:[0-9a-f]*)/(…)/'
  anchored tone.wav.hallmark (…) in log
  $ hallmark anchor tone.wav.hallmark --log log | sed 's/(sha256:[0-9a-f]*)/(…)/'
  anchored tone.wav.hallmark (…) in log
  $ hallmark inspect tone.wav | grep receipt
  receipt    example.com/newsroom-log index 2 (not verified here)

A copy re-shared without its bundle, remuxed and stripped, is recognised from the log.

  $ ffmpeg -nostdin -v error -i s/clip.mp4 -map 0 -map_metadata -1 -c copy reshared.mkv
  $ hallmark verify reshared.mkv
  reshared.mkv: ✘ unsigned — no provenance found (no reshared.mkv.hallmark)
  [1]
  $ hallmark verify reshared.mkv --log log
  reshared.mkv: ✔ verified-content — signed by alice (trusted) on *; the content is as signed (remuxed mp4 → matroska) [recovered-from-log, remuxed, anchored] (glob)
    recovered from the log: signed by alice (trusted), anchored at index 0 on * (glob)
  $ hallmark log lookup log reshared.mkv | sed 's/[0-9a-f]\{64\}/ROOT/'
  0 media:ROOT

A receipt whose proof was altered fails and says which receipt.

  $ python3 -c 'import json; b = json.load(open("s/photo.jpg.hallmark")); r = b["receipts"][0].split("\n"); i = next(n for n, l in enumerate(r) if l.startswith("index ")); r[i] = "index 7"; b["receipts"][0] = "\n".join(r); json.dump(b, open("forged.hallmark", "w"))'
  $ hallmark verify s/photo.jpg --bundle forged.hallmark --log-policy log/policy
  s/photo.jpg: ✘ invalid-signature — receipt 1 (example.com/newsroom-log): receipt: entry is not at index 7 of example.com/newsroom-log at size 2: inclusion proof: index 7 is not below tree size 2 [location-redacted]
    receipt: example.com/newsroom-log: not checked: receipt: entry is not at index 7 of example.com/newsroom-log at size 2: inclusion proof: index 7 is not below tree size 2
  [1]

The log's tools: fsck is clean, and a garbage checkpoint is one clear error.

  $ hallmark log fsck log | sed 's/^log: //'
  size 3, 3 entries, 4 tiles, 3 recorded checkpoints: clean
  $ cp -r log broken && echo garbage > broken/checkpoint
  $ hallmark verify s/clip.mp4 --log broken
  hallmark: error: --log broken: broken/checkpoint: note has no blank line before its signatures
  [2]

A gate that requires a receipt from this log: anchored files pass, the rest do not.

  $ hallmark sign s/image.png --key alice -q
  $ printf '[defaults]\nrequire_receipt = true\nlog_keys = %s\n' "$(cat log/log.vkey)" > receipt.policy
  $ hallmark check s/clip.mp4 s/photo.jpg tone.wav s/image.png --policy receipt.policy 2>&1 | sed 's/ on [0-9-]*/ on DATE/; s/([0-9.]* s)/(TIME)/'
  ✔ s/clip.mp4 — verified — signed by alice (trusted) on DATE [anchored]
  ✔ s/photo.jpg — verified — signed by alice (trusted) on DATE [location-redacted, anchored]
  ✔ tone.wav — verified — signed by alice (trusted) on DATE [anchored]
  ✘ s/image.png — receipt-missing: no transparency log receipt that verifies against the policy's log keys
  hallmark check: 4 files, 3 passed, 1 failed, 0 skipped, 0 errors (TIME)
