Text from a bundle, a manifest or a file name reaches the terminal only escaped (\xNN for
control bytes and bytes that are not UTF-8, \u{...} for C1 and bidirectional controls, \\ for
a backslash), so a hostile bundle cannot move the cursor, recolour the screen, reorder a line
or draw its own "✔ verified" line. JUnit stays well-formed XML and SARIF and JSON stay valid.

  $ python3 -c 'import cryptography' 2>/dev/null || echo "@skip python3 cryptography is missing (resign-bundle needs it)"
  $ export HALLMARK_HOME=home
  $ hallmark key new --name alice --unencrypted -q && hallmark trust add alice -q
  $ hallmark key new --name forger --unencrypted -q
  $ cp "$SAMPLES/photo.jpg" photo.jpg

The forger signs the photo with their own key, a creator name that ends the line and draws a
fake verdict, a title and an action description full of escape sequences.

  $ hallmark sign photo.jpg --key forger -q --action "c2pa.edited:$(printf 'warmer\033]0;owned\007')"
  $ resign-bundle photo.jpg.hallmark home/keys/forger.key \
  >   --creator "$(printf 'alice\033[32m\r\n\342\234\224 verified \342\200\224 signed by alice (trusted)\342\200\256gpj.exe')" \
  >   --title "$(printf 'T\033[2J\033[H')"
  $ hallmark verify photo.jpg
  photo.jpg: ✘ untrusted-signer — signed by "alice\x1b[32m\x0d\x0a✔ verified — signed by alice (trusted)\u{202e}gpj.exe" (untrusted key *) on *, edited (warmer\x1b]0;owned\x07) [edited, location-redacted] (glob)
  hallmark: hint: if you know whose key ed25519:*… is, trust it with: hallmark trust add ed25519:* --name NAME (glob)
  [1]
  $ hallmark verify photo.jpg -v 2>/dev/null | grep -E '^  (created|actions)'
    created  *  title T\x1b[2J\x1b[H (glob)
    actions  c2pa.created, c2pa.edited (warmer\x1b]0;owned\x07)
  $ hallmark history photo.jpg | head -2
  photo.jpg: ✘ untrusted-signer
  └─ ✘ sha256:*… edited (warmer\x1b]0;owned\x07) — by "alice\x1b[32m\x0d\x0a✔ verified — signed by alice (trusted)\u{202e}gpj.exe" (untrusted key *) on *: untrusted-signer, no signer is in the trust store (creator "alice\x1b[32m\x0d\x0a✔ verified — signed by alice (trusted)\u{202e}gpj.exe", key *) (glob)

No byte of any output is a control character (but the newlines that end lines) or a
bidirectional override; in JSON the strings are exact, the invisible ones as \uXXXX.

  $ clean() { python3 -c 'import sys; d = sys.stdin.buffer.read(); bad = [c for c in d if c < 32 and c != 10] + ["bidi" for s in ("\u202e", "\u2066", "\x9b") if s.encode() in d]; print("clean" if not bad else "DIRTY %r" % bad)'; }
  $ hallmark verify photo.jpg -v 2>&1 | clean
  clean
  $ hallmark history photo.jpg --format dot | clean
  clean
  $ hallmark inspect photo.jpg 2>&1 | clean
  clean
  $ hallmark verify photo.jpg --json 2>/dev/null | clean
  clean
  $ hallmark verify photo.jpg --json 2>/dev/null | python3 -c 'import json, sys; f = json.load(sys.stdin)["files"][0]; print(repr(f["manifest"]["creator"]["name"])); print(f["summary"][:64])'
  'alice\x1b[32m\r\n✔ verified — signed by alice (trusted)\u202egpj.exe'
  photo.jpg: ✘ untrusted-signer — signed by "alice\x1b[32m\x0d\x0a

The names of image units are bound by the signed media binding (their leaf_info digest,
hallmark-media(7)): names edited into the bundle make its leaves unusable, so none of them
is ever shown, and the signed creator name is still escaped.

  $ python3 -c 'import json; b = json.load(open("photo.jpg.hallmark")); b["leaves"]["media"]["image#0"]["unit_names"][6] = "scan 0\x1b[2K\r\u2714 verified\u202e"; json.dump(b, open("photo.jpg.hallmark", "w"))'
  $ printf X | dd of=photo.jpg bs=1 seek=5000 conv=notrunc 2>/dev/null
  $ hallmark verify photo.jpg 2>/dev/null
  photo.jpg: ✘ tampered — the media content differs from what "alice\x1b[32m\x0d\x0a✔ verified — signed by alice (trusted)\u{202e}gpj.exe" (untrusted key *) signed [edited, location-redacted] (glob)
    image#0: differs, and the bundle's leaves cannot locate where
    changed bytes 0–25149 (24.6 KiB)
  [1]

