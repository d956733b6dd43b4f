# make bench section: media binding of >= 1 GB H.264+AAC MP4s next to the file binding on the
# same file: a phone-like 1080p30 at ~12 Mbit/s (many small packets) and a ~130 Mbit/s 720p25
# (few large ones). Called by bench/run with HALLMARK, BUILD, SCRATCH and REPS set.
# Best of at least 7 alternating runs of each: on this shared machine the media binding, which
# allocates and frees a buffer for every packet, swings by up to a quarter from one second to
# the next while the file binding's hashing barely moves (0.38 s to 0.48 s for the same binary,
# minutes apart).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for profile in phone high; do
  big="$SCRATCH/big-h264-$profile.mp4"
  "$here/make-big-h264" "$big" 1100 "$profile"
  "$BUILD/bench/media_bench" "$big" --runs "$((REPS > 7 ? REPS : 7))"
done
