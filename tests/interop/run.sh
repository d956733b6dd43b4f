#!/usr/bin/env bash
# C2PA interop: fresh files signed by c2pa-ts (Ed25519 and ES256, an openssl-made chain, with
# and without a parent ingredient, AI disclosure) and tampered copies, judged by hallmark and by
# c2pa-rs (WASM, in node); the verdicts and status codes must be equal.
#   tests/interop/run.sh C2PA_DUMP
# Exit 0 when all equal, 1 on a difference, 77 (skipped) when node, npm, openssl or ffmpeg is
# missing or the npm registry cannot be reached.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dump=$(realpath "${1:?usage: run.sh PATH/TO/c2pa_dump}")
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
status=0
passed=0
failed=0
for f in $files; do
  for trust in none anchors; do
    targs=()
    rargs=()
    if [ "$trust" = anchors ]; then
      targs=(--trust anchors.pem)
      rargs=(anchors.pem)
    fi
    node "$here/c2pa_rs.mjs" "$f" "${rargs[@]}" > rs.json
    "$dump" "$f" "${targs[@]}" > hm.json || true
    if python3 "$here/compare.py" "$f ($trust anchors)" rs.json hm.json; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      status=1
    fi
  done
done
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
