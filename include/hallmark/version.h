// hallmark's version and the versions of the libraries it links, for `hallmark --version` and
// for bug reports. Thread-safe.
#pragma once

#include <string>
#include <vector>

namespace hallmark {

// hallmark's own version, "0.1.0" (the CMake project version).
std::string version();

struct LibraryVersion {
  std::string name;     // "libsodium", "OpenSSL", ...
  std::string version;  // "1.0.18"
};

// The libraries libhallmark links, in a fixed order: libsodium, OpenSSL, SQLite, libavformat,
// libavcodec, FFmpeg (the release), libexif, nlohmann/json. C libraries report the version
// loaded at run time, except libexif (no such call: the version built against); header-only
// libraries the version compiled in.
std::vector<LibraryVersion> library_versions();

// "hallmark 0.1.0" then one indented "name version" line per library_versions() entry and per
// entry of `extra` (libraries only the caller links, such as the command line's CLI11). No
// final newline.
std::string version_text(const std::vector<LibraryVersion>& extra = {});

}  // namespace hallmark
