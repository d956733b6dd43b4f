No hint trusts an impostor. A key you do not trust that signs with the name of a signer you
do trust (under another key) is called out, gets no "trust add" hint, and `trust add` will
not put a second key under a trusted name unless told it is the same signer (--also) or a
new key for them (--replace). Wherever two keys share a name, their ids are shown.

  $ export HALLMARK_HOME=home
  $ hallmark key new --name alice --unencrypted -q && hallmark trust add alice -q
  $ mkdir mallory && hallmark key new --name alice --unencrypted --out mallory -q
  $ alice_id=$(hallmark key show alice | sed -n 's/^id: //p')
  $ mallory_id=$(hallmark key show mallory/alice.pub | sed -n 's/^id: //p')
  $ echo "not by alice" > fake.txt && hallmark sign fake.txt --key mallory/alice.key -q
  $ hallmark verify fake.txt | sed "s/$alice_id/ALICE/; s/$mallory_id/MALLORY/"
  fake.txt: ✘ untrusted-signer — claims to be "alice", but is not the alice you trust (key MALLORY ≠ ALICE)
  $ hallmark verify fake.txt 2>&1 | grep -c 'hint'
  0
  [1]
  $ hallmark verify fake.txt --json | python3 -c 'import json, sys; f = json.load(sys.stdin)["files"][0]; print(f["verdict"], "|", f["reason"])' | sed "s/$mallory_id/MALLORY/"
  untrusted-signer | the creator claims to be "alice", but its key MALLORY is not the one you trust under that name
  $ hallmark history fake.txt | tail -1 | sed "s/$alice_id/ALICE/g; s/$mallory_id/MALLORY/g"
  └─ ✘ sha256:*… created — by "alice" (not the alice you trust: key MALLORY ≠ ALICE) on *: untrusted-signer, the creator claims to be "alice", but its key MALLORY is not the one you trust under that name (glob)
  $ hallmark check fake.txt | head -1 | sed "s/$alice_id/ALICE/; s/$mallory_id/MALLORY/"
  ✘ fake.txt — untrusted-signer — claims to be "alice", but is not the alice you trust (key MALLORY ≠ ALICE)

An unknown key with a name nobody in the store has still gets the hint, with that name.

  $ hallmark key new --name carol --unencrypted -q && echo "by carol" > c.txt && hallmark sign c.txt --key carol -q
  $ hallmark verify c.txt 2>&1 | tail -1
  hallmark: hint: if you know whose key ed25519:*… is, trust it with: hallmark trust add ed25519:* --name carol (glob)

trust add refuses a second key under a trusted name, and says what to do.

  $ hallmark trust add mallory/alice.pub 2>&1 | sed "s/$alice_id/ALICE/g; s/$mallory_id/MALLORY/g"
  hallmark: error: "alice" is already trusted with key ALICE, not MALLORY
  hallmark: hint: if MALLORY is alice's too (another device), add --also; if it replaces the old key, add --replace; if it is someone else, choose another --name
  $ hallmark trust add mallory/alice.pub --name alice --also --replace
  hallmark: error: --also and --replace exclude each other
  [2]
  $ hallmark trust list | cut -d' ' -f1,3 | sed "s/$alice_id/ALICE/"
  alice id=ALICE

With --also (a second device), both keys are alice's, and a line says which one signed.

  $ hallmark trust add mallory/alice.pub --also | sed "s/$alice_id/ALICE/; s/$mallory_id/MALLORY/"
  trusted alice (id MALLORY) besides ALICE in home/trust
  $ echo "by alice" > real.txt && hallmark sign real.txt --key alice -q
  $ hallmark verify real.txt fake.txt | sed "s/$alice_id/ALICE/; s/$mallory_id/MALLORY/"
  real.txt: ✔ verified — signed by alice (trusted, key ALICE) on * (glob)
  fake.txt: ✔ verified — signed by alice (trusted, key MALLORY) on * (glob)

trust remove takes a name only when one key has it; else the key.

  $ hallmark trust remove alice 2>&1 | sed "s/$alice_id/ALICE/; s/$mallory_id/MALLORY/"
  hallmark: error: 2 keys are trusted as "alice" (ALICE, MALLORY)
  hallmark: hint: name the key to remove (ed25519:... or its .pub file), or add --all
  $ hallmark trust remove mallory/alice.pub | sed "s/$mallory_id/MALLORY/"
  removed alice (id MALLORY) from home/trust
  $ hallmark verify fake.txt | sed "s/$alice_id/ALICE/; s/$mallory_id/MALLORY/"
  fake.txt: ✘ untrusted-signer — claims to be "alice", but is not the alice you trust (key MALLORY ≠ ALICE)

With --replace the old key goes: alice's old files are no longer trusted, the new key's are.

  $ hallmark trust add mallory/alice.pub --replace | sed "s/$alice_id/ALICE/; s/$mallory_id/MALLORY/"
  trusted alice (id MALLORY) instead of ALICE in home/trust
  $ hallmark verify fake.txt real.txt 2>/dev/null | sed "s/$alice_id/ALICE/; s/$mallory_id/MALLORY/"
  fake.txt: ✔ verified — signed by alice (trusted) on * (glob)
  real.txt: ✘ untrusted-signer — claims to be "alice", but is not the alice you trust (key ALICE ≠ MALLORY)
  $ hallmark trust remove alice
  removed alice (id *) from home/trust (glob)
  $ hallmark trust remove alice
  hallmark: error: no trusted key is named or equals "alice"
  hallmark: hint: hallmark trust list shows the trusted keys
  [2]
  $ hallmark trust add alice -q && hallmark trust add mallory/alice.pub --also -q && hallmark trust remove alice --all | wc -l
  2
  $ hallmark trust list --json
  {
    "hallmark_trust": 1,
    "store": "home/trust",
    "keys": []
  }
