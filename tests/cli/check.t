The CI gate over a tree of 50 media files (see check-tree.sh), judged by three policies.

  $ export HALLMARK_HOME=home
  $ "$REPO/scripts/make-samples" s > /dev/null
  $ check-tree.sh s
  $ rm -r s

With no policy file every file must be verified by someone trusted; text is one line a file.

  $ hallmark check photos ai video drafts notes.txt | sed 's/ on [0-9-]*/ on DATE/; s/([0-9.]* s)/(TIME)/'
  ✔ photos/signed-01.jpg — verified — signed by alice (trusted) on DATE [location-redacted]
  ✔ photos/signed-02.jpg — verified — signed by alice (trusted) on DATE [location-redacted]
  ✔ photos/signed-03.jpg — verified — signed by alice (trusted) on DATE [location-redacted]
  ✔ photos/signed-04.jpg — verified — signed by alice (trusted) on DATE [location-redacted]
  ✔ photos/signed-05.jpg — verified — signed by alice (trusted) on DATE [location-redacted]
  ✔ photos/signed-06.jpg — verified — signed by alice (trusted) on DATE [location-redacted]
  ✔ photos/signed-07.jpg — verified — signed by alice (trusted) on DATE [location-redacted]
  ✔ photos/signed-08.jpg — verified — signed by alice (trusted) on DATE [location-redacted]
  ✔ photos/signed-09.jpg — verified — signed by alice (trusted) on DATE [location-redacted]
  ✔ photos/signed-10.jpg — verified — signed by alice (trusted) on DATE [location-redacted]
  ✘ photos/tampered-01.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✘ photos/tampered-02.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✘ photos/tampered-03.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✘ photos/tampered-04.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✘ photos/tampered-05.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✘ photos/unsigned-01.jpg — unsigned — no provenance found (no photos/unsigned-01.jpg.hallmark)
  ✘ photos/unsigned-02.jpg — unsigned — no provenance found (no photos/unsigned-02.jpg.hallmark)
  ✘ photos/unsigned-03.jpg — unsigned — no provenance found (no photos/unsigned-03.jpg.hallmark)
  ✘ photos/unsigned-04.jpg — unsigned — no provenance found (no photos/unsigned-04.jpg.hallmark)
  ✘ photos/unsigned-05.jpg — unsigned — no provenance found (no photos/unsigned-05.jpg.hallmark)
  ✘ photos/untrusted-01.png — untrusted-signer — signed by "mallory" (untrusted key *) on DATE (glob)
  ✘ photos/untrusted-02.png — untrusted-signer — signed by "mallory" (untrusted key *) on DATE (glob)
  ✘ photos/untrusted-03.png — untrusted-signer — signed by "mallory" (untrusted key *) on DATE (glob)
  ✘ photos/untrusted-04.png — untrusted-signer — signed by "mallory" (untrusted key *) on DATE (glob)
  ✘ photos/untrusted-05.png — untrusted-signer — signed by "mallory" (untrusted key *) on DATE (glob)
  ✔ ai/generated-01.png — verified — signed by studio (trusted) on DATE [ai-generated]
  ✔ ai/generated-02.png — verified — signed by studio (trusted) on DATE [ai-generated]
  ✔ ai/generated-03.png — verified — signed by studio (trusted) on DATE [ai-generated]
  ✔ ai/generated-04.png — verified — signed by studio (trusted) on DATE [ai-generated]
  ✔ ai/generated-05.png — verified — signed by studio (trusted) on DATE [ai-generated]
  ✔ ai/undeclared-01.webp — verified — signed by studio (trusted) on DATE
  ✔ ai/undeclared-02.webp — verified — signed by studio (trusted) on DATE
  ✔ ai/undeclared-03.webp — verified — signed by studio (trusted) on DATE
  ✔ ai/undeclared-04.webp — verified — signed by studio (trusted) on DATE
  ✔ ai/undeclared-05.webp — verified — signed by studio (trusted) on DATE
  ✔ video/clip-01.mp4 — verified — signed by newsroom (trusted) on DATE
  ✔ video/clip-02.mp4 — verified — signed by newsroom (trusted) on DATE
  ✔ video/clip-03.mp4 — verified — signed by newsroom (trusted) on DATE
  ✔ video/clip-04.mp4 — verified — signed by newsroom (trusted) on DATE
  ✔ video/clip-05.mp4 — verified — signed by newsroom (trusted) on DATE
  ✔ video/remuxed-01.mkv — verified-content — signed by newsroom (trusted) on DATE; the content is as signed (remuxed mp4 → matroska) [remuxed]
  ✔ video/remuxed-02.mkv — verified-content — signed by newsroom (trusted) on DATE; the content is as signed (remuxed mp4 → matroska) [remuxed]
  ✔ video/remuxed-03.mkv — verified-content — signed by newsroom (trusted) on DATE; the content is as signed (remuxed mp4 → matroska) [remuxed]
  ✔ video/remuxed-04.mkv — verified-content — signed by newsroom (trusted) on DATE; the content is as signed (remuxed mp4 → matroska) [remuxed]
  ✔ video/remuxed-05.mkv — verified-content — signed by newsroom (trusted) on DATE; the content is as signed (remuxed mp4 → matroska) [remuxed]
  ✘ drafts/draft-01.jpg — unsigned — no provenance found (no drafts/draft-01.jpg.hallmark)
  ✘ drafts/draft-02.jpg — unsigned — no provenance found (no drafts/draft-02.jpg.hallmark)
  ✘ drafts/draft-03.jpg — unsigned — no provenance found (no drafts/draft-03.jpg.hallmark)
  ✘ drafts/draft-04.jpg — unsigned — no provenance found (no drafts/draft-04.jpg.hallmark)
  ✘ drafts/draft-05.jpg — unsigned — no provenance found (no drafts/draft-05.jpg.hallmark)
  hallmark check: 52 files, 30 passed, 20 failed, 2 skipped, 0 errors (TIME)

