// gitignore-style globs over '/'-separated relative paths (see man/hallmark-policy.5):
// '*' and '?' never cross '/', '**' spans whole directories, a glob without an inner '/'
// matches the last path component at any depth, and a trailing '/' matches a directory and
// everything under it. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace hallmark {

class Glob {
 public:
  explicit Glob(std::string pattern);
  const std::string& pattern() const { return pattern_; }
  // True if `path` (relative, '/'-separated, no leading "./") matches.
  bool matches(std::string_view path) const;

 private:
  std::string pattern_;
  std::string body_;       // The pattern without a leading '/' or trailing '/'.
  bool anchored_ = false;  // Matches the whole path, not just the file name.
  bool directory_ = false;
};

// Matches `text` against a glob where '*' and '?' do not cross '/' and "**" segments span any
// number of directories. Iterative with backtracking bounded by the pattern's star count.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace hallmark
