hallmark log: the embedded transparency log (hallmark-log(1), hallmark-log(5)).

Create a log. It prints its verifier key, and its first checkpoint is the empty tree,
signed by the log and cosigned by its clock.

  $ hallmark log init mylog --origin example.com/cli-test > vkey
  $ cat vkey
  example.com/cli-test+*+A* (glob)
  $ ls mylog
  checkpoint
  clock.key
  log.db
  log.db-shm
  log.db-wal
  log.key
  log.vkey
  policy
  $ stat -c '%a %n' mylog/log.key mylog/clock.key
  600 mylog/log.key
  600 mylog/clock.key
  $ hallmark log checkpoint mylog
  example.com/cli-test
  0
  47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=
  
  — example.com/cli-test * (glob)
  — example.com/cli-test/clock * (glob)
  $ hallmark log init mylog --origin example.com/again
  hallmark: error: mylog is not empty
  [2]
  $ hallmark log init other --origin 'has space'
  hallmark: error: origin "has space" cannot name a log: key name contains a space or control character
  [2]
  $ hallmark log init other
  hallmark: error: --origin is required: the log's name, which every checkpoint and receipt carries
  hallmark: hint: name it after where it will be published, e.g. hallmark log init other --origin example.com/photos/log
  [2]
  $ test -e other || echo "nothing created"
  nothing created

Append files as entries, one batch; the same bytes again keep their index.

  $ for i in 1 2 3 4 5 6 7 8 9 10; do echo "entry $i" > e$i; done
  $ hallmark log append mylog e1 e2 e3 --lookup-key manifest:sha256:0000000000000000000000000000000000000000000000000000000000000001
  0 e1
  1 e2
  2 e3
  $ hallmark log append mylog e4 e5 e6 e7 e8 e9 e10 e2
  3 e4
  4 e5
  5 e6
  6 e7
  7 e8
  8 e9
  9 e10
  1 e2 (already logged)
  $ hallmark log checkpoint mylog | head -3
  example.com/cli-test
  10
  IEHv33tyX4R+UoebepIY56f7eK5FusKoBHqw4W0KWx4=

Receipts (C2SP tlog-proof@v1) for the latest checkpoint or an earlier one.

  $ hallmark log prove mylog --index 1
  c2sp.org/tlog-proof@v1
  index 1
  GKScdHkycRdkxrk/rMHxvvZjqdG61kRtX4qY5SdxtGY=
  RmxhUOFAdgbbDiHepwzDHV1JcoGhSvW0LNkFx8aHEwg=
  4GJ6fQCzcnrUSNV6rlFPH6+SkI5hKE1ylhpAo8EhkP0=
  dMvOIpcyeKyXm9PmJZK+aC0uDmImPiwK9Ga/H9IOFlg=
  
  example.com/cli-test
  10
  IEHv33tyX4R+UoebepIY56f7eK5FusKoBHqw4W0KWx4=
  
  — example.com/cli-test * (glob)
  — example.com/cli-test/clock * (glob)
  $ hallmark log prove mylog --index 1 --size 3 | head -5
  c2sp.org/tlog-proof@v1
  index 1
  GKScdHkycRdkxrk/rMHxvvZjqdG61kRtX4qY5SdxtGY=
  p3MU24guqCjDQfV5sB28DbN8XL8DojgzAwhEBmfBj00=
  
  $ hallmark log prove mylog --index 5 --size 3
  hallmark: error: index 5 is not below tree size 3
  [2]
  $ hallmark log prove mylog --index 10
  hallmark: error: index 10 is not below tree size 10
  [2]

A consistency proof, printed as the body of a C2SP tlog-witness add-checkpoint request.

  $ hallmark log consistency mylog --from 3 | head -6
  old 3
  p3MU24guqCjDQfV5sB28DbN8XL8DojgzAwhEBmfBj00=
  OuVJIxGtMHi2jmTcTBaZliNIE3AQvjA90g21B9lTj8A=
  g0yHPx4zYVAjkueM9C0ZbyxQ0mxEgzy/UsqpmLiXjHE=
  4GJ6fQCzcnrUSNV6rlFPH6+SkI5hKE1ylhpAo8EhkP0=
  dMvOIpcyeKyXm9PmJZK+aC0uDmImPiwK9Ga/H9IOFlg=
  $ hallmark log consistency mylog --from 3 --to 3 | head -2
  old 3
  
  $ hallmark log consistency mylog --from 4
  old 4
  4GJ6fQCzcnrUSNV6rlFPH6+SkI5hKE1ylhpAo8EhkP0=
  dMvOIpcyeKyXm9PmJZK+aC0uDmImPiwK9Ga/H9IOFlg=
  
  example.com/cli-test
  10
  IEHv33tyX4R+UoebepIY56f7eK5FusKoBHqw4W0KWx4=
  
  — example.com/cli-test * (glob)
  — example.com/cli-test/clock * (glob)

