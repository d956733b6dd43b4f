verify colours its verdicts as check does: on a terminal, unless NO_COLOR is set (and not
empty) or TERM is dumb; --color=always|never|auto decides instead. Colour codes are the only
escape sequences hallmark writes itself.

  $ export HALLMARK_HOME=home
  $ hallmark key new --name alice --unencrypted -q && hallmark trust add alice -q
  $ echo hello > a.txt && echo world > b.txt && hallmark sign a.txt b.txt --key alice -q
  $ echo changed > b.txt
  $ esc() { sed 's/\x1b/<ESC>/g'; }
  $ hallmark verify a.txt b.txt --color=always | esc
  a.txt: <ESC>[32m✔ verified<ESC>[0m — signed by alice (trusted) on * (glob)
  b.txt: <ESC>[31m✘ tampered<ESC>[0m — bytes 0–7 differ from what alice signed
    changed bytes 0–7 (8 B)
  $ hallmark verify a.txt | esc
  a.txt: ✔ verified — signed by alice (trusted) on * (glob)
  $ NO_COLOR= with-tty -- hallmark verify a.txt | esc
  a.txt: <ESC>[32m✔ verified<ESC>[0m — signed by alice (trusted) on * (glob)
  $ NO_COLOR=1 with-tty -- hallmark verify a.txt | esc
  a.txt: ✔ verified — signed by alice (trusted) on * (glob)
  $ NO_COLOR= TERM=dumb with-tty -- hallmark verify a.txt | esc
  a.txt: ✔ verified — signed by alice (trusted) on * (glob)
  $ NO_COLOR= with-tty -- hallmark verify a.txt --color=never | esc
  a.txt: ✔ verified — signed by alice (trusted) on * (glob)
  $ NO_COLOR= with-tty -- hallmark --color=auto verify a.txt | esc
  a.txt: <ESC>[32m✔ verified<ESC>[0m — signed by alice (trusted) on * (glob)
  $ hallmark verify a.txt --json --color=always | grep -c $'\x1b'
  0
  [1]
  $ hallmark check a.txt --color=always | esc
  <ESC>[32m✔<ESC>[0m a.txt — verified — signed by alice (trusted) on * (glob)
  <ESC>[32mhallmark check: 1 file, 1 passed, 0 failed, 0 skipped, 0 errors (* s)<ESC>[0m (glob)
  $ hallmark verify a.txt --color=sometimes
  hallmark: error: --color: sometimes not in {auto,always,never}
  hallmark: hint: run 'hallmark verify --help' for usage
  [2]
