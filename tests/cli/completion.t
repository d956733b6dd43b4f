hallmark completion bash|zsh|fish prints a completion script made at run time from the command
line's own definition (CLI11's tree of commands and options), so a new command or option
completes without any edit to the scripts.

  $ mkdir -p media/sub logs && touch media/a.jpg media/b.mp4 'media/with space.png' media/sub/c.png policy.toml

Bash: source the script, then call its function as bash's completion would, with COMP_WORDS
and COMP_CWORD set (the last word is the one being completed). The candidates are sorted here.

  $ source <(hallmark completion bash)
  $ complete -p hallmark
  complete -F _hallmark hallmark
  $ comp() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _hallmark
  >   [ ${#COMPREPLY[@]} -eq 0 ] && echo '(nothing)' || printf '%s\n' "${COMPREPLY[@]}" | sort; }

Commands, then the subcommands of a group.

  $ comp hallmark ''
  anchor
  check
  completion
  history
  inspect
  key
  log
  sign
  trust
  verify
  $ comp hallmark ch
  check
  $ comp hallmark log ''
  append
  checkpoint
  consistency
  fsck
  init
  lookup
  prove
  verify-note
  $ comp hallmark key n
  new

Options: a command's own, and the global ones it inherits (they may come after the command).

  $ comp hallmark check --
  --allow-untrusted
  --c2pa-trust
  --color
  --exclude
  --format
  --help
  --jobs
  --log
  --log-key
  --log-policy
  --offline
  --output
  --policy
  --progress
  --quiet
  --trust
  --verbose
  --version
  $ comp hallmark -q trust add --v
  --valid-after
  --valid-before
  --verbose
  --version

Option values: --format offers each command's own formats; a file option offers files (names
with spaces stay whole); a directory option only directories; a number or a name nothing.

  $ comp hallmark check --format ''
  json
  junit
  sarif
  text
  $ comp hallmark history --format ''
  dot
  json
  text
  $ comp hallmark check --format j
  json
  junit
  $ comp hallmark check --policy p
  policy.toml
  $ comp hallmark check media/w
  media/with space.png
  $ comp hallmark key new --out ''
  logs
  media
  $ comp hallmark check --jobs ''
  (nothing)
  $ comp hallmark sign --source-type trained
  trainedAlgorithmicMedia

"--format=VALUE" reaches the function as three words, "--format" "=" "VALUE" (= is in
COMP_WORDBREAKS).

  $ comp hallmark check --format = s
  sarif
  $ comp hallmark check --format =
  json
  junit
  sarif
  text

Positional arguments: check takes files and directories; log commands take the log directory
first, then files; a command without positional arguments offers nothing.

  $ comp hallmark check media/
  media/a.jpg
  media/b.mp4
  media/sub
  media/with space.png
  $ comp hallmark log init ''
  logs
  media
  $ comp hallmark log append logs p
  policy.toml
  $ comp hallmark trust list ''
  (nothing)
  $ comp hallmark completion ''
  bash
  fish
  zsh

Option values are skipped when finding the command: here "add" is the trust store's file name,
so trust's subcommands are still offered; after "--" every word is an argument.

  $ comp hallmark trust --trust add ''
  add
  list
  remove
  revoke
  $ comp hallmark check -- --p
  (nothing)
  $ comp hallmark check --format json --output out.json media/sub/
  media/sub/c.png

Generated, not written by hand: every option that each command's --help lists is completed.

  $ for cmd in 'key new' 'key show' 'key list' sign verify inspect 'trust add' 'trust remove' 'trust revoke' 'trust list' \
  >     history anchor check 'log init' 'log append' 'log checkpoint' 'log prove' \
  >     'log consistency' 'log lookup' 'log fsck' 'log verify-note' completion; do
  >   # shellcheck disable=SC2086
  >   missing=$(comm -23 <(hallmark $cmd --help | grep -oE -- '--[a-z0-9-]+' | sort -u) \
  >                      <(comp hallmark $cmd -- | sort -u))
  >   [ -z "$missing" ] || echo "$cmd: not completed: $missing"
  > done
  $ hallmark --help | sed -n '/^Subcommands:/,$p' | awk 'NF { print $1 }' | tail -n +2 | sort | diff - <(comp hallmark '') && echo same
  same

Zsh: the script parses, and zsh's own completion system (compinit, driven on a pseudo-terminal
by the zsh-complete helper) offers the same things.

  $ mkdir zfunc && hallmark completion zsh > zfunc/_hallmark
  $ head -1 zfunc/_hallmark
  #compdef hallmark
  $ zsh -n zfunc/_hallmark && echo parses
  parses
  $ timeout 60 zsh-complete zfunc 'hallmark '
  anchor
  check
  completion
  history
  inspect
  key
  log
  sign
  trust
  verify
  $ timeout 60 zsh-complete zfunc 'hallmark check --format '
  json
  junit
  sarif
  text
  $ timeout 60 zsh-complete zfunc 'hallmark check --format=s'
  sarif
  $ timeout 60 zsh-complete zfunc 'hallmark log init '
  logs
  media
  zfunc
  $ timeout 60 zsh-complete zfunc 'hallmark check --pr'
  --progress
  $ timeout 60 zsh-complete zfunc 'hallmark -v key '
  list
  new
  show

Fish: the script parses, and fish's "complete -C" (what fish offers for a command line) shows
the same.

  $ hallmark completion fish > hallmark.fish
  $ fish --no-execute hallmark.fish && echo parses
  parses
  $ fcomp() { fish --no-config -c 'source hallmark.fish; complete -C $argv[1]' "$1" | cut -f1 | sort; }
  $ fcomp 'hallmark '
  anchor
  check
  completion
  history
  inspect
  key
  log
  sign
  trust
  verify
  $ fcomp 'hallmark check --format '
  json
  junit
  sarif
  text
  $ fcomp 'hallmark history --format='
  --format=dot
  --format=json
  --format=text
  $ fcomp 'hallmark log append '
  logs/
  media/
  zfunc/
  $ fcomp 'hallmark log append logs p'
  policy.toml
  $ fcomp 'hallmark trust list '
  $ fcomp 'hallmark completion '
  bash
  fish
  zsh

An unknown shell is a usage error.

  $ hallmark completion tcsh
  hallmark: error: shell: tcsh not in {bash,zsh,fish}
  hallmark: hint: run 'hallmark completion --help' for usage
  [2]
