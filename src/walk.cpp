#include "hallmark/walk.h"

#include <algorithm>
#include <filesystem>

#include "hallmark/file_io.h"

namespace hallmark {
namespace {

namespace fs = std::filesystem;

std::string join(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir == ".") {
    return name;
  }
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

std::string special_kind(fs::file_type t) {
  switch (t) {
    case fs::file_type::fifo:
      return "a FIFO";
    case fs::file_type::socket:
      return "a socket";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::character:
      return "a character device";
    default:
      return "not a regular file";
  }
}

WalkEntry skipped(const std::string& path, const std::string& rel, std::string why) {
  return {path, rel, WalkEntry::Kind::kSkipped, std::move(why), {}};
}

WalkEntry failed(const std::string& path, const std::string& rel, Status error) {
  return {path, rel, WalkEntry::Kind::kError, "", std::move(error)};
}

// A regular file is an entry (unless it is a provenance file); anything else is skipped.
std::optional<WalkEntry> regular_or_skip(const std::string& path, const std::string& rel,
                                         fs::file_type type) {
  if (type != fs::file_type::regular) {
    return skipped(path, rel, special_kind(type));
  }
  const std::string name = fs::path(path).filename().string();
  if (is_provenance_temp_file(name)) {
    return std::nullopt;  // A writer's temporary: neither checked nor counted.
  }
  if (is_provenance_file(name)) {
    // Checked and signed together with their files; a bundle whose file is gone is reported,
    // so that a tree of nothing but bundles does not pass as an empty one.
    constexpr std::string_view kBundle = ".hallmark";
    std::error_code ec;
    if (path.ends_with(kBundle) &&
        !fs::exists(fs::symlink_status(path.substr(0, path.size() - kBundle.size()), ec))) {
      const std::string file =
          fs::path(path.substr(0, path.size() - kBundle.size())).filename().string();
      return skipped(path, rel, "a bundle without its file (" + file + " is not here)");
    }
    return std::nullopt;
  }
  return WalkEntry{path, rel, WalkEntry::Kind::kFile, "", {}};
}

}  // namespace

bool is_provenance_temp_file(const std::string& name) {
  const std::optional<TempFileName> t = parse_temp_file_name(name);
  return t && is_provenance_file(t->target);
}

bool is_provenance_file(const std::string& name) {
  auto ends = [&](std::string_view suffix) {
    return name.size() > suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends(".hallmark") || ends(".c2pa");
}

Walker::Walker(const std::vector<std::string>& roots, const std::vector<Glob>& excludes)
    : roots_(roots), excludes_(excludes) {}

std::optional<WalkEntry> Walker::next() {
  while (true) {
    if (pending_error_) {
      std::optional<WalkEntry> e = std::move(pending_error_);
      pending_error_.reset();
      return e;
    }
    if (!stack_.empty()) {
      Dir& d = stack_.back();
      if (d.next == d.entries.size()) {
        stack_.pop_back();
        continue;
      }
      const std::string name = d.entries[d.next++];
      const std::string rel = d.relative.empty() ? name : d.relative + "/" + name;
      const std::string path = join(d.path, name);
      if (std::optional<WalkEntry> e = visit(path, rel)) {
        return e;
      }
      continue;
    }
    if (next_root_ == roots_.size()) {
      return std::nullopt;
    }
    const std::string& root = roots_[next_root_++];
    const std::string name = fs::path(root).filename().string();
    std::error_code ec;
    const fs::file_status st = fs::status(root, ec);  // Arguments are followed.
    if (ec || !fs::exists(st)) {
      return failed(root, name, not_found("cannot open " + root + ": no such file or directory"));
    }
    if (fs::is_directory(st)) {
      root_real_ = fs::weakly_canonical(root, ec).string();
      push_dir(root, "");
      continue;
    }
    root_real_.clear();
    if (st.type() == fs::file_type::regular && is_provenance_file(name)) {
      return skipped(root, name, "provenance for another file (name that file instead)");
    }
    if (st.type() == fs::file_type::regular && is_provenance_temp_file(name)) {
      return skipped(root, name,
                     "a temporary file of a bundle being written (or of a writer "
                     "that was killed)");
    }
    return regular_or_skip(root, name, st.type()).value();
  }
}

bool Walker::excluded(const std::string& rel, bool is_dir) const {
  return std::any_of(excludes_.begin(), excludes_.end(), [&](const Glob& g) {
    return g.matches(rel) || (is_dir && g.matches(rel + "/x"));
  });
}

void Walker::push_dir(const std::string& path, const std::string& rel) {
  Dir d{path, rel, {}, 0};
  std::error_code ec;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    d.entries.push_back(it->path().filename().string());
  }
  if (ec) {
    pending_error_ =
        failed(path, rel, io_error("cannot read directory " + path + ": " + ec.message()));
  }
  std::sort(d.entries.begin(), d.entries.end());
  stack_.push_back(std::move(d));
}

std::optional<WalkEntry> Walker::visit(const std::string& path, const std::string& rel) {
  std::error_code ec;
  const fs::file_status lst = fs::symlink_status(path, ec);
  if (ec) {
    return failed(path, rel, io_error("cannot stat " + path + ": " + ec.message()));
  }
  if (fs::is_directory(lst)) {
    if (!excluded(rel, true)) {
      push_dir(path, rel);
    }
    return std::nullopt;
  }
  if (excluded(rel, false)) {
    return std::nullopt;
  }
  if (!fs::is_symlink(lst)) {
    return regular_or_skip(path, rel, lst.type());
  }
  const fs::path target = fs::canonical(path, ec);
  if (ec) {
    return skipped(path, rel,
                   ec == std::errc::too_many_symbolic_link_levels ? "a symbolic link loop"
                                                                  : "a dangling symbolic link");
  }
  const std::string t = target.string();
  if (root_real_.empty() || t.compare(0, root_real_.size() + 1, root_real_ + "/") != 0) {
    return skipped(path, rel, "a symbolic link out of the tree (not followed)");
  }
  const fs::file_status st = fs::status(target, ec);
  if (fs::is_directory(st)) {
    return skipped(path, rel, "a symbolic link to a directory (not followed)");
  }
  return regular_or_skip(path, rel, st.type());
}

}  // namespace hallmark
