The trust store: add with validity windows, list, revoke; verdicts follow.

  $ export HALLMARK_HOME=home
  $ hallmark key new --name alice --unencrypted > /dev/null
  $ hallmark key new --name bob --unencrypted > /dev/null
  $ echo hello > a.txt
  $ echo world > b.txt
  $ hallmark sign a.txt --key alice -q
  $ hallmark sign b.txt --key bob -q

A key trusted only from tomorrow does not cover a file signed today.

  $ hallmark trust add alice --valid-after "$(date -u -d tomorrow +%F)"
  trusted alice (id *) in home/trust (glob)
  $ hallmark verify a.txt
  a.txt: ✘ untrusted-signer — signed by "alice" (trusted, but not at the time it signed) on * (glob)
  [1]
  $ hallmark trust add bob --name robert --valid-before 2099-01-01
  trusted robert (id *) in home/trust (glob)
  $ hallmark verify b.txt
  b.txt: ✔ verified — signed by robert (trusted) on * (glob)
  $ hallmark trust list | sed 's/ed25519:[^ ]*/KEY/; s/id=[0-9a-f]*/id=ID/; s/=20[0-9T:-]*Z/=TIME/'
  alice KEY id=ID valid-after=TIME
  robert KEY id=ID valid-before=TIME
  $ hallmark trust add bob
  hallmark: error: key ed25519:* is already trusted as "robert" (glob)
  [2]
  $ hallmark trust add alice.pub
  hallmark: error: key ed25519:* is already trusted as "alice" (glob)
  [2]

Revocation is by name or key; every signature by the key fails from then on.

  $ hallmark trust revoke robert
  revoked 1 key matching robert (id *) in home/trust (glob)
  $ hallmark verify b.txt
  b.txt: ✘ revoked-signer — signed by "robert" (revoked key *) on * (glob)
  [1]
  $ hallmark trust revoke nobody
  hallmark: error: no trusted key is named or equals "nobody"
  hallmark: hint: hallmark trust list shows the trusted keys
  [2]

The store is a plain text file; a broken line is an error that names it.

  $ printf 'eve ed25519:AAAA\n' >> home/trust
  $ hallmark verify b.txt
  hallmark: error: home/trust:5: public key is not "ed25519:" and 32 bytes of base64
  [2]
  $ hallmark trust list
  hallmark: error: home/trust:5: public key is not "ed25519:" and 32 bytes of base64
  [2]
  $ hallmark verify b.txt --trust nonexistent-store
  hallmark: error: --trust nonexistent-store: no such file
  [2]
  $ hallmark trust --trust other add "$(hallmark key show alice | sed -n 's/^public key: //p')" --name al
  trusted al (id *) in other (glob)
  $ cat other | grep -v '^#' | cut -d' ' -f1
  al
  $ hallmark trust --trust other add "$(hallmark key show bob | sed -n 's/^public key: //p')"
  hallmark: error: --name is required for a key given as text
  [2]
  $ hallmark trust add alice --valid-after 2026-02-30
  hallmark: error: "2026-02-30" is not a date (YYYY-MM-DD)
  [2]
  $ hallmark trust add alice --valid-after 2027-01-01 --valid-before 2026-01-01
  hallmark: error: --valid-after must be before --valid-before
  [2]
