// Walking the files under command-line paths, as check and sign do: depth first, each
// directory's entries sorted by name, gitignore-style excludes, provenance files (bundles,
// .c2pa sidecars, and the temporaries of their writers: FILE.hallmark.tmp-<pid>-<n>-<r>)
// left out. Arguments are followed; inside a tree a symbolic link is followed
// only to a regular file in the same tree, so a link can neither leave the tree nor loop.
// Streams: memory holds one directory listing per level, not the tree.
// Not thread-safe: one walker per thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "hallmark/glob.h"
#include "hallmark/status.h"

namespace hallmark {

struct WalkEntry {
  enum class Kind {
    kFile,     // A regular file (or a link to one inside the tree).
    kSkipped,  // A special file, a link not followed, a link loop: `reason` says which.
    kError,    // Cannot be read: a missing argument, an unreadable directory.
  };
  std::string path;      // The argument joined with the relative path.
  std::string relative;  // Relative to its argument, '/'-separated (what globs see).
  Kind kind = Kind::kFile;
  std::string reason;  // For kSkipped: "a FIFO", "a symbolic link loop", ...
  Status error;        // For kError.
};

class Walker {
 public:
  // `roots` and `excludes` must outlive the walker.
  Walker(const std::vector<std::string>& roots, const std::vector<Glob>& excludes);
  // The next entry, or nullopt when the walk is done.
  std::optional<WalkEntry> next();

 private:
  struct Dir {
    std::string path;
    std::string relative;
    std::vector<std::string> entries;
    size_t next = 0;
  };

  bool excluded(const std::string& rel, bool is_dir) const;
  void push_dir(const std::string& path, const std::string& rel);
  std::optional<WalkEntry> visit(const std::string& path, const std::string& rel);

  const std::vector<std::string>& roots_;
  const std::vector<Glob>& excludes_;
  size_t next_root_ = 0;
  std::string root_real_;
  std::vector<Dir> stack_;
  std::optional<WalkEntry> pending_error_;
};

// True for files that carry provenance for another file: *.hallmark bundles, *.c2pa sidecars.
bool is_provenance_file(const std::string& name);
// True for the temporary file of a writer of such a file (parse_temp_file_name in
// hallmark/file_io.h): "photo.jpg.hallmark.tmp-4242-0-123456".
bool is_provenance_temp_file(const std::string& name);

}  // namespace hallmark
