#!/usr/bin/env bash
# Builds the 50-file tree the check transcripts judge (in the current directory):
#   photos/  10 signed by alice, 5 unsigned, 5 tampered after signing, 5 signed by mallory
#   ai/      5 declared trainedAlgorithmicMedia by studio, 5 by studio declaring nothing
#   video/   5 MP4 signed by newsroom, 5 remuxed to MKV (bundles from the MP4s)
#   drafts/  5 unsigned
# plus two text files (not media). Keys alice, newsroom, studio are trusted; mallory is not.
# Usage: check-tree.sh SAMPLES_DIR
set -euo pipefail
s=$1
for k in alice newsroom studio mallory; do hallmark key new --name $k --unencrypted -q; done
for k in alice newsroom studio; do hallmark trust add $k -q; done
mkdir -p photos ai video drafts
for i in 01 02 03 04 05 06 07 08 09 10; do cp "$s/photo.jpg" photos/signed-$i.jpg; done
for i in 01 02 03 04 05; do
  cp "$s/photo.jpg" photos/unsigned-$i.jpg
  cp "$s/photo.jpg" photos/tampered-$i.jpg
  cp "$s/image.png" photos/untrusted-$i.png
  cp "$s/image.png" ai/generated-$i.png
  cp "$s/image.webp" ai/undeclared-$i.webp
  cp "$s/clip.mp4" video/clip-$i.mp4
  cp "$s/photo.jpg" drafts/draft-$i.jpg
done
hallmark sign photos/signed-*.jpg photos/tampered-*.jpg --key alice --source-type digitalCapture -q
hallmark sign photos/untrusted-*.png --key mallory --source-type digitalCapture -q
hallmark sign ai/generated-*.png --key studio --source-type trainedAlgorithmicMedia -q
hallmark sign ai/undeclared-*.webp --key studio -q
hallmark sign video/clip-*.mp4 --key newsroom --source-type digitalCapture -q
for i in 01 02 03 04 05; do
  size=$(stat -c %s photos/tampered-$i.jpg)
  printf 'X' | dd of=photos/tampered-$i.jpg bs=1 seek=$((size - 200)) conv=notrunc status=none
  ffmpeg -nostdin -v error -i video/clip-$i.mp4 -map 0 -c copy video/remuxed-$i.mkv
  cp video/clip-$i.mp4.hallmark video/remuxed-$i.mkv.hallmark
done
echo "not media" > notes.txt
echo "also not media" > drafts/README
