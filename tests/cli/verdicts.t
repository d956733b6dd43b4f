Verdicts that a hostile file, bundle or log entry cannot bend (issue: sound verdicts).

  $ export HALLMARK_HOME=home
  $ hallmark key new --name alice --unencrypted -q && hallmark trust add alice -q
  $ hallmark key new --name mallory --unencrypted -q
  $ cp "$SAMPLES/photo.jpg" photo.jpg
  $ cp "$SAMPLES/clip.mp4" clip.mp4

Recovery from the log cannot be blocked: mallory anchors a copy of alice's photo first; a
stripped copy is still recovered as alice's, and mallory's earlier claim is named.

  $ hallmark log init log --origin example.com/attack-log > /dev/null
  $ hallmark sign photo.jpg --key mallory --anchor log --out mallory.hallmark -q
  $ hallmark sign photo.jpg --key alice --anchor log -q
  $ cp photo.jpg stripped.jpg
  $ hallmark verify stripped.jpg --log log
  stripped.jpg: ✔ verified — signed by alice (trusted) on * [recovered-from-log, location-redacted, anchored] (glob)
    recovered from the log: signed by alice (trusted), anchored at index 1 on *; also claimed by "mallory" (untrusted key *), anchored earlier at index 0 (glob)
  $ hallmark verify stripped.jpg --log log --json | python3 -c 'import json, sys; f = json.load(sys.stdin)["files"][0]; print(f["recovered"]["index"], f["recovered"]["trust"], [(c["creator"], c["index"], c["trust"]) for c in f["other_claims"]])'
  1 trusted [('mallory', 0, 'untrusted')]

With nobody trusted, the earliest claim is shown and the other one too.

  $ : > nobody.trust
  $ hallmark verify stripped.jpg --log log --trust nobody.trust 2>/dev/null | sed -n 2p
    recovered from the log: signed by "mallory" (untrusted key *), anchored at index 0 on *; also claimed by "alice" (untrusted key *), anchored later at index 1 (glob)

Nothing printed about the signed side is unauthenticated: a bundle whose leaf names or times
were forged is not used to locate a change (the leaves no longer match what was signed), and
the forged text never reaches the report.

  $ cp photo.jpg pic.jpg
  $ hallmark sign pic.jpg clip.mp4 --key alice -q
  $ python3 -c 'import sys; d = bytearray(open("pic.jpg", "rb").read()); d[-200] ^= 0x55; open("bad.jpg", "wb").write(d)'
  $ hallmark verify bad.jpg --bundle pic.jpg.hallmark
  bad.jpg: ✘ tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
    changed image#0 unit 6 (scan 0)
  [1]
  $ python3 -c 'import json; b = json.load(open("pic.jpg.hallmark")); b["leaves"]["media"]["image#0"]["unit_names"][6] = "EXIF thumbnail"; json.dump(b, open("forged.hallmark", "w"))'
  $ hallmark verify bad.jpg --bundle forged.hallmark
  bad.jpg: ✘ tampered — the media content differs from what alice signed [location-redacted]
    image#0: differs, and the bundle's leaves cannot locate where
    changed bytes 0–25149 (24.6 KiB)
  [1]
  $ python3 -c 'import sys; d = bytearray(open("clip.mp4", "rb").read()); d[100000] ^= 0x55; open("bad.mp4", "wb").write(d)'
  $ python3 -c 'import json; b = json.load(open("clip.mp4.hallmark")); t = b["leaves"]["media"]["audio#0"]["times"]; b["leaves"]["media"]["audio#0"]["times"] = [123456789012345678901234567890123456789012345678901234567890.0] * len(t); json.dump(b, open("forged.hallmark", "w"))'
  $ hallmark verify bad.mp4 --bundle forged.hallmark | grep -c 123456
  0
  [1]

