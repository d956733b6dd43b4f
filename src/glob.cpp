#include "hallmark/glob.h"

#include <vector>

namespace hallmark {
namespace {

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t slash = s.find('/', start);
    out.push_back(s.substr(start, slash - start));
    if (slash == std::string_view::npos) {
      return out;
    }
    start = slash + 1;
  }
}

// One path component against one pattern component: '*' any run, '?' one character.
bool match_component(std::string_view p, std::string_view t) {
  size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && (p[pi] == '?' || p[pi] == t[ti])) {
      ++pi;
      ++ti;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') {
    ++pi;
  }
  return pi == p.size();
}

// Components with "**" spanning zero or more components, by dynamic programming.
bool match_components(const std::vector<std::string_view>& p,
                      const std::vector<std::string_view>& t) {
  // can[j] : pattern prefix p[0..i) matches text prefix t[0..j).
  std::vector<char> can(t.size() + 1, 0), next(t.size() + 1, 0);
  can[0] = 1;
  for (size_t i = 0; i < p.size(); ++i) {
    std::fill(next.begin(), next.end(), 0);
    if (p[i] == "**") {
      char any = 0;
      for (size_t j = 0; j <= t.size(); ++j) {
        any = any || can[j];
        next[j] = any;
      }
    } else {
      for (size_t j = 0; j < t.size(); ++j) {
        if (can[j] && match_component(p[i], t[j])) {
          next[j + 1] = 1;
        }
      }
    }
    can.swap(next);
  }
  return can[t.size()] != 0;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  return match_components(split(pattern), split(text));
}

Glob::Glob(std::string pattern) : pattern_(std::move(pattern)) {
  std::string_view body = pattern_;
  if (!body.empty() && body.back() == '/') {
    directory_ = true;
    body.remove_suffix(1);
  }
  if (!body.empty() && body.front() == '/') {
    anchored_ = true;
    body.remove_prefix(1);
  }
  anchored_ = anchored_ || body.find('/') != std::string_view::npos;
  body_ = std::string(body);
}

bool Glob::matches(std::string_view path) const {
  if (body_.empty()) {
    return false;
  }
  if (!anchored_) {
    // Any component (a directory for "dir/", else the file name) may match.
    const std::vector<std::string_view> parts = split(path);
    if (directory_) {
      for (size_t i = 0; i + 1 < parts.size(); ++i) {
        if (match_component(body_, parts[i])) {
          return true;
        }
      }
      return false;
    }
    return match_component(body_, parts.back());
  }
  if (directory_) {
    // The directory itself is never a file here: match it as a prefix of the path.
    const std::vector<std::string_view> parts = split(path);
    const std::vector<std::string_view> pat = split(body_);
    std::vector<std::string_view> prefix;
    for (size_t n = 0; n + 1 < parts.size(); ++n) {
      prefix.push_back(parts[n]);
      if (match_components(pat, prefix)) {
        return true;
      }
    }
    return false;
  }
  return glob_match(body_, path);
}

}  // namespace hallmark
