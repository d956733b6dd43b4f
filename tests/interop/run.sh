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

flip() {  # in out offset-from-end|@string
  python3 - "$@" <<'PY'
import sys
src, dst, where = sys.argv[1:]
data = bytearray(open(src, 'rb').read())
if where.startswith('@'):
    at = data.find(where[1:].encode()) + len(where) + 2
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

files="ed25519.jpg es256-ai.jpg ed25519-ai.png es256.png edit-es256.jpg edit-ed25519.png
selfsigned.jpg tampered-data.jpg tampered-claim.jpg tampered-action.jpg tampered-idat.png
tampered-parent.jpg"
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