Timing is content: the same packets played at half speed, or the sound shifted half a second
against the picture, are tampered; a remux that keeps the timing is not.

  $ ffmpeg -nostdin -v error -itsscale 2 -i clip.mp4 -map 0 -c copy slow.mp4
  $ hallmark verify slow.mp4 --bundle clip.mp4.hallmark
  slow.mp4: ✘ tampered — video#0: timing changed: 10.00 s → 20.00 s (playback 0.5×) (and 1 more)
    video#0: timing changed: 10.00 s → 20.00 s (playback 0.5×)
    audio#0: timing changed: 10.02 s → 20.03 s (playback 0.5×)
  [1]
  $ ffmpeg -nostdin -v error -i clip.mp4 -itsoffset 0.5 -i clip.mp4 -map 0:v -map 1:a -c copy shifted.mp4
  $ hallmark verify shifted.mp4 --bundle clip.mp4.hallmark
  shifted.mp4: ✘ tampered — audio#0 shifted +0.50 s against video#0
    audio#0 shifted +0.50 s against video#0
  [1]
  $ ffmpeg -nostdin -v error -i clip.mp4 -map 0 -c copy clip.mkv && ffmpeg -nostdin -v error -i clip.mkv -map 0 -c copy clip.ts
  $ hallmark verify clip.ts --bundle clip.mp4.hallmark
  clip.ts: ✔ verified-content — signed by alice (trusted) on *; the content is as signed (remuxed mp4 → mpegts) [remuxed] (glob)

Signed claims against the file's metadata: each field is named; stripping is harmless (exit
0), contradicting is not (exit 1).

  $ exiftool -q -DateTimeOriginal="2020:01:01 12:00:00" -o date.jpg pic.jpg
  $ hallmark verify date.jpg --bundle pic.jpg.hallmark
  date.jpg: ✘ verified-content — signed by alice (trusted) on *; the content is as signed, but its metadata contradicts the signed claims (capture date 2024-05-17 14:03:22 → 2020-01-01 12:00) [location-redacted, metadata-altered] (glob)
    capture date 2024-05-17 14:03:22 → 2020-01-01 12:00
  [1]
  $ exiftool -q -Make=Canon -Model="Canon EOS 5D" -o camera.jpg pic.jpg
  $ hallmark verify camera.jpg --bundle pic.jpg.hallmark | tail -1
    camera Hallmark Camera Co. HC-1 → Canon EOS 5D
  $ exiftool -q -Caption-Abstract="Riot in the capital" -ImageDescription="Riot" -o caption.jpg pic.jpg
  $ hallmark verify caption.jpg --bundle pic.jpg.hallmark | tail -2
    caption added: "Riot in the capital"
    description added: "Riot"
  $ exiftool -q -Orientation#=6 -o rotated.jpg pic.jpg
  $ hallmark verify rotated.jpg --bundle pic.jpg.hallmark | tail -1
    orientation 1 → 6 (rotated 90°)
  $ convert -size 32x32 xc:red t1.jpg && convert -size 32x32 xc:blue t2.jpg
  $ exiftool -q "-ThumbnailImage<=t1.jpg" -o thumb.jpg pic.jpg && hallmark sign thumb.jpg --key alice -q
  $ exiftool -q "-ThumbnailImage<=t2.jpg" -o thumb2.jpg thumb.jpg
  $ hallmark verify thumb2.jpg --bundle thumb.jpg.hallmark | tail -1
    EXIF thumbnail replaced
  $ exiftool -q -all= -o bare.jpg pic.jpg
  $ hallmark verify bare.jpg --bundle pic.jpg.hallmark | head -1
  bare.jpg: ✔ verified-content — signed by alice (trusted) on *; the content is as signed (metadata stripped) [location-redacted, metadata-stripped] (glob)
  $ cp pic.jpg appended.jpg && head -c 5000 /dev/zero >> appended.jpg
  $ hallmark verify appended.jpg --bundle pic.jpg.hallmark
  appended.jpg: ✔ verified-content — signed by alice (trusted) on *; the content is as signed (5000 bytes appended) [location-redacted, data-appended] (glob)
    5,000 bytes appended after the image
  $ hallmark verify date.jpg --bundle pic.jpg.hallmark --json | python3 -c 'import json, sys; m = json.load(sys.stdin)["files"][0]["bindings"]["media"]; print(m["metadata_changed"], m["metadata_altered"], m["metadata_stripped"], [(c["field"], c["kind"], c["signed"], c["now"]) for c in m["claims"]])'
  True True False [('captured', 'altered', '2024:05:17 14:03:22', '2020:01:01 12:00:00')]

A countersignature added after anchoring keeps the receipt: it proves the entry as it was
logged, with the signatures it had then.

  $ cp photo.jpg anchored.jpg && hallmark sign anchored.jpg --key alice --anchor log -q
  $ hallmark sign --countersign anchored.jpg --key mallory -q
  $ hallmark verify anchored.jpg --log-key "$(cat log/log.vkey)"
  anchored.jpg: ✔ verified — signed by alice (trusted) on *, countersigned by key * (untrusted) [location-redacted, anchored] (glob)
