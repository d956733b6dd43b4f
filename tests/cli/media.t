Media is bound by content: a remux or a metadata edit keeps the content as signed, a changed
second is named. (Samples are made fresh by scripts/make-samples.)

  $ export HALLMARK_HOME=home
  $ "$REPO/scripts/make-samples" s > /dev/null
  $ hallmark key new --name alice --unencrypted -q && hallmark trust add alice -q
  $ hallmark sign s/clip.mp4 s/photo.jpg --key alice -q
  $ hallmark inspect s/clip.mp4 | grep -E '^(media|stream)' | sed -E 's/(root|config) [0-9a-f]+…?/\1 …/g'
  media      mp4, content root …
  stream     video#0 h264, 250 packets, 9.92 s, root …, config *… (glob)
  stream     audio#0 aac, 432 packets, 9.98 s, root …

A lossless remux to Matroska and a stripped JPEG: verified-content, with what changed.

  $ ffmpeg -v error -i s/clip.mp4 -map 0 -c copy clip.mkv
  $ hallmark verify clip.mkv --bundle s/clip.mp4.hallmark
  clip.mkv: ✔ verified-content — signed by alice (trusted) on *; the content is as signed (remuxed mp4 → matroska) [remuxed] (glob)
  $ exiftool -q -all= -o stripped.jpg s/photo.jpg
  $ hallmark verify stripped.jpg --bundle s/photo.jpg.hallmark
  stripped.jpg: ✔ verified-content — signed by alice (trusted) on *; the content is as signed (metadata stripped) [location-redacted, metadata-stripped] (glob)
    camera removed
    software removed
    capture date removed
    capture time zone removed
    orientation removed
    location removed

The location was in the file but not signed: the manifest says it was redacted.

  $ hallmark inspect s/photo.jpg | grep -E '^(make|model|captured|location)'
  make       Hallmark Camera Co.
  model      HC-1
  captured   2024:05:17 14:03:22
  captured_offset +02:00
  location   (redacted)
  $ hallmark sign s/photo.jpg --key alice --include-location --out located.hallmark -q
  $ hallmark inspect located.hallmark | grep '^location' | sed 's/[0-9]/N/g'
  location   NN.NNNNNN,N.NNNNNN,NN.N

Second 4 to 5 re-encoded with a box drawn in and spliced back: exactly that second.

  $ ffmpeg -v error -i s/clip.mp4 -map 0 -c copy -f segment -segment_times 4,5 -reset_timestamps 1 seg%d.mp4
  $ ffmpeg -v error -i seg1.mp4 -map 0 -vf drawbox=x=100:y=80:w=120:h=80:color=red:t=fill -c:v libx264 -preset veryfast -g 25 -pix_fmt yuv420p -c:a copy seg1x.mp4
  $ printf 'file seg0.mp4\nfile seg1x.mp4\nfile seg2.mp4\n' > list.txt
  $ ffmpeg -v error -f concat -i list.txt -map 0 -c copy tampered.mp4
  $ hallmark verify tampered.mp4 --bundle s/clip.mp4.hallmark
  tampered.mp4: ✘ tampered — video 4.00–4.96 s differs from what alice signed
    changed video#0 packets 100–124, 4.00–4.96 s
    video#0: side information (SEI) differs
  [1]
  $ hallmark verify tampered.mp4 --bundle s/clip.mp4.hallmark --json | python3 -c 'import json,sys; m = json.load(sys.stdin)["files"][0]["bindings"]["media"]; print([(c["stream"], c["first"], c["count"], c["start_seconds"], c["end_seconds"]) for c in m["changes"]])'
  [('video#0', 100, 25, 4.0, 4.96)]

A one-pixel change in a PNG names the unit.

  $ hallmark sign s/image.png --key alice -q
  $ convert s/image.png -fill red -draw 'point 3,3' pixel.png
  $ hallmark verify pixel.png --bundle s/image.png.hallmark
  pixel.png: ✘ tampered — image units 0–1 (IHDR, IDAT) differ from what alice signed
    changed image#0 units 0–1 (IHDR, IDAT)
    rendering metadata (ICC profile, ...) changed
  [1]

A damaged media file is still signed by its bytes, with a warning.

  $ head -c 30000 s/clip.mp4 > cut.mp4
  $ hallmark sign cut.mp4 --key alice
  hallmark: warning: cut.mp4: media not bound (cut.mp4: mp4: cannot open: moov atom not found): only its bytes are signed
  signed cut.mp4 -> cut.mp4.hallmark (sha256:*) (glob)
