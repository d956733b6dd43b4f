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
