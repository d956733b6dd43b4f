#!/usr/bin/env bash
# C2PA interop: fresh files signed by c2pa-ts (Ed25519 and ES256, an openssl-made chain, with
# and without a parent ingredient, AI disclosure) and tampered copies, judged by hallmark and by
# c2pa-rs (WASM, in node); the verdicts and status codes must be equal. Then mutants of those
# files and of the shared fixtures (tests/interop/mutate.py: an edited manifest label, APP11
# segments duplicated, dropped or swapped, a second manifest store, a broken signature behind
# an expired certificate, a certificate subject that is not UTF-8, certificates that reach the
# anchor but break the profile), judged the same way; with HALLMARK given, `hallmark verify`'s
# verdict on every file must follow from c2pa-rs's as well (compare.py).
#   tests/interop/run.sh C2PA_DUMP [HALLMARK [SHARED]]
# Exit 0 when all equal, 1 on a difference, 77 (skipped) when node, npm, openssl or ffmpeg is
# missing or the npm registry cannot be reached. The shared fixtures are read from
# $HALLMARK_SHARED, else SHARED (ctest gives the configured HALLMARK_SHARED), else ../shared next
# to the repository; where they are absent the fixture mutants are skipped, with a line saying
# so, and with HALLMARK_REQUIRE_SHARED=1 that is a failure (exit 1).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dump=$(realpath "${1:?usage: run.sh PATH/TO/c2pa_dump [PATH/TO/hallmark [SHARED]]}")
hallmark=${2:+$(realpath "$2")}
shared_cand=${HALLMARK_SHARED:-${3:-$here/../../../shared}}
if [ ! -f "$shared_cand/c2pa/fixtures/CA.jpg" ] && [ "${HALLMARK_REQUIRE_SHARED:-}" = 1 ]; then
  echo "c2pa-interop: error: HALLMARK_REQUIRE_SHARED=1, and the shared C2PA fixtures are not in $shared_cand"
  exit 1
fi
for tool in node npm openssl ffmpeg python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "c2pa-interop: skipped: $tool is not installed"
    exit 77
  fi
done
# Pinned peers from package-lock.json, installed next to the scripts (gitignored).
if ! cmp -s "$here/package-lock.json" "$here/node_modules/.hallmark-lock" 2>/dev/null; then
  if ! (cd "$here" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null 2>&1); then
    echo "c2pa-interop: skipped: npm could not install the pinned peers (no registry?)"
    exit 77
  fi
  cp "$here/package-lock.json" "$here/node_modules/.hallmark-lock"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# A root CA and an end-entity signer per algorithm: AKI, KU digitalSignature, EKU
# emailProtection + documentSigning, as the C2PA certificate profile asks.
cat > ee.ext <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=emailProtection,1.3.6.1.5.5.7.3.36
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EXT
cat > ca.ext <<'EXT'
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
EXT
make_chain() {  # name keyargs...
  local name=$1
  shift
  openssl genpkey "$@" -out "$name-root.key" 2>/dev/null
  openssl req -new -x509 -key "$name-root.key" -out "$name-root.pem" -days 3650 \
    -subj "/CN=hallmark interop $name root/O=hallmark" -extensions v3_ca \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl genpkey "$@" -out "$name.key" 2>/dev/null
  openssl req -new -key "$name.key" -out "$name.csr" \
    -subj "/CN=hallmark interop $name signer/O=hallmark" 2>/dev/null
  openssl x509 -req -in "$name.csr" -CA "$name-root.pem" -CAkey "$name-root.key" \
    -CAcreateserial -out "$name.pem" -days 365 -extfile ee.ext 2>/dev/null
}
make_chain ed25519 -algorithm ed25519
make_chain es256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
cat ed25519-root.pem es256-root.pem > anchors.pem

ffmpeg -v error -f lavfi -i testsrc=size=320x240:rate=1 -frames:v 1 base.jpg
ffmpeg -v error -f lavfi -i testsrc2=size=160x120:rate=1 -frames:v 1 base.png

