# make bench section (issue 7): `hallmark check`, the CI gate, over
# 1. 10,000 signed files of 100 KB (files/s, wall, peak RSS), and
# 2. a ~10 GB tree of large H.264 videos, signed (MB/s and peak RSS), next to the throughput of
#    `hallmark verify` on one of those files alone.
# The trees are made and signed once under $SCRATCH/check-*; the page cache is warmed first.
# Part 2 needs 25 GB free on $SCRATCH's file system unless its tree is already there.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/bench-lib.sh"
set -euo pipefail
ensure_bench_key
small_n=${HALLMARK_BENCH_CHECK_FILES:-10000}
big_n=${HALLMARK_BENCH_CHECK_VIDEOS:-9}
big_mb=${HALLMARK_BENCH_CHECK_VIDEO_MB:-1100}

# --- 1. many small files
small="$SCRATCH/check-small-$small_n"
if [ ! -f "$small.done" ]; then
  rm -rf "$small" && mkdir -p "$small"
  head -c $((small_n * 100000)) /dev/urandom | (cd "$small" && split -b 100000 -a 6 -d - f)
  files=("$small"/f*)
  # One call. The file list rather than the directory, so this works whether or not
  # `hallmark sign` walks directories.
  "$HALLMARK" sign "${files[@]}" --key bench -q
  touch "$small.done"
fi
# Every file must be checked and pass, not skipped: a figure for skipped files means nothing.
# passes N DIR: checks DIR once (warming the page cache) and stops unless N files passed.
passes() {
  local summary
  summary=$("$HALLMARK" check "$2" 2>&1 | tail -1) || true
  if [[ "$summary" != *" $1 passed, 0 failed, 0 skipped, 0 errors"* ]]; then
    echo "  FAILED: hallmark check $2 should pass $1 files; it said: $summary"
    exit 1
  fi
}
passes "$small_n" "$small"
timed "$HALLMARK" check "$small"
target=$(calc "3 * $small_n / 10000" 2)  # 3 s for 10,000 files
figure "check $small_n signed 100 KB files: wall" "$(calc "$T" 2) s" "<= $target s" \
  "$(met "$T <= $target")"
figure "  files/s" "$(calc "$small_n / $T" 0) /s"
figure "  peak RSS" "$(mib "$RSS_KIB") MiB" "<= 256 MiB" "$(met "$RSS_KIB <= 256 * 1024")"

# --- 2. a ~10 GB tree of large videos
big="$SCRATCH/check-big-${big_n}x${big_mb}"
if [ ! -f "$big.done" ]; then
  free=$(free_gb "$SCRATCH")
  need=$(( (big_n * big_mb + 999) / 1000 * 2 + 5 ))  # the tree, its source, room to spare: 25 GB
  if [ "$free" -lt "$need" ]; then
    echo "  SKIPPED the ${big_n} x ${big_mb} MB video tree: $free GB free on $SCRATCH, $need GB needed"
    exit 0
  fi
  # The media section's phone-like 1080p H.264 (made here if that section has not run yet),
  # copied under different names: the content roots need not differ for a throughput figure.
  src="$SCRATCH/big-h264-phone.mp4"
  [ "$big_mb" = 1100 ] || src="$SCRATCH/big-h264-phone-$big_mb.mp4"
  "$here/make-big-h264" "$src" "$big_mb" phone
  rm -rf "$big" && mkdir -p "$big"
  for i in $(seq 1 "$big_n"); do cp "$src" "$big/video-$i.mp4"; done
  "$HALLMARK" sign "$big"/video-*.mp4 --key bench -q
  touch "$big.done"
fi
bytes=$(cat "$big"/video-*.mp4 | wc -c)
passes "$big_n" "$big"
one="$big/video-1.mp4"
one_bytes=$(stat -c %s "$one")
timed "$HALLMARK" verify "$one"
t_one=$T
rss_one=$RSS_KIB
timed "$HALLMARK" check "$big"
t_tree=$T
mbps_one=$(calc "$one_bytes / $t_one / 1e6" 1)
mbps_tree=$(calc "$bytes / $t_tree / 1e6" 1)
figure "verify one $(calc "$one_bytes / 1e6" 0) MB video: wall" "$(calc "$t_one" 2) s"
figure "  throughput" "$mbps_one MB/s"
figure "  peak RSS" "$(mib "$rss_one") MiB"
figure "check $big_n videos, $(calc "$bytes / 1e9" 1) GB: wall" "$(calc "$t_tree" 2) s"
figure "  throughput" "$mbps_tree MB/s"
figure "  = x single-file verify throughput" "$(calc "$mbps_tree / $mbps_one" 2) x" ">= 0.9 x" \
  "$(met "$mbps_tree >= 0.9 * $mbps_one")"
figure "  peak RSS" "$(mib "$RSS_KIB") MiB" "<= 256 MiB" "$(met "$RSS_KIB <= 256 * 1024")"
