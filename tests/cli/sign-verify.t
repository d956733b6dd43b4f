The five-command quick start: key, sign, verify, tamper, verify fails.

  $ export HALLMARK_HOME=home
  $ hallmark key new --name alice --unencrypted > /dev/null
  $ head -c 2500000 /dev/urandom | tr X Y > photo.jpg  # no X in it: the tamper below writes one
  $ cp photo.jpg original.jpg
  $ hallmark sign photo.jpg --key alice --source-type digitalCapture
  signed photo.jpg -> photo.jpg.hallmark (sha256:*) (glob)
  $ cmp photo.jpg original.jpg && echo unchanged
  unchanged
  $ hallmark verify photo.jpg
  photo.jpg: ✘ untrusted-signer — signed by "alice" (untrusted key *) on * (glob)
  hallmark: hint: your trust store home/trust is empty
  hallmark: hint: if you know whose key ed25519:*… is, trust it with: hallmark trust add ed25519:* --name alice (glob)
  [1]
  $ hallmark trust add alice
  trusted alice (id *) in home/trust (glob)
  $ hallmark verify photo.jpg
  photo.jpg: ✔ verified — signed by alice (trusted) on * (glob)
  $ printf 'X' | dd of=photo.jpg bs=1 seek=1100000 conv=notrunc status=none
  $ hallmark verify photo.jpg
  photo.jpg: ✘ tampered — bytes 1048576–2097151 differ from what alice signed
    changed bytes 1048576–2097151 (1.0 MiB)
  [1]

A missing bundle is unsigned; --bundle picks another one.

  $ cp original.jpg copy.jpg
  $ hallmark verify copy.jpg
  copy.jpg: ✘ unsigned — no provenance found (no copy.jpg.hallmark)
  [1]
  $ hallmark verify copy.jpg --bundle photo.jpg.hallmark
  copy.jpg: ✔ verified — signed by alice (trusted) on * (glob)
  $ hallmark verify copy.jpg photo.jpg --bundle photo.jpg.hallmark
  hallmark: error: --bundle needs exactly one FILE
  [2]

Several files at once: the worst outcome decides the exit code (2 > 1 > 0).

  $ hallmark verify copy.jpg original.jpg
  copy.jpg: ✘ unsigned — no provenance found (no copy.jpg.hallmark)
  original.jpg: ✘ unsigned — no provenance found (no original.jpg.hallmark)
  [1]
  $ hallmark verify copy.jpg nosuchfile.jpg
  copy.jpg: ✘ unsigned — no provenance found (no copy.jpg.hallmark)
  hallmark: error: cannot open nosuchfile.jpg: no such file or directory
  [2]

AI disclosure and actions are signed, and shown.

  $ head -c 1000 /dev/urandom > render.png
  $ hallmark sign render.png --key alice --source-type trainedAlgorithmicMedia --action 'c2pa.edited:upscaled' -q
  $ hallmark verify render.png
  render.png: ✔ verified — signed by alice (trusted) on * [ai-generated, edited] (glob)
    ! AI-generated (declared: trainedAlgorithmicMedia)
  $ hallmark sign render.png --key alice --source-type photo
  hallmark: error: "photo" is not an IPTC digital source type
  hallmark: hint: use one of: digitalCapture, computationalCapture, negativeFilm, positiveFilm, print, humanEdits, minorHumanEdits, compositeCapture, algorithmicallyEnhanced, dataDrivenMedia, digitalArt, digitalCreation, virtualRecording, composite, compositeSynthetic, trainedAlgorithmicMedia, compositeWithTrainedAlgorithmicMedia, algorithmicMedia, softwareImage, screenCapture
  [2]
  $ hallmark sign render.png --key alice --action c2pa.frobnicated
  hallmark: error: "c2pa.frobnicated" is not a C2PA action (c2pa.created, c2pa.edited, c2pa.cropped, ...) or a reverse-domain name of your own
  [2]
  $ hallmark sign render.png --key alice --action c2pa.edited --action c2pa.created --force
  hallmark: error: a new original must start with the action c2pa.created
  [2]

The JSON report is versioned and complete.

  $ hallmark verify --json photo.jpg render.png nosuchfile.jpg > report.json
  hallmark: error: cannot open nosuchfile.jpg: no such file or directory
  [2]
  $ python3 -c 'import json; r = json.load(open("report.json")); print(r["hallmark_report"], [f["verdict"] for f in r["files"]], r["files"][0]["bindings"]["file"]["changed_bytes"], r["files"][2]["error"]["code"], r["summary"])'
  1 ['tampered', 'verified', None] [{'begin': 1048576, 'end': 2097152}] not-found {'files': 3, 'verified': 1, 'not_verified': 1, 'errors': 1}

Verbose output shows what was checked.

  $ hallmark verify -v render.png | sed -n '3,4p'
    manifest sha256:* (glob)
    bundle   render.png.hallmark

Output goes where asked, atomically; several files are signed in one call.

  $ for i in 1 2 3 4 5; do echo "file $i" > "f$i.txt"; done
  $ hallmark sign f1.txt f2.txt f3.txt f4.txt f5.txt --key alice | wc -l
  5
  $ hallmark verify f1.txt f2.txt f3.txt f4.txt f5.txt | grep -c '✔ verified'
  5
  $ hallmark sign f1.txt --key alice --out elsewhere.hallmark -q
  $ hallmark verify f1.txt --bundle elsewhere.hallmark -q; echo $?
  0
  $ hallmark sign f1.txt f2.txt --key alice --out x.hallmark
  hallmark: error: --out needs exactly one FILE
  [2]
  $ ls | grep -c tmp
  0
  [1]

--json says what was signed (and what could not be), one object per file.

  $ hallmark sign f1.txt missing.txt f2.txt --key alice --force --json 2>/dev/null | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["hallmark_sign"]); [print(f["file"], f["bundle"], f.get("manifest_id", "")[:7], f.get("error", {}).get("code")) for f in d["files"]]'
  1
  f1.txt f1.txt.hallmark sha256: None
  missing.txt None  not-found
  f2.txt f2.txt.hallmark sha256: None
  $ hallmark sign f1.txt --key alice --force --json | python3 -c 'import json, sys; f = json.load(sys.stdin)["files"][0]; print(f["anchored"], f["warnings"])'
  False []