sign() {  # out in alg [extra args]
  local out=$1 in=$2 alg=$3
  shift 3
  node "$here/sign.mjs" --alg "$alg" --key "$alg.key" --cert "$alg.pem" --in "$in" --out "$out" "$@"
}
sign ed25519.jpg base.jpg ed25519
sign es256-ai.jpg base.jpg es256 --source-type trainedAlgorithmicMedia
sign ed25519-ai.png base.png ed25519 --source-type trainedAlgorithmicMedia
sign es256.png base.png es256 --source-type compositeWithTrainedAlgorithmicMedia
sign edit-es256.jpg ed25519.jpg es256 --parent ed25519.jpg
sign edit-ed25519.png es256.png ed25519 --parent es256.png
# A signer whose certificate is its own root: self-signed, refused by the profile.
node "$here/sign.mjs" --alg ed25519 --key ed25519-root.key --cert ed25519-root.pem \
  --in base.jpg --out selfsigned.jpg

# c2pa-rs's own Builder for what c2pa-ts cannot make: box-hash bindings (well formed, and
# spoiled: a box it does not have, a whole box excluded, exclusions empty or not permitted),
# a redaction of the parent's assertion, and a certificate whose key is not of the claimed kind.
rs_sign() {  # out in alg [extra args]
  local out=$1 in=$2 alg=$3
  shift 3
  node "$here/sign_c2pa_rs.mjs" --alg "$alg" --key "$alg.key" --cert "$alg.pem" --in "$in" \
    --out "$out" "$@"
}
rs_sign box-each.jpg base.jpg es256 --box-hash each
rs_sign box-minimal.png base.png es256 --box-hash minimal
rs_sign box-unknown.jpg base.jpg ed25519 --box-hash each --box-edit unknown
rs_sign box-excluded.png base.png ed25519 --box-hash each --box-edit excluded
rs_sign box-empty-exclusions.jpg base.jpg es256 --box-hash minimal --box-edit empty-exclusions
rs_sign box-exclusion.png base.png es256 --box-hash each --box-edit exclusion
rs_sign parent-detail.jpg base.jpg es256 --assertion org.hallmark.detail
rs_sign redacted.jpg base.jpg ed25519 --parent parent-detail.jpg --redact org.hallmark.detail
node "$here/sign_c2pa_rs.mjs" --alg ed25519 --key es256.key --cert es256.pem --in base.jpg \
  --out wrong-key.jpg
# The actions rules of C2PA 2.x, one broken at a time (and two that hold).
ds='"digitalSourceType":"http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"'
created="{\"action\":\"c2pa.created\",$ds}"
opened='{"action":"c2pa.opened","parameters":{"ingredientIds":["parent"]}}'
actions() {  # out actions-json [extra args]
  local out=$1 list=$2
  shift 2
  rs_sign "$out" base.jpg es256 --actions "$list" "$@"
}
actions act-edited-first.jpg '[{"action":"c2pa.edited"}]'
actions act-created-no-source.jpg '[{"action":"c2pa.created"}]'
actions act-empty.jpg '[]'
actions act-two-created.jpg "[$created,$created]"
actions act-opened-no-params.jpg '[{"action":"c2pa.opened"}]' --parent parent-detail.jpg
actions act-opened-component.jpg "[$created,$opened]" --parent parent-detail.jpg \
  --relationship componentOf
actions act-placed-parent.jpg \
  "[$opened,{\"action\":\"c2pa.placed\",\"parameters\":{\"ingredientIds\":[\"parent\"]}}]" \
  --parent parent-detail.jpg
actions act-transcoded-component.jpg \
  "[$created,{\"action\":\"c2pa.transcoded\",\"parameters\":{\"ingredientIds\":[\"parent\"]}}]" \
  --parent parent-detail.jpg --relationship componentOf
actions act-two-parents.jpg "[$opened]" --parent parent-detail.jpg --parent2 parent-detail.jpg
actions act-translated.jpg "[$created,{\"action\":\"c2pa.translated\"}]"
actions act-watermarked.jpg "[$created,{\"action\":\"c2pa.watermarked\"}]"
actions act-related-empty.jpg \
  "[$created,{\"action\":\"c2pa.edited\",\"parameters\":{\"relatedAssertions\":[]}}]"
actions act-redacted-unknown.jpg \
  "[$opened,{\"action\":\"c2pa.redacted\",\"parameters\":{\"redacted\":\"PARENT/c2pa.assertions/not.there\"}}]" \
  --parent parent-detail.jpg