A newsroom policy: alice or newsroom must sign, AI is refused except under ai/ where it must be
declared and signed by the studio, drafts may be unsigned, remuxed video is fine.

  $ cat > newsroom.policy <<'P'
  > [defaults]
  > require_signer = alice, newsroom
  > ai = refuse
  > [path "ai/**"]
  > require_signer = studio
  > ai = declared
  > [path "drafts/"]
  > allow_unsigned = true
  > P
  $ hallmark check . --policy newsroom.policy --exclude 'home/' --exclude '*.policy' | sed 's/ on [0-9-]*/ on DATE/; s/([0-9.]* s)/(TIME)/' | grep -v '^✔'
  ✘ ai/undeclared-01.webp — ai-undeclared: the manifest does not declare its digital source type (this policy requires AI generation to be declared)
  ✘ ai/undeclared-02.webp — ai-undeclared: the manifest does not declare its digital source type (this policy requires AI generation to be declared)
  ✘ ai/undeclared-03.webp — ai-undeclared: the manifest does not declare its digital source type (this policy requires AI generation to be declared)
  ✘ ai/undeclared-04.webp — ai-undeclared: the manifest does not declare its digital source type (this policy requires AI generation to be declared)
  ✘ ai/undeclared-05.webp — ai-undeclared: the manifest does not declare its digital source type (this policy requires AI generation to be declared)
  ✘ photos/tampered-01.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✘ photos/tampered-02.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✘ photos/tampered-03.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✘ photos/tampered-04.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✘ photos/tampered-05.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✘ photos/unsigned-01.jpg — unsigned — no provenance found (no photos/unsigned-01.jpg.hallmark)
  ✘ photos/unsigned-02.jpg — unsigned — no provenance found (no photos/unsigned-02.jpg.hallmark)
  ✘ photos/unsigned-03.jpg — unsigned — no provenance found (no photos/unsigned-03.jpg.hallmark)
  ✘ photos/unsigned-04.jpg — unsigned — no provenance found (no photos/unsigned-04.jpg.hallmark)
  ✘ photos/unsigned-05.jpg — unsigned — no provenance found (no photos/unsigned-05.jpg.hallmark)
  ✘ photos/untrusted-01.png — untrusted-signer — signed by "mallory" (untrusted key *) on DATE (glob)
  ✘ photos/untrusted-02.png — untrusted-signer — signed by "mallory" (untrusted key *) on DATE (glob)
  ✘ photos/untrusted-03.png — untrusted-signer — signed by "mallory" (untrusted key *) on DATE (glob)
  ✘ photos/untrusted-04.png — untrusted-signer — signed by "mallory" (untrusted key *) on DATE (glob)
  ✘ photos/untrusted-05.png — untrusted-signer — signed by "mallory" (untrusted key *) on DATE (glob)
  hallmark check: 53 files, 30 passed, 20 failed, 3 skipped, 0 errors (TIME)

