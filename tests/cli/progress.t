Progress lines go to standard error: forced with --progress when it is not a terminal (one
line per update, the last one always), never otherwise, and on a terminal only once a run
has lasted a second.

  $ export HALLMARK_HOME=home HALLMARK_PASSPHRASE=progress-passphrase
  $ hallmark key new --name alice --out k -q && hallmark trust add k/alice.pub -q
  $ mkdir tree && for i in 1 2 3 4 5; do echo "file $i" > tree/f$i.txt; done

  $ hallmark sign tree --all --key k/alice.key --progress 2>&1 >/dev/null | tail -1
  signed 5/5 files, ETA 0:00
  $ hallmark check tree --progress 2>&1 >/dev/null | tail -1
  checked 5/5 files, * MB/s, ETA 0:00 (glob)
  $ hallmark check tree 2>&1 >/dev/null
  $ with-tty -- hallmark check tree -q
  hallmark check: 5 files, 5 passed, 0 failed, 0 skipped, 0 errors (* s) (glob)

  $ hallmark log init lg --origin example.com/progress > /dev/null
  $ hallmark anchor tree/*.hallmark --log lg -q
  $ hallmark log fsck lg --progress 2>&1 >/dev/null
  rehashed 5/5 entries, * MB/s, ETA 0:00 (glob)
  $ hallmark log fsck lg 2>&1 >/dev/null
  $ with-tty -- hallmark log fsck lg
  lg: size 5, 5 entries, 2 tiles, 2 recorded checkpoints: clean

On a terminal, a run that lasts over a second shows the line, rewritten in place (with-tty
shows the carriage returns as line breaks), and clears it before the summary. A 4 GiB
sparse file takes a second or two to verify on one core.

  $ mkdir big && truncate -s 4G big/zeros.bin
  $ hallmark sign big/zeros.bin --all --key k/alice.key -q
  $ with-tty -- hallmark check big --jobs 1 | grep -c 'checked 1/1 files, .* MB/s, ETA 0:00'
  1