actions act-redacted-listed.jpg \
  "[$opened,{\"action\":\"c2pa.redacted\",\"parameters\":{\"redacted\":\"PARENT/c2pa.assertions/org.hallmark.detail\"}}]" \
  --parent parent-detail.jpg --redact org.hallmark.detail

flip() {  # in out offset-from-end|@string|%box-label+offset
  python3 - "$@" <<'PY'
import sys
src, dst, where = sys.argv[1:]
data = bytearray(open(src, 'rb').read())
if where.startswith('@'):
    at = data.find(where[1:].encode()) + len(where) + 2
elif where.startswith('%'):  # the first JUMBF box with this label, N bytes after the label
    label, offset = where[1:].split('+')
    at = data.find(label.encode() + b'\0') + len(label) + 1 + int(offset)
else:
    at = len(data) - int(where)
data[at] ^= 0x01
open(dst, 'wb').write(data)
PY
}
flip ed25519.jpg tampered-data.jpg 300          # entropy-coded image data
flip ed25519.jpg tampered-claim.jpg @instanceID  # inside the claim: signature mismatch
flip es256-ai.jpg tampered-action.jpg @softwareAgent  # inside an assertion: hashed URI
flip ed25519-ai.png tampered-idat.png 40         # compressed image data
flip edit-es256.jpg tampered-parent.jpg @c2pa.created  # the ingredient's manifest
flip box-each.jpg tampered-box.jpg 300           # a box's bytes under a box hash
flip box-minimal.png tampered-box.png 40
# The unprotected padding of the redacted parent's signature: the signature still verifies,
# but the box no longer has the hash the ingredient recorded for it.
flip redacted.jpg tampered-redacted.jpg %c2pa.signature+3000

files="ed25519.jpg es256-ai.jpg ed25519-ai.png es256.png edit-es256.jpg edit-ed25519.png
selfsigned.jpg tampered-data.jpg tampered-claim.jpg tampered-action.jpg tampered-idat.png
tampered-parent.jpg box-each.jpg box-minimal.png box-unknown.jpg box-excluded.png
box-empty-exclusions.jpg box-exclusion.png tampered-box.jpg tampered-box.png parent-detail.jpg
redacted.jpg tampered-redacted.jpg wrong-key.jpg $(ls act-*.jpg)"

# --- Mutants (tests/interop/mutate.py), each a change c2pa-rs does not overlook.
mutate() { python3 "$here/mutate.py" "$@"; }
mutants=""
add() { mutants="$mutants $*"; }
# The active manifest's label edited: the claim still names its signature box by the old label
# (c2pa-rs: claimSignature.missing; c2pa-ts names it relatively, so only the label's form is
# judged), or the label is no longer a C2PA 2.x label (claim.malformed).
ffmpeg -v error -f lavfi -i testsrc=size=160x120:rate=10 -t 1 -c:v mpeg4 base.mp4
python3 - <<'PY'
d = bytearray(open('base.mp4', 'rb').read())  # c2pa-ts writes BMFF only into a HEIF brand
i = d.find(b'isom', 12)
d[i:i + 4] = b'mif1'
open('base.mp4', 'wb').write(d)
PY
sign ed25519.mp4 base.mp4 ed25519
rs_sign rs-es256.jpg base.jpg es256
rs_sign rs-ed25519.png base.png ed25519
for f in rs-es256.jpg rs-ed25519.png ed25519.jpg ed25519-ai.png ed25519.mp4; do
  mutate label "$f" "mut-label-$f"
  mutate label "$f" "mut-label-scheme-$f" --how scheme
  add "mut-label-$f mut-label-scheme-$f"
done
mutate label edit-es256.jpg mut-label-parent-edit-es256.jpg --manifest first
add mut-label-parent-edit-es256.jpg
# APP11 segments of a one-segment store duplicated (the store is read, its location moves) and
# a second store; two stores in a PNG and in an MP4 (after the first, at the end, an update box
# without an original one, a 'merkle' box that is not one).
for f in rs-es256.jpg ed25519.jpg; do
  mutate app11 "$f" "mut-dup1-$f" dup:1
  mutate app11 "$f" "mut-second-$f" second
  add "mut-dup1-$f mut-second-$f"
