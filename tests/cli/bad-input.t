Bad input gives exit 1 or 2 and one clear line, never a crash or a hang.

  $ export HALLMARK_HOME=home
  $ hallmark key new --name k --unencrypted > /dev/null
  $ hallmark trust add k -q
  $ echo content > f.txt
  $ hallmark sign f.txt --key k -q

A bundle of random bytes, an empty bundle, a truncated one, one of another version.

  $ cp f.txt.hallmark good.hallmark
  $ head -c 300 /dev/urandom > f.txt.hallmark
  $ hallmark verify f.txt | cut -c1-40
  f.txt: ✘ malformed — f.txt.hallmark:
  $ : > f.txt.hallmark
  $ hallmark verify f.txt
  f.txt: ✘ malformed — f.txt.hallmark: bundle: not valid JSON
  [1]
  $ head -c 200 good.hallmark > f.txt.hallmark
  $ hallmark verify f.txt
  f.txt: ✘ malformed — f.txt.hallmark: bundle: not valid JSON
  [1]
  $ sed 's/"hallmark_bundle": 1/"hallmark_bundle": 9/' good.hallmark > f.txt.hallmark
  $ hallmark verify f.txt
  f.txt: ✘ malformed — f.txt.hallmark: bundle version 9 is not supported (only 1)
  [1]
  $ sed 's/"version": 1/"version": 1, "version": 1/' good.hallmark > f.txt.hallmark
  $ hallmark verify f.txt
  f.txt: ✘ malformed — f.txt.hallmark: bundle: duplicate member "version"
  [1]

A directory, an empty file, a special file, a dangling link.

  $ mkdir adir
  $ hallmark sign adir --key k
  hallmark: error: no media files to sign under adir
  hallmark: hint: use --all to sign every file, not only media
  [2]
  $ hallmark verify adir
  hallmark: error: adir is a directory
  hallmark: hint: to verify every media file under a directory, run: hallmark check adir
  [2]
  $ : > empty.bin
  $ hallmark sign empty.bin --key k -q
  $ hallmark verify empty.bin
  empty.bin: ✔ verified — signed by k (trusted) on * (glob)
  $ mkfifo pipe
  $ timeout 5 hallmark sign pipe --key k
  hallmark: error: pipe is not a regular file
  [2]
  $ ln -s nowhere dangling
  $ hallmark sign dangling --key k
  hallmark: error: cannot open dangling: no such file or directory
  [2]
  $ hallmark sign /dev/null --key k
  hallmark: error: /dev/null is not a regular file
  [2]

Broken keys: a 0-byte key file, garbage, a public key where a secret one is needed.

  $ : > zero.key
  $ hallmark sign f.txt --key ./zero.key
  hallmark: error: ./zero.key: key file is empty
  [2]
  $ head -c 100 /dev/urandom > junk.key
  $ hallmark sign f.txt --key ./junk.key 2>&1 | cut -c1-60
  hallmark: error: ./junk.key: key file does not end with a ne
  $ hallmark sign f.txt --key home/keys/k.pub
  hallmark: error: home/keys/k.pub: not a "hallmark secret key v1" file
  [2]
  $ hallmark sign f.txt
  hallmark: error: no signing key: give --key KEY or set HALLMARK_SECRET_KEY
  [2]
  $ HALLMARK_SECRET_KEY="$(cat home/keys/k.key)" hallmark sign f.txt -q --force && echo signed from the environment
  signed from the environment
  $ HALLMARK_SECRET_KEY='garbage' hallmark sign f.txt
  hallmark: error: HALLMARK_SECRET_KEY: not a "hallmark secret key v1" file
  [2]

A directory that happens to share the key's name does not hide the key.

  $ mkdir k
  $ hallmark sign f.txt --key k -q --force && echo signed with the key named k
  signed with the key named k

Usage errors.

  $ hallmark verify
  hallmark: error: file is required
  hallmark: hint: run 'hallmark verify --help' for usage
  [2]
  $ hallmark sign f.txt --key k --chunk-size 1000
  hallmark: error: --chunk-size must be a power of two from 4096 to 67108864
  [2]
  $ hallmark frobnicate
  hallmark: error: unknown command "frobnicate"
  hallmark: hint: run 'hallmark --help' for the list of commands
  [2]

A file name that is not UTF-8 (Linux allows any bytes): the manifest's title carries U+FFFD
in its place; the JSON report gives the name escaped (\xNN) and its raw bytes in base64
("file_bytes"); the bundle stays verifiable.

  $ cp f.txt "$(printf 'caf\351.txt')"
  $ hallmark sign "$(printf 'caf\351.txt')" --key k -q
  $ hallmark verify "$(printf 'caf\351.txt')" --json | python3 -c 'import json,sys; f = json.load(sys.stdin)["files"][0]; print(f["file"], f["file_bytes"], f["verdict"])'
  caf\xe9.txt Y2Fm6S50eHQ= verified
  $ hallmark inspect "$(printf 'caf\351.txt')" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["manifest"]["title"])'
  caf�.txt
  $ mkdir tree && mv "$(printf 'caf\351.txt')"* tree/
  $ hallmark check tree/* --format sarif | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])'
  2.1.0
  $ hallmark check tree/* --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["files"])'
  2

A file that cannot be checked is an entry with an error, and "bundle": null as documented.

  $ hallmark verify missing.jpg f.txt --json 2>/dev/null | python3 -c 'import json, sys; [print(f["file"], f["bundle"], f["verdict"], f.get("error", {}).get("code")) for f in json.load(sys.stdin)["files"]]'
  missing.jpg None None not-found
  f.txt f.txt.hallmark verified None
