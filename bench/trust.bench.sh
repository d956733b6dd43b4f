# make bench section (issue 11): loading a large trust store. `hallmark verify` of a small
# signed file against a store of 80,000 lines (the signer's key last), so the figure is the
# store's parse and index: the load used to be quadratic (16 s).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/bench-lib.sh"
set -euo pipefail
ensure_bench_key
lines=${HALLMARK_BENCH_TRUST_LINES:-80000}
dir="$SCRATCH/trust-$lines"
if [ ! -f "$dir/done" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  # Random 32-byte keys (parsing does not need them to be curve points), names repeating.
  python3 - "$lines" > "$dir/store.tmp" <<'PY'
import base64, os, sys
n = int(sys.argv[1])
print("# bench: a large trust store")
for i in range(n - 1):
    print("signer%d ed25519:%s" % (i % 5000, base64.b64encode(os.urandom(32)).decode()))
PY
  "$HALLMARK" key show bench | sed -n 's/^public key: /bench /p' >> "$dir/store.tmp"
  mv "$dir/store.tmp" "$dir/store"
  echo "a small signed file" > "$dir/file.txt"
  "$HALLMARK" sign "$dir/file.txt" --key bench -q
  touch "$dir/done"
fi
timed --reps "$FAST_REPS" "$HALLMARK" verify "$dir/file.txt" --trust "$dir/store" -q
figure "verify against a $lines-line trust store: wall" "$(ms "$T") ms" "<= 500 ms" \
  "$(met "$T <= 0.5")"
figure "  peak RSS" "$(mib "$RSS_KIB") MiB"