done
mutate png-second rs-ed25519.png mut-second-rs-ed25519.png
mutate png-second es256.png mut-second-es256.png
mutate mp4-second ed25519.mp4 mut-second-ed25519.mp4
mutate mp4-second ed25519.mp4 mut-second-end-ed25519.mp4 --where end
mutate mp4-second ed25519.mp4 mut-update-ed25519.mp4 --where end --purpose update
mutate mp4-second ed25519.mp4 mut-merkle-ed25519.mp4 --where end --purpose merkle
add mut-second-rs-ed25519.png mut-second-es256.png mut-second-ed25519.mp4 \
  mut-second-end-ed25519.mp4 mut-update-ed25519.mp4 mut-merkle-ed25519.mp4
# A broken claim signature, and the same behind an expired certificate: expiry must not hide it.
mutate recert ed25519.pem ed25519-root.key expired.pem --days-ago 400:30
sign expired.jpg base.jpg ed25519 --cert expired.pem
rs_sign rs-expired.jpg base.jpg ed25519 --cert expired.pem
for f in ed25519.jpg rs-es256.jpg expired.jpg rs-expired.jpg; do
  mutate sig "$f" "mut-sig-$f"
  add "mut-sig-$f"
done
add expired.jpg rs-expired.jpg
# A signer whose subject is not UTF-8 (c2pa-rs judges it on its merits: it may be Trusted),
# from either root; and the same with the issuer's signature on it broken, which no anchor
# saves.
badcn() { python3 -c "import sys; b = bytearray(sys.argv[1].encode()); b[9:11] = b'\xc3\x28'; print(b.hex())" "$1"; }
mutate recert ed25519.pem ed25519-root.key utf8-ed25519.pem \
  --cn-bytes "$(badcn 'hallmark interop ed25519 signer')"
mutate recert es256.pem es256-root.key utf8-es256.pem \
  --cn-bytes "$(badcn 'hallmark interop es256 signer')"
mutate recert ed25519.pem ed25519-root.key utf8-broken.pem \
  --cn-bytes "$(badcn 'hallmark interop ed25519 signer')" --break-signature
sign utf8-ed25519.jpg base.jpg ed25519 --cert utf8-ed25519.pem
rs_sign utf8-es256.jpg base.jpg es256 --cert utf8-es256.pem
sign utf8-broken.jpg base.jpg ed25519 --cert utf8-broken.pem
mutate sig utf8-ed25519.jpg mut-sig-utf8-ed25519.jpg
add utf8-ed25519.jpg utf8-es256.jpg utf8-broken.jpg mut-sig-utf8-ed25519.jpg
# Signers whose chain reaches the anchor but whose certificate breaks the profile: no EKU, an
# EKU it does not accept, anyExtendedKeyUsage, no digitalSignature, a CA, keyCertSign.
profile() {  # name extension-lines...
  local name=$1
  shift
  printf '%s\n' "$@" subjectKeyIdentifier=hash authorityKeyIdentifier=keyid > "$name.ext"
  openssl x509 -req -in ed25519.csr -CA ed25519-root.pem -CAkey ed25519-root.key \
    -CAcreateserial -out "$name.pem" -days 365 -extfile "$name.ext" 2>/dev/null
  sign "profile-$name.jpg" base.jpg ed25519 --cert "$name.pem"
  add "profile-$name.jpg"
}
ee=basicConstraints=critical,CA:FALSE
ds=keyUsage=critical,digitalSignature
email=extendedKeyUsage=emailProtection
profile no-eku "$ee" "$ds"
profile server-eku "$ee" "$ds" extendedKeyUsage=serverAuth
profile any-eku "$ee" "$ds" extendedKeyUsage=anyExtendedKeyUsage,emailProtection
profile no-digsig "$ee" keyUsage=critical,nonRepudiation "$email"
profile ca basicConstraints=critical,CA:TRUE "$ds" "$email"
profile certsign "$ee" keyUsage=critical,digitalSignature,keyCertSign "$email"

# The shared fixtures (read in place): labels of 1.x and 2.x manifests, APP11 segments of a
# two-segment store duplicated, dropped and swapped, a second store, a second MP4 store.
shared=""
if [ -f "$shared_cand/c2pa/fixtures/CA.jpg" ]; then
  shared=$(cd "$shared_cand" && pwd)
