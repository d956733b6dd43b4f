The README's quick start, run as written on a real camera JPEG, shows what it claims (the
helper substitutes the photo and "sends" alice.pub; see readme-quickstart).

  $ test -d "$SHARED/corpus/jpeg/camera" || echo "@skip no shared corpus (real camera JPEGs)"
  $ export HALLMARK_HOME="$PWD/home" HALLMARK_PASSPHRASE='a passphrase for the readme'
  $ readme-quickstart "$REPO/README.md" "$SHARED/corpus/jpeg/camera/canon-eos-rebel-t3i.jpg"
  as claimed: hallmark verify photo.jpg
  as claimed: hallmark verify photo.jpg

The tampering it shows changes picture data in every camera JPEG of the corpus but the FLIR
thermal one, whose middle is thermal data in APP1 segments (metadata, so verified-content).

  $ for f in "$SHARED"/corpus/jpeg/camera/*.jpg; do
  >   cp "$f" t.jpg && chmod u+w t.jpg && hallmark sign t.jpg --key alice -q
  >   printf X | dd of=t.jpg bs=1 seek=$(( $(stat -c %s t.jpg) / 2 )) conv=notrunc 2>/dev/null
  >   echo "$(basename "$f"): $(hallmark verify t.jpg 2>&1 | head -1 | cut -d' ' -f2-3)"
  >   rm -f t.jpg t.jpg.hallmark
  > done
  apple-iphone4.jpg: ✘ tampered
  canon-eos-7d-lightroom.jpg: ✘ tampered
  canon-eos-rebel-t3i.jpg: ✘ tampered
  flir-iphone-thermal.jpg: ✔ verified-content
  htc-desire.jpg: ✘ tampered
  kodak-pixpro-fz201.jpg: ✘ tampered
  nikon-d5000.jpg: ✘ tampered
  olympus-pen-e-p3.jpg: ✘ tampered
  reconyx-hc500-trailcam.jpg: ✘ tampered
  samsung-galaxy-s.jpg: ✘ tampered
  samsung-sm-j327t1.jpg: ✘ tampered

The quick start's commands exist as written: log init shows the flag it needs.

  $ grep -o 'hallmark log init DIR --origin [a-z./]*' "$REPO/README.md"
  hallmark log init DIR --origin example.com/photos/log
