docs/ci/pre-commit, the git hook, for real: a repository with the hook installed refuses a
commit whose staged media is tampered or unsigned, with hallmark check's report, and takes it
once the media is fixed.

  $ export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1  # no hooksPath or the like from outside
  $ hallmark key new --name alice --unencrypted > /dev/null && hallmark trust add alice > /dev/null
  $ git init -q -b main repo && cd repo
  $ git config user.name Tester && git config user.email tester@example.com
  $ cp "$TESTDIR/../../docs/ci/pre-commit" .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit

A signed photo, a signed picture tampered with after signing, an unsigned video, and a text
file (not media: skipped).

  $ mkdir photos video
  $ cp "$SAMPLES/photo.jpg" photos/harbour.jpg && cp "$SAMPLES/image.png" photos/pier.png
  $ cp "$SAMPLES/clip.mp4" video/raw.mp4 && echo 'Photos of the harbour' > README.md
  $ hallmark sign photos/harbour.jpg photos/pier.png --key alice | sed 's/ (sha256:.*//'
  signed photos/harbour.jpg -> photos/harbour.jpg.hallmark
  signed photos/pier.png -> photos/pier.png.hallmark
  $ printf 'X' | dd of=photos/pier.png bs=1 seek=200 conv=notrunc status=none
  $ git add . && git commit -q -m 'Harbour photos'
  ✔ photos/harbour.jpg — verified — signed by alice (trusted) on * [location-redacted] (glob)
  ✘ photos/pier.png — tampered — the media content differs from what alice signed
  ✘ video/raw.mp4 — unsigned — no provenance found (no video/raw.mp4.hallmark)
  hallmark check: 4 files, 1 passed, 2 failed, 1 skipped, 0 errors (* s) (glob)
  pre-commit: hallmark check refused the staged media (exit 1)
  pre-commit: hint: sign them (hallmark sign FILE) and stage FILE.hallmark too, or commit with --no-verify to skip this check
  [1]
  $ git log --oneline 2>&1 | head -1
  fatal: your current branch 'main' does not have any commits yet

The hook checks what is staged, not the work tree: signing the video without staging its
bundle is not enough.

  $ hallmark sign video/raw.mp4 --key alice > /dev/null
  $ cp "$SAMPLES/image.png" photos/pier.png && git add photos/pier.png
  $ git commit -q -m 'Harbour photos' 2>&1 | grep -v '^pre-commit: hint'
  ✔ photos/harbour.jpg — verified — signed by alice (trusted) on * [location-redacted] (glob)
  ✔ photos/pier.png — verified — signed by alice (trusted) on * (glob)
  ✘ video/raw.mp4 — unsigned — no provenance found (no video/raw.mp4.hallmark)
  hallmark check: 4 files, 2 passed, 1 failed, 1 skipped, 0 errors (* s) (glob)
  pre-commit: hallmark check refused the staged media (exit 1)

With the bundle staged, the commit goes through; a later commit of only a text file checks
nothing that is media.

  $ git add video/raw.mp4.hallmark && git commit -q -m 'Harbour photos'
  ✔ photos/harbour.jpg — verified — signed by alice (trusted) on * [location-redacted] (glob)
  ✔ photos/pier.png — verified — signed by alice (trusted) on * (glob)
  ✔ video/raw.mp4 — verified — signed by alice (trusted) on * (glob)
  hallmark check: 4 files, 3 passed, 0 failed, 1 skipped, 0 errors (* s) (glob)
  $ git log --format=%s
  Harbour photos
  $ echo 'More photos soon' >> README.md && git commit -q -am 'Update README'
  hallmark check: 1 file, 0 passed, 0 failed, 1 skipped, 0 errors (* s) (glob)

Changing a staged bundle re-checks its file; a policy set with git config applies (here: only
"bob" may sign photos).

  $ printf '[path "photos/"]\nrequire_signer = bob\n' > policy.toml && git add policy.toml
  $ git config hallmark.policy policy.toml
  $ hallmark sign photos/harbour.jpg --key alice --title 'The harbour' --force > /dev/null
  $ git add photos/harbour.jpg.hallmark
  $ git commit -q -m 'Re-sign the harbour' 2>&1 | grep -v '^pre-commit: hint'
  hallmark: warning: */repo/policy.toml:2: require_signer names "bob", whom the trust store does not list: no file under [path "photos/"] can pass by bob's signature (glob)
  ✘ photos/harbour.jpg — signer-not-allowed: not signed by any of the required signers (bob)
  hallmark check: 2 files, 0 passed, 1 failed, 1 skipped, 0 errors (* s) (glob)
  pre-commit: hallmark check refused the staged media (exit 1)
  $ git commit -q --no-verify -m 'Re-sign the harbour' && git log --format=%s | head -1
  Re-sign the harbour
