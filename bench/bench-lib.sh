# Helpers for the bench sections (sourced by bench/*.bench.sh; not a section itself).
# bench/run sets HALLMARK, BUILD, SCRATCH and REPS; a section run on its own gets defaults:
#   BUILD=build bash bench/log.bench.sh
# Smaller sizes for trying a section out (the targets are for the defaults):
#   HALLMARK_BENCH_LOG_ENTRIES (1000000)  HALLMARK_BENCH_CHAIN_LINKS (100)
#   HALLMARK_BENCH_CHECK_FILES (10000)    HALLMARK_BENCH_CHECK_VIDEOS x _VIDEO_MB (9 x 1100)
BUILD=$(realpath "${BUILD:-build}")
HALLMARK=${HALLMARK:-$BUILD/hallmark}
SCRATCH=${SCRATCH:-${HALLMARK_BENCH_DIR:-/tmp/hallmark-bench}}
REPS=${REPS:-${HALLMARK_BENCH_REPS:-3}}
export HALLMARK_HOME=${HALLMARK_HOME:-$SCRATCH/home}
unset HALLMARK_SECRET_KEY HALLMARK_PASSPHRASE
mkdir -p "$SCRATCH"
TIMEIT="$BUILD/bench/timeit_bench"
# Commands of a few tens of ms (whose differences are targets of 5 or 50 ms) run more often:
# on a shared machine the best of 3 is still noisy at that scale.
FAST_REPS=$((REPS > 10 ? REPS : 10))

# The unencrypted key "bench" (shared with the core section), trusted.
ensure_bench_key() {
  [ -f "$HALLMARK_HOME/keys/bench.key" ] || "$HALLMARK" key new --name bench --unencrypted -q
  "$HALLMARK" trust add bench -q 2>/dev/null || true
}

# timed [--reps N] [--ok CODES] COMMAND...: best wall time of N (default REPS) runs into T
# (seconds) and the largest peak RSS into RSS_KIB. A run exiting with a code outside CODES
# (default 0) stops the section with the command's own output, so a failed command is never
# reported as a figure.
timed() {
  local ok=0 reps=$REPS
  if [ "$1" = --reps ]; then reps=$2; shift 2; fi
  if [ "$1" = --ok ]; then ok=$2; shift 2; fi
  local out
  if ! out=$("$TIMEIT" --ok "$ok" "$reps" "$@"); then
    echo "  FAILED (exit ${out##* }): $*; its output:"
    "$@" 2>&1 | tail -5 | sed 's/^/    /'
    exit 1
  fi
  read -r T RSS_KIB _ <<<"$out"
}

# Arithmetic and comparisons on decimals.
calc() { awk "BEGIN{ printf \"%.${2:-3}f\", $1 }"; }
met() { awk "BEGIN{ exit !($1) }" && echo met || echo "NOT met"; }
ms() { calc "$1 * 1000" "${2:-1}"; }
mib() { calc "$1 / 1024" 1; }

# figure LABEL VALUE [TARGET MET]: one line per figure, the value as measured.
figure() {
  if [ $# -ge 4 ]; then
    printf '  %-50s %16s   target %-14s %s\n' "$1" "$2" "$3" "$4"
  else
    printf '  %-50s %16s\n' "$1" "$2"
  fi
}

# Free space in GB on the file system holding DIR.
free_gb() { df -Pk "$1" | awk 'NR == 2 { printf "%d", $4 / 1000000 }'; }
