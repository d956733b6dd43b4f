A chain: a camera original, a crop by an editor, a publisher's countersignature.

  $ export HALLMARK_HOME=home
  $ for k in alice newsroom publisher mallory; do hallmark key new --name $k --unencrypted -q; done
  $ for k in alice newsroom publisher; do hallmark trust add $k -q; done
  $ printf 'the original frame' > original.jpg
  $ printf 'the cropped frame' > cropped.jpg
  $ hallmark sign original.jpg --key alice --source-type digitalCapture -q
  $ hallmark sign cropped.jpg --key newsroom --parent original.jpg --action c2pa.cropped -q
  $ hallmark sign --countersign cropped.jpg --key publisher
  countersigned cropped.jpg.hallmark (sha256:*) as publisher, now 2 signatures (glob)
  $ hallmark verify cropped.jpg
  cropped.jpg: ✔ verified — signed by alice (trusted) on *, edited by newsroom (trusted): cropped, countersigned by publisher (trusted) [edited] (glob)
  $ hallmark history cropped.jpg
  cropped.jpg: ✔ verified
  └─ ✔ sha256:*… cropped — by newsroom (trusted) on *, countersigned by publisher (trusted) (glob)
     └─ ✔ parentOf sha256:*… created — by alice (trusted) on * [digitalCapture] (glob)

As JSON for machines, and as Graphviz DOT that renders.

  $ hallmark history cropped.jpg --format json | python3 -c 'import json,sys; d = json.load(sys.stdin); print([(l["depth"], l["relationship"], l["status"], [s["name"] for s in l["signers"]]) for l in d["links"]])'
  [(0, None, 'verified', ['newsroom', 'publisher']), (1, 'parentOf', 'verified', ['alice'])]
  $ hallmark history cropped.jpg --format dot > history.dot
  $ dot -Tsvg history.dot > history.svg && grep -c '<g id="node' history.svg
  2
  $ hallmark verify --json cropped.jpg | python3 -c 'import json,sys; print([l["status"] for l in json.load(sys.stdin)["files"][0]["history"]])'
  ['verified', 'verified']

A derivative must not claim to be an original, and its parent must be signed.

  $ hallmark sign cropped.jpg --key newsroom --parent original.jpg --action c2pa.created --force
  hallmark: error: a derived file must not claim the action c2pa.created
  [2]
  $ printf 'unsigned' > other.jpg
  $ hallmark sign cropped.jpg --key newsroom --parent other.jpg
  hallmark: error: no bundle for other.jpg (other.jpg.hallmark does not exist)
  hallmark: hint: a parent must be signed first: hallmark sign other.jpg
  [2]

A derivative by an untrusted editor: the chain names the link.

  $ cp cropped.jpg fake.jpg
  $ hallmark sign fake.jpg --key mallory --parent original.jpg --action c2pa.edited -q
  $ hallmark verify fake.jpg
  fake.jpg: ✘ untrusted-signer — signed by alice (trusted) on *, edited by "mallory" (untrusted key *): edited [edited] (glob)
  hallmark: hint: if you know whose key ed25519:*… is, trust it with: hallmark trust add ed25519:* --name mallory (glob)
  [1]
  $ hallmark history fake.jpg | tail -2
  └─ ✘ sha256:*… edited — by "mallory" (untrusted key *) on *: untrusted-signer, no signer is in the trust store (creator "mallory", key *) (glob)
     └─ ✔ parentOf sha256:*… created — by alice (trusted) on * [digitalCapture] (glob)

An ancestor altered inside the bundle, or dropped from it.

  $ python3 -c 'import json; b = json.load(open("cropped.jpg.hallmark")); s = b["ancestors"][0]["signatures"][0]; s["sig"] = ("A" if s["sig"][0] != "A" else "B") + s["sig"][1:]; json.dump(b, open("cropped.jpg.hallmark", "w"))'
  $ hallmark verify cropped.jpg
  cropped.jpg: ✘ invalid-signature — history link 1 (sha256:*): the signature by key * does not verify [edited] (glob)
  [1]
  $ python3 -c 'import json; b = json.load(open("cropped.jpg.hallmark")); b["ancestors"] = []; json.dump(b, open("cropped.jpg.hallmark", "w"))'
  $ hallmark verify cropped.jpg
  cropped.jpg: ✘ malformed — history link 1 (sha256:*): parent sha256:*… of sha256:*… is not in the bundle's ancestors [edited] (glob)
  [1]

An AI-generated ingredient is flagged on the first line.

  $ printf 'generated sky' > sky.png
  $ printf 'composite' > composite.jpg
  $ hallmark sign sky.png --key alice --source-type trainedAlgorithmicMedia -q
  $ hallmark sign composite.jpg --key newsroom --parent original.jpg --component sky.png --action 'c2pa.placed:sky from sky.png' -q
  $ hallmark verify composite.jpg
  composite.jpg: ✔ verified — signed by alice (trusted) on *, edited by newsroom (trusted): placed (sky from sky.png) [edited, contains-ai] (glob)
    ! contains AI-generated material (componentOf sha256:*… declares trainedAlgorithmicMedia) (glob)
  $ hallmark history composite.jpg
  composite.jpg: ✔ verified
  └─ ✔ sha256:*… placed (sky from sky.png) — by newsroom (trusted) on * (glob)
     ├─ ✔ parentOf sha256:*… created — by alice (trusted) on * [digitalCapture] (glob)
     └─ ✔ componentOf sha256:*… created — by alice (trusted) on * [trainedAlgorithmicMedia, AI] (glob)

A long history keeps its first line short: the first edit, a count, the last two.

  $ printf 'x' > f && hallmark sign f --key newsroom -q --out b0
  $ for i in 1 2 3 4 5 6; do hallmark sign f --key newsroom --parent b$((i-1)) --action "c2pa.edited:step $i" --out b$i -q; done
  $ hallmark verify f --bundle b6 | sed 's/ on [0-9-]*/ on DATE/'
  f: ✔ verified — signed by newsroom (trusted) on DATE, edited by newsroom (trusted): edited (step 1), … 3 more edits, edited by newsroom (trusted): edited (step 5), edited by newsroom (trusted): edited (step 6) [edited]
  $ hallmark history f --bundle b6 | wc -l
  8
