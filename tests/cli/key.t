hallmark key new writes NAME.key (0600) and NAME.pub; key show reads either.

  $ export HALLMARK_HOME=home

  $ hallmark key new --name alice --unencrypted --out keys
  wrote keys/alice.key (secret, unencrypted) and keys/alice.pub
  public key ed25519:* (id *) (glob)
  $ stat -c '%a %n' keys/alice.key keys/alice.pub
  600 keys/alice.key
  644 keys/alice.pub
  $ hallmark key show keys/alice.pub
  name: alice
  id: * (glob)
  public key: ed25519:* (glob)
  $ hallmark key show keys/alice.key | tail -1
  secret key: unencrypted

Without --out, keys go to the keys directory under $HALLMARK_HOME, found by name later.

  $ HALLMARK_PASSPHRASE='correct horse' hallmark key new --name bob
  wrote home/keys/bob.key (secret, encrypted) and home/keys/bob.pub
  public key ed25519:* (id *) (glob)
  $ test -f "$HALLMARK_HOME/keys/bob.key" && echo found
  found
  $ hallmark key show bob | head -1
  name: bob
  $ hallmark key show bob.key 2>&1 | head -1
  name: bob

An existing key is never overwritten.

  $ hallmark key new --name alice --unencrypted --out keys
  hallmark: error: keys/alice.key already exists
  hallmark: hint: choose another --name, or move the old key away first
  [2]

Encrypting needs a passphrase; off a terminal it must come from the environment or a file.

  $ hallmark key new --name carol --out keys
  hallmark: error: no passphrase: not on a terminal, and neither --passphrase-file nor HALLMARK_PASSPHRASE was given
  hallmark: hint: for a key protected only by its file mode (CI), use --unencrypted
  [2]
  $ printf 'from a file\n' > pass.txt
  $ hallmark key new --name carol --out keys --passphrase-file pass.txt | head -1
  wrote keys/carol.key (secret, encrypted) and keys/carol.pub
  $ grep -c 'kdf: argon2id' keys/carol.key
  1
  $ printf '\n' > empty.txt
  $ hallmark key new --name dave --out keys --passphrase-file empty.txt
  hallmark: error: the passphrase is empty
  [2]

A new key's passphrase has at least 8 characters (not bytes), unless --weak-passphrase.

  $ HALLMARK_PASSPHRASE=hunter2 hallmark key new --name dave --out keys
  hallmark: error: the passphrase is shorter than 8 characters
  hallmark: hint: choose a longer one (a few words are easy to type), or accept a weak one with --weak-passphrase
  [2]
  $ HALLMARK_PASSPHRASE=$(printf '\303\251\303\251\303\251\303\251\303\251\303\251\303\251') hallmark key new --name dave --out keys
  hallmark: error: the passphrase is shorter than 8 characters
  hallmark: hint: choose a longer one (a few words are easy to type), or accept a weak one with --weak-passphrase
  [2]
  $ test -e keys/dave.key || echo "no key written"
  no key written
  $ HALLMARK_PASSPHRASE=hunter2 hallmark key new --name dave --out keys --weak-passphrase | head -1
  wrote keys/dave.key (secret, encrypted) and keys/dave.pub
  $ HALLMARK_PASSPHRASE=hunter22 hallmark key new --name erin --out keys | head -1
  wrote keys/erin.key (secret, encrypted) and keys/erin.pub
  $ HALLMARK_PASSPHRASE=hunter2 hallmark sign empty.txt --key keys/dave.key -q && echo "an existing key still opens"
  an existing key still opens

key list shows the key pairs in the keys directory (or --dir); key show and key list take
--json.

  $ hallmark key list
  bob id=* ed25519:* (secret encrypted) (glob)
  $ hallmark key list --dir keys | sed 's/id=[0-9a-f]* ed25519:[^ ]*/ID KEY/'
  alice ID KEY (secret unencrypted)
  carol ID KEY (secret encrypted)
  dave ID KEY (secret encrypted)
  erin ID KEY (secret encrypted)
  $ rm keys/alice.key && hallmark key list --dir keys | head -1 | sed 's/id=[0-9a-f]* ed25519:[^ ]*/ID KEY/'
  alice ID KEY (public only)
  $ hallmark key list --dir keys --json | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["hallmark_keys"], d["dir"], [(k["name"], k["secret"]) for k in d["keys"]])'
  1 keys [('alice', None), ('carol', 'encrypted'), ('dave', 'encrypted'), ('erin', 'encrypted')]
  $ HALLMARK_HOME=empty hallmark key list
  hallmark: no keys in empty/keys
  hallmark: hint: create one with: hallmark key new --name NAME
  $ hallmark key show keys/carol.key --json | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["hallmark_key"], d["name"], d["secret"], d["public_key"][:8], len(d["id"]))'
  1 carol encrypted ed25519: 16
  $ hallmark key list --dir nowhere
  hallmark: error: --dir nowhere: no such directory
  [2]

Bad names and bad files.

  $ hallmark key new --name ../evil --unencrypted
  hallmark: error: key name must not start with '.' or '-'
  [2]
  $ hallmark key show nosuchkey
  hallmark: error: no public key nosuchkey (not a file, not "ed25519:...", not in home/keys)
  [2]
  $ : > zero.key
  $ hallmark key show ./zero.key
  hallmark: error: ./zero.key: key file is empty
  [2]
  $ printf 'hallmark public key v1\nname: x\nkey: ed25519:AAAA\n' > bad.pub
  $ hallmark key show ./bad.pub
  hallmark: error: ./bad.pub: public key is not "ed25519:" and 32 bytes of base64
  [2]
  $ hallmark key
  hallmark: error: a subcommand is required
  hallmark: hint: run 'hallmark key --help' for usage
  [2]
  $ hallmark key lst
  hallmark: error: unknown command "lst" for hallmark key
  hallmark: hint: run 'hallmark key --help' for the list of commands
  [2]
  $ hallmark trust --trust store lst
  hallmark: error: unknown command "lst" for hallmark trust
  hallmark: hint: run 'hallmark trust --help' for the list of commands
  [2]
  $ hallmark key new --name x --bogus
  hallmark: error: the following argument was not expected: --bogus
  hallmark: hint: run 'hallmark key new --help' for usage
  [2]