A strict archive policy: no remuxed or re-tagged copies, no AI at all; only the archive's
own photos and video pass.

  $ cat > strict.policy <<'P'
  > [defaults]
  > allow_verified_content = false
  > ai = refuse
  > [path "photos/untrusted-*"]
  > allow_unsigned = true   # irrelevant: they are signed, by someone untrusted
  > P
  $ hallmark check photos ai video --policy strict.policy -q | sed 's/ on [0-9-]*/ on DATE/; s/([0-9.]* s)/(TIME)/'
  ✘ photos/tampered-01.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✘ photos/tampered-02.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✘ photos/tampered-03.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✘ photos/tampered-04.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✘ photos/tampered-05.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✘ photos/unsigned-01.jpg — unsigned — no provenance found (no photos/unsigned-01.jpg.hallmark)
  ✘ photos/unsigned-02.jpg — unsigned — no provenance found (no photos/unsigned-02.jpg.hallmark)
  ✘ photos/unsigned-03.jpg — unsigned — no provenance found (no photos/unsigned-03.jpg.hallmark)
  ✘ photos/unsigned-04.jpg — unsigned — no provenance found (no photos/unsigned-04.jpg.hallmark)
  ✘ photos/unsigned-05.jpg — unsigned — no provenance found (no photos/unsigned-05.jpg.hallmark)
  ✘ photos/untrusted-01.png — untrusted-signer — signed by "mallory" (untrusted key *) on DATE (glob)
  ✘ photos/untrusted-02.png — untrusted-signer — signed by "mallory" (untrusted key *) on DATE (glob)
  ✘ photos/untrusted-03.png — untrusted-signer — signed by "mallory" (untrusted key *) on DATE (glob)
  ✘ photos/untrusted-04.png — untrusted-signer — signed by "mallory" (untrusted key *) on DATE (glob)
  ✘ photos/untrusted-05.png — untrusted-signer — signed by "mallory" (untrusted key *) on DATE (glob)
  ✘ ai/generated-01.png — ai-refused: declared AI-generated, which this policy refuses here
  ✘ ai/generated-02.png — ai-refused: declared AI-generated, which this policy refuses here
  ✘ ai/generated-03.png — ai-refused: declared AI-generated, which this policy refuses here
  ✘ ai/generated-04.png — ai-refused: declared AI-generated, which this policy refuses here
  ✘ ai/generated-05.png — ai-refused: declared AI-generated, which this policy refuses here
  ✘ video/remuxed-01.mkv — verified-content — signed by newsroom (trusted) on DATE; the content is as signed (remuxed mp4 → matroska) [remuxed]
  ✘ video/remuxed-02.mkv — verified-content — signed by newsroom (trusted) on DATE; the content is as signed (remuxed mp4 → matroska) [remuxed]
  ✘ video/remuxed-03.mkv — verified-content — signed by newsroom (trusted) on DATE; the content is as signed (remuxed mp4 → matroska) [remuxed]
  ✘ video/remuxed-04.mkv — verified-content — signed by newsroom (trusted) on DATE; the content is as signed (remuxed mp4 → matroska) [remuxed]
  ✘ video/remuxed-05.mkv — verified-content — signed by newsroom (trusted) on DATE; the content is as signed (remuxed mp4 → matroska) [remuxed]
  hallmark check: 45 files, 20 passed, 25 failed, 0 skipped, 0 errors (TIME)

A typo in a policy key is an error naming the file and line, not a silently ignored rule.

  $ printf '[defaults]\nrequire_signers = alice\n' > typo.policy
  $ hallmark check photos --policy typo.policy
  hallmark: error: typo.policy:2: unknown key "require_signers"
  [2]

Everything passes when the tree is what the policy allows.

  $ hallmark check photos/signed-01.jpg video --policy newsroom.policy | tail -1 | sed 's/([0-9.]* s)/(TIME)/'
  hallmark check: 11 files, 11 passed, 0 failed, 0 skipped, 0 errors (TIME)

