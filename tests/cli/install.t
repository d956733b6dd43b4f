make install (cmake --install) puts the binary, every man page and the three shells'
completion scripts (generated at build time by the binary itself) under the prefix.

  $ build=$(dirname "$(command -v hallmark)")
  $ cmake --install "$build" --prefix "$PWD/prefix" > /dev/null && cd prefix
  $ ls bin share share/bash-completion/completions share/zsh/site-functions share/fish/vendor_completions.d
  bin:
  hallmark
  
  share:
  bash-completion
  fish
  man
  zsh
  
  share/bash-completion/completions:
  hallmark
  
  share/fish/vendor_completions.d:
  hallmark.fish
  
  share/zsh/site-functions:
  _hallmark
  $ bin/hallmark --version | head -1
  hallmark 0.1.0

Every page in man/ is installed in its section, and man(1) finds them there.

  $ (cd "$TESTDIR/../../man" && ls) | sort > want
  $ (cd share/man && ls man1 man5 man7 | grep hallmark) | sort | diff want - && echo all pages
  all pages
  $ MANPATH=$PWD/share/man man -w hallmark-check hallmark-policy hallmark-media
  */share/man/man1/hallmark-check.1 (glob)
  */share/man/man5/hallmark-policy.5 (glob)
  */share/man/man7/hallmark-media.7 (glob)

The installed completions are the binary's own output, and work.

  $ bin/hallmark completion bash | cmp - share/bash-completion/completions/hallmark && echo same
  same
  $ bin/hallmark completion zsh | cmp - share/zsh/site-functions/_hallmark && echo same
  same
  $ bin/hallmark completion fish | cmp - share/fish/vendor_completions.d/hallmark.fish && echo same
  same
  $ bash -c 'source share/bash-completion/completions/hallmark
  >   COMP_WORDS=(hallmark check --format s); COMP_CWORD=3; _hallmark; echo "${COMPREPLY[@]}"'
  sarif
