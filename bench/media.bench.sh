# make bench section: media binding of a >= 1 GB H.264+AAC MP4 next to the file binding.
# Called by bench/run with HALLMARK, BUILD, SCRATCH and REPS set.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
big="$SCRATCH/big-h264.mp4"
"$here/make-big-h264" "$big"
"$BUILD/bench/media_bench" "$big" --runs "$REPS"