Lookup by manifest id, content root or raw key.

  $ hallmark log lookup mylog --manifest sha256:0000000000000000000000000000000000000000000000000000000000000001
  0 manifest:sha256:0000000000000000000000000000000000000000000000000000000000000001
  1 manifest:sha256:0000000000000000000000000000000000000000000000000000000000000001
  2 manifest:sha256:0000000000000000000000000000000000000000000000000000000000000001
  $ hallmark log lookup mylog --manifest 0000000000000000000000000000000000000000000000000000000000000001 --entries
  0 manifest:sha256:0000000000000000000000000000000000000000000000000000000000000001
  entry 1\x0a
  1 manifest:sha256:0000000000000000000000000000000000000000000000000000000000000001
  entry 2\x0a
  2 manifest:sha256:0000000000000000000000000000000000000000000000000000000000000001
  entry 3\x0a
  $ hallmark log lookup mylog --content 0000000000000000000000000000000000000000000000000000000000000001
  hallmark: no entry for content root 0000000000000000000000000000000000000000000000000000000000000001 in mylog
  [1]
  $ hallmark log lookup mylog --content nothex
  hallmark: error: --content: want 64 hex digits (optionally sha256:...)
  [2]
  $ hallmark log lookup mylog
  hallmark: error: give FILE, --content ROOT, --manifest ID or --lookup-key KEY
  [2]

fsck recomputes everything from the entries.

  $ hallmark log fsck mylog
  mylog: size 10, 10 entries, 4 tiles, 3 recorded checkpoints: clean
  $ hallmark log init one --origin example.com/one > /dev/null && hallmark log append one vkey > /dev/null
  $ hallmark log fsck one
  one: size 1, 1 entry, 2 tiles, 2 recorded checkpoints: clean
  $ cp -r mylog bitflip
  $ printf 'E' | dd of=bitflip/tile/entries/000.p/10 bs=1 seek=12 conv=notrunc status=none
  $ hallmark log fsck bitflip
  problem: entry 1 does not match its hash in tile/0/000.p/10
  problem: log.db: recorded checkpoint at size 3 does not match the entries
  problem: log.db: recorded checkpoint at size 10 does not match the entries
  problem: the entries do not lead to the checkpoint's root
  problem: tile/entries/000.p/3: entry 1 differs from tile/entries/000.p/10
  problem: log.db: dedup index maps another entry to index 1
  first bad index: 1
  bitflip: size 10, 10 entries, 4 tiles, 3 recorded checkpoints: NOT clean
  [1]
  $ cp -r mylog tileflip
  $ printf '\x00' | dd of=tileflip/tile/0/000.p/10 bs=1 seek=100 conv=notrunc status=none
  $ hallmark log fsck tileflip
  problem: entry 3 does not match its hash in tile/0/000.p/10
  problem: the tiles do not lead to the checkpoint's root
  first bad index: 3
  tileflip: size 10, 10 entries, 4 tiles, 3 recorded checkpoints: NOT clean
  [1]

Damaged or missing files: exit 2 and one line naming the file.

  $ cp -r mylog truncated
  $ truncate -s 100 truncated/tile/0/000.p/10
  $ hallmark log fsck truncated
  hallmark: error: truncated/tile/0/000.p/10: truncated (100 bytes, want 320)
  [2]
  $ hallmark log prove truncated --index 2
  hallmark: error: truncated/tile/0/000.p/10: truncated (100 bytes, want 320)
  [2]
  $ cp -r mylog garbage
  $ echo garbage > garbage/checkpoint
  $ hallmark log fsck garbage
  hallmark: error: garbage/checkpoint: note has no blank line before its signatures
  [2]
  $ hallmark log checkpoint garbage
  hallmark: error: garbage/checkpoint: note has no blank line before its signatures
  [2]
  $ cp -r mylog missing
  $ rm missing/tile/entries/000.p/10
  $ hallmark log fsck missing
  hallmark: error: missing/tile/entries/000.p/10: missing
  [2]
  $ rm missing/checkpoint
  $ hallmark log checkpoint missing
  hallmark: error: missing/checkpoint: missing
  [2]
  $ hallmark log fsck nowhere
  hallmark: error: nowhere: no such log directory
  [2]
  $ cp -r mylog badsig
  $ sed -i 's/^\(— example.com\/cli-test [A-Za-z0-9+\/]\{20\}\)Q/\1R/;t;s/^\(— example.com\/cli-test [A-Za-z0-9+\/]\{20\}\)./\1Q/' badsig/checkpoint
  $ cmp -s mylog/checkpoint badsig/checkpoint || echo changed
  changed
  $ hallmark log checkpoint badsig
  hallmark: error: badsig/checkpoint: invalid signature by example.com/cli-test+* (glob)
  [1]

verify-note on a note that is not one, or with a key that is not one (the real sum.golang.org
heads, and a change to them, are in log-foreign.t).

  $ G=sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8
  $ echo nonsense > junk
  $ hallmark log verify-note $G junk
  hallmark: error: junk: note has no blank line before its signatures
  [2]
  $ hallmark log verify-note not-a-key junk
  hallmark: error: verifier key: key is not name+id+key
  [2]
