On a terminal the passphrase is asked for, twice for a new key, and never echoed
(with-tty types each answer at a prompt and shows everything the terminal displayed).

  $ export HALLMARK_HOME=home
  $ with-tty --answer hunter22 --answer hunter22 -- hallmark key new --name t --out k
  passphrase for the new key t: 
  again: 
  wrote k/t.key (secret, encrypted) and k/t.pub
  public key ed25519:* (id *) (glob)
  $ with-tty --answer hunter22 --answer hunter2 -- hallmark key new --name u --out k
  passphrase for the new key u: 
  again: 
  hallmark: error: the passphrases do not match
  [2]
  $ echo hi > x
  $ with-tty --answer hunter22 -- hallmark sign x --key k/t.key
  passphrase for k/t.key: 
  signed x -> x.hallmark (sha256:*) (glob)
  $ with-tty --answer nope -- hallmark sign x --key k/t.key
  passphrase for k/t.key: 
  hallmark: error: k/t.key: wrong passphrase for secret key "t" (or the key file was altered)
  hallmark: hint: check the passphrase (HALLMARK_PASSPHRASE, --passphrase-file or the prompt)
  [2]
  $ with-tty --answer '' --answer '' -- hallmark key new --name v --out k
  passphrase for the new key v: 
  again: 
  hallmark: error: the passphrase is empty
  [2]

The environment wins over the prompt, so scripts never hang on a terminal.

  $ HALLMARK_PASSPHRASE=hunter22 with-tty -- hallmark sign x --key k/t.key -q --force; echo $?
  0