fi
fixture_trust=""
if [ -n "$shared" ]; then
  fx=$shared/c2pa/fixtures
  fixture_trust=$fx/certs/test_cert_root_bundle.pem
  for f in CA.jpg CACA.jpg C_with_CAWG_data.jpg; do
    mutate label "$fx/$f" "fx-label-$f"
    mutate label "$fx/$f" "fx-label-scheme-$f" --how scheme
    add "fx-label-$f fx-label-scheme-$f"
  done
  for f in CA.jpg CACA.jpg; do  # the ingredient's manifest, which the active one names
    mutate label "$fx/$f" "fx-label-first-$f" --manifest first
    add "fx-label-first-$f"
  done
  for op in dup:1 dup:2 drop:1 drop:2 swap:1:2 second late; do
    mutate app11 "$fx/CA.jpg" "fx-app11-${op//:/-}-CA.jpg" "$op"
    add "fx-app11-${op//:/-}-CA.jpg"
  done
  for f in video1.mp4 legacy.mp4; do
    mutate mp4-second "$fx/$f" "fx-second-$f"
    mutate mp4-second "$fx/$f" "fx-second-original-$f" --where end --purpose original
    add "fx-second-$f fx-second-original-$f"
  done
  mutate app11 "$fx/C.jpg" fx-app11-dup-1-C.jpg dup:1  # a one-segment store
  add fx-app11-dup-1-C.jpg
  # A broken signature, also behind a certificate that has expired.
  mutate sig "$fx/C.jpg" fx-sig-C.jpg
  mutate sig "$fx/public-testfiles/nikon-20221019-building.jpeg" fx-sig-nikon.jpg
  add fx-sig-C.jpg fx-sig-nikon.jpg
else
  echo "c2pa-interop: fixture mutants skipped: the shared C2PA fixtures are not in $shared_cand"
fi

# c2pa-rs judges every file in one node process; then hallmark, file by file.
: > jobs.tsv
names=()
trusts=()
for f in $files $mutants; do
  for trust in none anchors; do
    anchors=""
    if [ "$trust" = anchors ]; then
      anchors=anchors.pem
      case $f in fx-*) anchors=$fixture_trust ;; esac
    fi
    names+=("$f")
    trusts+=("$anchors")
    printf '%s\t%s\t%s\n' "$f" "$anchors" "rs-${#names[@]}.json" >> jobs.tsv
  done
done
node "$here/c2pa_rs.mjs" --batch jobs.tsv
: > pairs.tsv
for i in "${!names[@]}"; do
  f=${names[$i]}
  anchors=${trusts[$i]}
  targs=()
  vargs=()
  mode="no anchors"
  if [ -n "$anchors" ]; then
    targs=(--trust "$anchors")
    vargs=(--c2pa-trust "$anchors")
    mode=anchors
  fi
  "$dump" "$f" "${targs[@]}" > "hm-$i.json" || true
  verdict=""
  if [ -n "$hallmark" ]; then
    "$hallmark" verify "$f" --json "${vargs[@]}" > "verdict-$i.json" 2>/dev/null || true
    verdict=verdict-$i.json
  fi
  printf '%s\t%s\t%s\t%s\n' "$f ($mode)" "rs-$((i + 1)).json" "hm-$i.json" "$verdict" >> pairs.tsv
done
status=0
python3 "$here/compare.py" --batch pairs.tsv > compared.txt || status=1
cat compared.txt
passed=$(grep -c '^ok: ' compared.txt || true)
failed=$(grep -c '^FAIL: ' compared.txt || true)
# AI disclosure is read from the actions.
python3 - "$dump" <<'PY'
import json, subprocess, sys
for name, want in [('es256-ai.jpg', True), ('ed25519-ai.png', True), ('es256.png', True),
                   ('ed25519.jpg', False)]:
    out = json.loads(subprocess.run([sys.argv[1], name], capture_output=True, text=True).stdout)
    got = out['manifests'][0]['ai_generated']
    print(f"{'ok' if got == want else 'FAIL'}: {name}: ai_generated={got}")
    if got != want:
        sys.exit(1)
PY
echo "c2pa-interop: $passed passed, $failed failed"
exit $status
