# make bench section (issue 5): edit history and provenance recovered from the log.
# 1. Verify of a 1 MiB file whose bundle carries a 100-link chain (101 manifests: an original
#    and 100 derivations, each signed with `hallmark sign --parent`), minus the verify of the
#    same file signed with no history: what the chain costs beyond hashing the file.
# 2. `hallmark verify FILE --log LOG` of a stripped file (no bundle) whose manifest is found by
#    lookup in a 10^6-entry log, minus the same verify without --log: what the lookup costs.
#    The log is a copy of log_bench's cached 10^6-entry log with one real signed manifest
#    appended (`hallmark anchor`). Everything is built once under $SCRATCH/history.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/bench-lib.sh"
set -euo pipefail
ensure_bench_key
links=${HALLMARK_BENCH_CHAIN_LINKS:-100}
entries=${HALLMARK_BENCH_LOG_ENTRIES:-1000000}
work="$SCRATCH/history"
mkdir -p "$work"

# --- 1. the chain
file="$work/chained.bin"
chain="$work/chain-$links"
if [ ! -f "$chain/link-$links.hallmark" ] || [ ! -f "$file" ]; then
  rm -rf "$chain" "$chain.tmp"
  mkdir -p "$chain.tmp"
  head -c 1048576 /dev/urandom >"$file"
  "$HALLMARK" sign "$file" --key bench --out "$chain.tmp/link-0.hallmark" -q
  for i in $(seq 1 "$links"); do
    "$HALLMARK" sign "$file" --key bench --parent "$chain.tmp/link-$((i - 1)).hallmark" \
      --action c2pa.edited --out "$chain.tmp/link-$i.hallmark" -q
  done
  mv "$chain.tmp" "$chain"
fi
timed --reps "$FAST_REPS" "$HALLMARK" verify "$file" --bundle "$chain/link-0.hallmark" -q
t_plain=$T
timed --reps "$FAST_REPS" "$HALLMARK" verify "$file" --bundle "$chain/link-$links.hallmark" -q
t_chain=$T
rss_chain=$RSS_KIB
extra=$(calc "$t_chain - $t_plain" 6)
figure "verify, 1 MiB file, no history" "$(ms "$t_plain") ms"
figure "verify, same file with a $links-link chain" "$(ms "$t_chain") ms"
figure "  the chain's cost (difference)" "$(ms "$extra") ms" "<= 50 ms" "$(met "$extra <= 0.050")"
figure "  peak RSS with the chain" "$(mib "$rss_chain") MiB"

# --- 2. lookup of a stripped file in a 10^6-entry log
big="$SCRATCH/log/log-$entries"
lookup_log="$work/log-$entries-plus-1"
stripped="$work/stripped/photo.bin"
if [ ! -f "$lookup_log/checkpoint" ] || [ ! -f "$stripped" ]; then
  built=$("$BUILD/bench/log_bench" "$SCRATCH/log" "$entries" --build-only)
  built=$(awk '$1 == "log.build_s" { print $NF }' <<<"$built")
  [ -z "$built" ] || figure "building the $entries-entry log (cached since)" "$built s"
  rm -rf "$lookup_log" "$lookup_log.tmp" "$work/stripped" "$work/original"
  cp -a "$big" "$lookup_log.tmp"
  mkdir -p "$work/original" "$work/stripped"
  head -c 100000 /dev/urandom >"$work/original/photo.bin"
  "$HALLMARK" sign "$work/original/photo.bin" --key bench -q
  "$HALLMARK" anchor "$work/original/photo.bin.hallmark" --log "$lookup_log.tmp" -q
  cp "$work/original/photo.bin" "$stripped"  # the same bytes, no bundle
  mv "$lookup_log.tmp" "$lookup_log"
fi
# Without --log the stripped file is `unsigned` (exit 1); with it, it must be recovered.
timed --reps "$FAST_REPS" --ok 1 "$HALLMARK" verify "$stripped" -q
t_unsigned=$T
if ! "$HALLMARK" verify "$stripped" --log "$lookup_log" 2>&1 | grep -q recovered-from-log; then
  echo "  FAILED: verify --log did not recover the stripped file's manifest:"
  "$HALLMARK" verify "$stripped" --log "$lookup_log" 2>&1 | head -5 | sed 's/^/    /'
  exit 1
fi
timed --reps "$FAST_REPS" "$HALLMARK" verify "$stripped" --log "$lookup_log" -q
t_lookup=$T
extra=$(calc "$t_lookup - $t_unsigned" 6)
figure "verify of the stripped 100 KB file, no --log" "$(ms "$t_unsigned") ms"
figure "verify --log, recovered from a $entries-entry log" "$(ms "$t_lookup") ms"
figure "  the lookup's cost (difference)" "$(ms "$extra") ms" "<= 5 ms" "$(met "$extra <= 0.005")"
