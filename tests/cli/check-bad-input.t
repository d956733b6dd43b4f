Bad input to the gate: every odd file gets a clear per-file result, nothing hangs.

  $ export HALLMARK_HOME=home
  $ mkdir -p tree/sub outside
  $ mkfifo tree/pipe
  $ ln -s loop-b tree/loop-a && ln -s loop-a tree/loop-b
  $ echo x > outside/secret.jpg && ln -s ../outside/secret.jpg tree/escape.jpg
  $ ln -s sub tree/dirlink
  $ ln -s nowhere tree/dangling
  $ : > tree/empty.jpg
  $ printf '\xff\xd8\xff' > tree/sub/truncated.jpg
  $ timeout 60 hallmark check tree -v | sed 's/([0-9.]* s)/(TIME)/'
  - tree/dangling — skipped: a dangling symbolic link
  - tree/dirlink — skipped: a symbolic link to a directory (not followed)
  - tree/empty.jpg — skipped: not media
  - tree/escape.jpg — skipped: a symbolic link out of the tree (not followed)
  - tree/loop-a — skipped: a symbolic link loop
  - tree/loop-b — skipped: a symbolic link loop
  - tree/pipe — skipped: a FIFO
  ✘ tree/sub/truncated.jpg — unsigned — no provenance found (no tree/sub/truncated.jpg.hallmark)
  hallmark check: 8 files, 0 passed, 1 failed, 7 skipped, 0 errors (TIME)

Arguments that are not there, or not files, are errors or skips of their own.

  $ timeout 60 hallmark check missing.jpg /dev/null tree/pipe | sed 's/([0-9.]* s)/(TIME)/'
  ! missing.jpg — error: cannot open missing.jpg: no such file or directory
  hallmark check: 3 files, 0 passed, 0 failed, 2 skipped, 1 error (TIME)

A directory of 10,000 empty files: skipped as not media, quickly.

  $ mkdir many && (cd many && seq -w 1 10000 | xargs touch)
  $ timeout 60 hallmark check many | sed 's/([0-9.]* s)/(TIME)/'
  hallmark check: 10000 files, 0 passed, 0 failed, 10000 skipped, 0 errors (TIME)
  $ timeout 60 hallmark check many --format junit | grep -c '<skipped>'
  10000
