hallmark --version prints hallmark's version, then the version of every library it links: the C
libraries as loaded at run time (libexif, which cannot tell, as built), the header-only ones as
compiled in. Scripts can keep reading the first line.

  $ hallmark --version
  hallmark 0.1.0
    libsodium 1.*.* (glob)
    OpenSSL 3.*.* (glob)
    SQLite 3.*.* (glob)
    libavformat *.*.* (glob)
    libavcodec *.*.* (glob)
    FFmpeg * (glob)
    libexif 0.6.* (glob)
    nlohmann/json 3.*.* (glob)
    CLI11 2.*.* (glob)

It is the same after a command (global flags fall through to subcommands), and exits 0.

  $ hallmark check --version | head -1
  hallmark 0.1.0

The versions are the real ones: they agree with what pkg-config says of the packages built
against (the shared libraries loaded are those packages' own).

  $ v() { hallmark --version | awk -v n="$1" '$1 == n { print $2 }'; }
  $ for pair in libsodium:libsodium OpenSSL:libcrypto SQLite:sqlite3 libavformat:libavformat \
  >     libavcodec:libavcodec libexif:libexif nlohmann/json:nlohmann_json CLI11:CLI11; do
  >   name=${pair%%:*} pkg=${pair#*:}
  >   if [ "$(v "$name")" = "$(pkg-config --modversion "$pkg")" ]; then echo "$name ok"; else
  >     echo "$name: hallmark says $(v "$name"), pkg-config $(pkg-config --modversion "$pkg")"; fi
  > done
  libsodium ok
  OpenSSL ok
  SQLite ok
  libavformat ok
  libavcodec ok
  libexif ok
  nlohmann/json ok
  CLI11 ok

FFmpeg's release is the one libavutil reports; it names the same major version as ffmpeg(1).

  $ [ "$(v FFmpeg | cut -d. -f1)" = "$(ffmpeg -version | sed -n '1s/^ffmpeg version \([0-9]*\).*/\1/p')" ] && echo same
  same