File names may hold newlines and bytes that are not UTF-8: every format shows them the same
way, and JSON keeps the raw bytes (base64, "file_bytes") when they are not UTF-8.

  $ mkdir tree
  $ cp "$SAMPLES/photo.jpg" "tree/$(printf 'evil\n\342\234\224 fake.jpg')"
  $ cp "$SAMPLES/photo.jpg" "tree/$(printf 'caf\351.jpg')"
  $ cp "$SAMPLES/photo.jpg" 'tree/back\slash.jpg'
  $ hallmark sign tree --key alice
  signed tree/back\\\\slash.jpg -> tree/back\\\\slash.jpg.hallmark (sha256:*) (glob)
  signed tree/caf\xe9.jpg -> tree/caf\xe9.jpg.hallmark (sha256:*) (glob)
  signed tree/evil\x0a✔ fake.jpg -> tree/evil\x0a✔ fake.jpg.hallmark (sha256:*) (glob)
  $ printf X | dd of="tree/$(printf 'caf\351.jpg')" bs=1 seek=5000 conv=notrunc 2>/dev/null
  $ hallmark verify tree/*.jpg
  tree/back\\\\slash.jpg: ✔ verified — signed by alice (trusted) on * [location-redacted] (glob)
  tree/caf\xe9.jpg: ✘ tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
    changed image#0 unit 6 (scan 0)
  tree/evil\x0a✔ fake.jpg: ✔ verified — signed by alice (trusted) on * (glob)
  [1]
  $ hallmark check tree
  ✔ tree/back\\\\slash.jpg — verified — signed by alice (trusted) on * [location-redacted] (glob)
  ✘ tree/caf\xe9.jpg — tampered — image unit 6 (scan 0) differs from what alice signed [location-redacted]
  ✔ tree/evil\x0a✔ fake.jpg — verified — signed by alice (trusted) on * (glob)
  hallmark check: 3 files, 2 passed, 1 failed, 0 skipped, 0 errors (* s) (glob)
  [1]
  $ hallmark verify tree/*.jpg --json | python3 -c 'import json, sys; [print(f["file"], f.get("file_bytes"), f["verdict"]) for f in json.load(sys.stdin)["files"]]'
  tree/back\slash.jpg None verified
  tree/caf\xe9.jpg dHJlZS9jYWbpLmpwZw== tampered
  tree/evil
  ✔ fake.jpg None verified
  $ hallmark check tree --format json | python3 -c 'import json, sys; [print(repr(f["file"]), f["relative"], f.get("file_bytes")) for f in json.load(sys.stdin)["files"]]'
  'tree/back\\slash.jpg' back\slash.jpg None
  'tree/caf\\xe9.jpg' caf\xe9.jpg dHJlZS9jYWbpLmpwZw==
  'tree/evil\n✔ fake.jpg' evil
  ✔ fake.jpg None
  $ hallmark check tree --format junit > report.xml; xmllint --noout report.xml && echo well-formed
  well-formed
  $ clean < report.xml
  clean
  $ grep -o 'name="tree/[^"]*"' report.xml
  name="tree/back\\slash.jpg"
  name="tree/caf\xe9.jpg"
  name="tree/evil\x0a✔ fake.jpg"
  $ hallmark check tree --format sarif | python3 -c 'import json, sys; r = json.load(sys.stdin)["runs"][0]["results"][0]; print(r["message"]["text"][:17]); print(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])'
  tree/caf\xe9.jpg:
  tree/caf%E9.jpg

Where the locale is not UTF-8, hallmark's own symbols are written in ASCII and every other
character is escaped.

  $ LC_ALL=C hallmark verify tree/*.jpg | python3 -c 'import sys; print(all(32 <= c < 127 or c == 10 for c in sys.stdin.buffer.read()))'
  True
  $ LC_ALL=C hallmark verify tree/*.jpg
  tree/back\\\\slash.jpg: OK verified - signed by alice (trusted) on * [location-redacted] (glob)
  tree/caf\xe9.jpg: FAIL tampered - image unit 6 (scan 0) differs from what alice signed [location-redacted]
    changed image#0 unit 6 (scan 0)
  tree/evil\x0aOK fake.jpg: OK verified - signed by alice (trusted) on * [location-redacted] (glob)
  [1]

Help and machine output keep their newlines; errors quoting what the user typed are escaped.

  $ hallmark --help | head -2
  hallmark: sign, anchor and verify the provenance of media files
  Usage: hallmark [OPTIONS] SUBCOMMAND
  $ hallmark "$(printf 'x\033[31m')"
  hallmark: error: unknown command "x\x1b[31m"
  hallmark: hint: run 'hallmark --help' for the list of commands
  [2]

