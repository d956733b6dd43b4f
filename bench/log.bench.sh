# make bench section (issue 3): the embedded transparency log. log_bench measures appends in
# batches of 1, 100 and 10,000, and on a 10^6-entry log (built once, cached under
# $SCRATCH/log): the receipt size, inclusion-proof verification, lookup and fsck; then one
# `hallmark sign --anchor` of a small file, end to end, as a user runs it.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/bench-lib.sh"
set -euo pipefail
ensure_bench_key
entries=${HALLMARK_BENCH_LOG_ENTRIES:-1000000}
cache="$SCRATCH/log"
mkdir -p "$cache"

if ! out=$("$BUILD/bench/log_bench" "$cache" "$entries"); then
  echo "  FAILED: log_bench $cache $entries"
  exit 1
fi
# "log.NAME key=value... VALUE" -> VALUE of the line with that name and key.
value() { awk -v n="log.$1" -v k="$2" '$1 == n && index($0, k) { print $NF }' <<<"$out"; }

for batch in 1 100 10000; do
  v=$(awk -v b="batch=$batch" '$1 == "log.append_per_s" && $2 == b && NF == 3 { print $3 }' <<<"$out")
  if [ "$batch" = 1 ]; then
    figure "appends/s, one per transaction (fsync each)" "$v /s"
  else
    figure "appends/s, batches of $batch" "$v /s" ">= 5000 /s" "$(met "$v >= 5000")"
  fi
done
v=$(value append_per_s "at_size=$entries")
if [ "$v" ]; then  # only in the run that built the log
  figure "appends/s, batch of 10000 at $entries entries" "$v /s" ">= 5000 /s" "$(met "$v >= 5000")"
  figure "building the $entries-entry log (cached since)" "$(value build_s "size=$entries") s"
fi
v=$(value receipt_bytes "size=$entries")
figure "receipt (tlog-proof) at $entries entries" "$v B" "<= 2048 B" "$(met "$v <= 2048")"
v=$(value inclusion_verify_us "size=$entries")
figure "inclusion proof verify at $entries entries" "$v us" "<= 20 us" "$(met "$v <= 20")"
figure "whole receipt verify (proof, note, cosignature)" "$(value receipt_verify_us "size=$entries") us"
v=$(value lookup_ms "size=$entries")
figure "lookup by key at $entries (open, query, receipt)" "$v ms" "<= 5 ms" "$(met "$v <= 5")"
figure "lookup by key, log already open" "$(value lookup_open_reader_ms "size=$entries") ms"
v=$(value fsck_s "size=$entries")
figure "fsck of $entries entries" "$v s" "<= 60 s" "$(met "$v <= 60")"

# One `hallmark sign FILE --key K --anchor LOG` of a 100 KB file: key load, hash, sign, append
# (one transaction, tiles, checkpoint), receipt into the bundle. Each run signs new bytes into
# a new, empty log: the same manifest signed twice in one second is the same entry, which the
# log would not append again.
small="$cache/small.bin"
anchor_log="$cache/anchor-log"
t_anchor=""
for _ in $(seq "$FAST_REPS"); do
  head -c 100000 /dev/urandom >"$small"
  rm -rf "$anchor_log"
  "$HALLMARK" log init "$anchor_log" --origin bench.example/anchor -q >/dev/null
  timed --reps 1 "$HALLMARK" sign "$small" --key bench --anchor "$anchor_log" --force -q
  if [ -z "$t_anchor" ] || [ "$(met "$T < $t_anchor")" = met ]; then t_anchor=$T; fi
done
size=$("$HALLMARK" log checkpoint "$anchor_log" | sed -n 2p)
if [ "$size" != 1 ]; then
  echo "  FAILED: the anchor log should hold 1 entry after the last run; its checkpoint says $size"
  exit 1
fi
timed --reps "$FAST_REPS" "$HALLMARK" sign "$small" --key bench --force -q
figure "hallmark sign --anchor, 100 KB file (wall)" "$(ms "$t_anchor") ms" "<= 50 ms" \
  "$(met "$t_anchor <= 0.050")"
figure "hallmark sign without --anchor, same file" "$(ms "$T") ms"
figure "  what --anchor adds (difference)" "$(ms "$(calc "$t_anchor - $T" 6)") ms"
timed --reps "$FAST_REPS" "$HALLMARK" --help
figure "  starting the process (hallmark --help)" "$(ms "$T") ms"