Off a terminal, and with NO_COLOR on one, the output has no escape codes; on a terminal it has.

  $ hallmark check photos | grep -c $'\033'
  0
  [1]
  $ NO_COLOR=1 with-tty -- hallmark check photos | grep -c $'\033'
  0
  [1]
  $ env -u NO_COLOR with-tty -- hallmark check photos | grep -c $'\033' | sed 's/^[1-9][0-9]*$/some/'
  some

The machine formats: JSON, JUnit and SARIF (validated against their schemas in tests/schema).

  $ hallmark check photos --format json --output report.json
  [1]
  $ python3 -c 'import json; r = json.load(open("report.json")); print(r["hallmark_report"], r["command"], r["summary"]["files"], r["summary"]["failed"], r["exit_code"], sorted({f["outcome"] for f in r["files"]}))'
  1 check 25 15 1 ['failed', 'passed']
  $ hallmark check photos --format junit --output report.xml
  [1]
  $ grep -c '<testcase ' report.xml
  25
  $ grep -c '<failure ' report.xml
  15
  $ hallmark check photos --format sarif > report.sarif
  [1]
  $ python3 -c 'import json; r = json.load(open("report.sarif")); print(r["version"], len(r["runs"][0]["results"]), sorted({x["ruleId"] for x in r["runs"][0]["results"]}))'
  2.1.0 15 ['tampered', 'unsigned', 'untrusted-signer']
  $ hallmark check photos --format yaml
  hallmark: error: --format must be text, json, junit or sarif
  [2]

SARIF locates a tampered file by its changed chunks, one region each, cut at the end of the
file as it is now; a change the chunks cannot narrow (a file of one chunk) has no region,
and the message says what verify says.

  $ mkdir big && head -c 3500000 /dev/urandom > big/a.bin && cp big/a.bin big/b.bin
  $ hallmark sign big/a.bin big/b.bin --key alice -q
  $ printf X | dd of=big/a.bin bs=1 seek=10 conv=notrunc 2>/dev/null
  $ printf X | dd of=big/a.bin bs=1 seek=3000000 conv=notrunc 2>/dev/null
  $ truncate -s 2000000 big/b.bin
  $ hallmark check big photos/tampered-01.jpg --format sarif | python3 -c 'import json, sys; [print(r["message"]["text"], [l["physicalLocation"].get("region") for l in r["locations"]]) for r in json.load(sys.stdin)["runs"][0]["results"]]'
  big/a.bin: tampered — 2 byte ranges differ from what alice signed [{'byteOffset': 0, 'byteLength': 1048576}, {'byteOffset': 2097152, 'byteLength': 1048576}]
  big/b.bin: tampered — the file is 1,500,000 bytes shorter than alice signed [{'byteOffset': 1048576, 'byteLength': 951424}]
  photos/tampered-01.jpg: tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted] [None]

A policy that requires a signer the trust store does not know warns: no file can pass by
that signer.

  $ printf '[defaults]\nrequire_signer = alice, bob\n' > bob.policy
  $ hallmark check photos/signed-01.jpg --policy bob.policy
  hallmark: warning: bob.policy:2: require_signer names "bob", whom the trust store does not list: no file can pass by bob's signature
  ✔ photos/signed-01.jpg — verified — signed by alice (trusted) on * [location-redacted] (glob)
  hallmark check: 1 file, 1 passed, 0 failed, 0 skipped, 0 errors (* s) (glob)
  $ hallmark check photos/signed-01.jpg --policy bob.policy -q 2>&1 | grep -c warning
  0
  [1]
  $ hallmark key new --name bob --unencrypted -q && hallmark trust add bob -q
  $ hallmark check photos/signed-01.jpg --policy bob.policy 2>&1 | grep -c warning
  0
  [1]

A bundle whose file is gone is listed (not only with --verbose) and counted: a tree of only
such bundles is not an empty one.

  $ mkdir orphans && cp photos/signed-01.jpg.hallmark orphans/lost.jpg.hallmark
  $ hallmark check orphans
  - orphans/lost.jpg.hallmark — skipped: a bundle without its file (lost.jpg is not here)
  hallmark check: 1 file, 0 passed, 0 failed, 1 skipped, 0 errors (* s) (glob)
  $ hallmark check orphans --format json | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["summary"]["files"], d["files"][0]["outcome"], d["files"][0]["skip_reason"])'
  1 skipped a bundle without its file (lost.jpg is not here)
  $ hallmark check photos -q | grep -c 'without its file'
  0
  [1]
