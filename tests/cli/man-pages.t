Every command has its man page, man/hallmark-COMMAND.1, and every option that a command's
--help lists (its own and its subcommands') appears in that page. Every page renders without
a warning from man(1).

  $ MAN=$TESTDIR/../../man
  $ cmds=$(hallmark --help | sed -n '/^Subcommands:/,$p' | awk 'NF { print $1 }' | tail -n +2)
  $ echo $cmds
  key sign verify inspect trust history anchor check log completion
  $ for cmd in $cmds; do
  >   page=$MAN/hallmark-$cmd.1
  >   [ -f "$page" ] || { echo "$cmd: no man page"; continue; }
  >   subs=$(hallmark "$cmd" --help | sed -n '/^Subcommands:/,$p' | awk 'NF { print $1 }' | tail -n +2)
  >   opts=$( { hallmark "$cmd" --help; for s in $subs; do hallmark "$cmd" "$s" --help; done; } |
  >           grep -oE -- '--[a-z0-9-]+' | grep -v -- '--help' | sort -u)
  >   text=$(sed 's/\\-/-/g' "$page")
  >   for o in $opts; do
  >     grep -q -- "$o" <<< "$text" || echo "$cmd: $o is not in $(basename "$page")"
  >   done
  >   for s in $subs; do
  >     grep -q -- "$s" <<< "$text" || echo "$cmd: subcommand $s is not in $(basename "$page")"
  >   done
  > done
  $ for page in "$MAN"/*.[157]; do
  >   LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null | sed "s|^|$(basename "$page"): |"
  > done

hallmark(1) names every command, and its SEE ALSO every page.

  $ for cmd in $cmds; do grep -q "^\.B $cmd " "$MAN/hallmark.1" || echo "hallmark.1 lacks $cmd"; done
  $ for page in "$MAN"/hallmark-*.[157]; do
  >   name=$(basename "$page"); name=${name%.*}
  >   grep -q "^\.BR $name (" "$MAN/hallmark.1" || echo "hallmark.1 does not point to $name"
  > done
