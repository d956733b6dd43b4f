#include "hallmark/check.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

namespace hallmark {
namespace {

namespace fs = std::filesystem;

bool is_provenance_file(const std::string& name) {
  auto ends = [&](std::string_view suffix) {
    return name.size() > suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends(".hallmark") || ends(".c2pa");
}

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

// One thing the walk found: a regular file to check, or something skipped or unreadable.
struct Item {
  std::string path;
  std::string relative;
  std::optional<FileCheck> done;  // Set when the walk already knows the outcome.
};

// Depth-first walk over the arguments in order, each directory's entries sorted by name.
// Symbolic links inside a tree are followed only to regular files inside the same tree, so a
// link can neither leave the tree nor loop.
class Walker {
 public:
  Walker(const std::vector<std::string>& roots, const std::vector<Glob>& excludes)
      : roots_(roots), excludes_(excludes) {}

  std::optional<Item> next() {
    while (true) {
      if (pending_error_) {
        std::optional<Item> e = std::move(pending_error_);
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
        if (std::optional<Item> item = visit(path, rel)) {
          return item;
        }
        continue;
      }
      if (next_root_ == roots_.size()) {
        return std::nullopt;
      }
      const std::string& root = roots_[next_root_++];
      std::error_code ec;
      const fs::file_status st = fs::status(root, ec);  // Arguments are followed.
      if (ec || !fs::exists(st)) {
        FileCheck fc;
        fc.path = root;
        fc.relative = fs::path(root).filename().string();
        fc.outcome = FileCheck::Outcome::kError;
        fc.error = not_found("cannot open " + root + ": no such file or directory");
        return Item{root, fc.relative, std::move(fc)};
      }
      if (fs::is_directory(st)) {
        root_real_ = fs::weakly_canonical(root, ec).string();
        push_dir(root, "");
        continue;
      }
      root_real_.clear();
      return regular_or_skip(root, fs::path(root).filename().string(), st.type());
    }
  }

 private:
  struct Dir {
    std::string path;
    std::string relative;
    std::vector<std::string> entries;
    size_t next = 0;
  };

  bool excluded(const std::string& rel, bool is_dir) const {
    for (const Glob& g : excludes_) {
      if (g.matches(rel) || (is_dir && g.matches(rel + "/x"))) {
        return true;
      }
    }
    return false;
  }

  void push_dir(const std::string& path, const std::string& rel) {
    Dir d{path, rel, {}, 0};
    std::error_code ec;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      d.entries.push_back(it->path().filename().string());
    }
    if (ec) {
      pending_error_ = Item{path, rel, FileCheck{}};
      FileCheck& fc = *pending_error_->done;
      fc.path = path;
      fc.relative = rel;
      fc.outcome = FileCheck::Outcome::kError;
      fc.error = io_error("cannot read directory " + path + ": " + ec.message());
    }
    std::sort(d.entries.begin(), d.entries.end());
    stack_.push_back(std::move(d));
  }

  std::optional<Item> skip(const std::string& path, const std::string& rel, std::string why) {
    FileCheck fc;
    fc.path = path;
    fc.relative = rel;
    fc.outcome = FileCheck::Outcome::kSkipped;
    fc.skip_reason = std::move(why);
    return Item{path, rel, std::move(fc)};
  }

  std::optional<Item> regular_or_skip(const std::string& path, const std::string& rel,
                                      fs::file_type type) {
    if (type != fs::file_type::regular) {
      return skip(path, rel, special_kind(type));
    }
    if (is_provenance_file(fs::path(path).filename().string())) {
      return std::nullopt;  // Bundles and sidecars are checked with their files.
    }
    return Item{path, rel, std::nullopt};
  }

  std::optional<Item> visit(const std::string& path, const std::string& rel) {
    std::error_code ec;
    const fs::file_status lst = fs::symlink_status(path, ec);
    if (ec) {
      FileCheck fc;
      fc.path = path;
      fc.relative = rel;
      fc.outcome = FileCheck::Outcome::kError;
      fc.error = io_error("cannot stat " + path + ": " + ec.message());
      return Item{path, rel, std::move(fc)};
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
    if (fs::is_symlink(lst)) {
      const fs::path target = fs::canonical(path, ec);
      if (ec) {
        return skip(path, rel,
                    ec == std::errc::too_many_symbolic_link_levels ? "a symbolic link loop"
                                                                   : "a dangling symbolic link");
      }
      const std::string t = target.string();
      if (root_real_.empty() || t.compare(0, root_real_.size() + 1, root_real_ + "/") != 0) {
        return skip(path, rel, "a symbolic link out of the tree (not followed)");
      }
      const fs::file_status st = fs::status(target, ec);
      if (fs::is_directory(st)) {
        return skip(path, rel, "a symbolic link to a directory (not followed)");
      }
      return regular_or_skip(path, rel, st.type());
    }
    return regular_or_skip(path, rel, lst.type());
  }

  const std::vector<std::string>& roots_;
  const std::vector<Glob>& excludes_;
  size_t next_root_ = 0;
  std::string root_real_;
  std::vector<Dir> stack_;
  std::optional<Item> pending_error_;
};

FileCheck check_one(const Item& item, const CheckOptions& options, const TrustStore& trust) {
  FileCheck fc;
  fc.path = item.path;
  fc.relative = item.relative;
  struct stat st;
  if (::stat(item.path.c_str(), &st) == 0) {
    fc.bytes = static_cast<uint64_t>(st.st_size);
  }
  const Rules rules = options.policy.rules_for(item.relative);
  std::error_code ec;
  const bool has_bundle =
      options.verify.bundle_path.empty() ? fs::exists(default_bundle_path(item.path), ec) : true;
  if (!has_bundle && options.is_media && !options.is_media(item.path)) {
    fc.outcome = FileCheck::Outcome::kSkipped;
    fc.skip_reason = "not media";
    return fc;
  }
  VerifyOptions v = options.verify;
  v.threads = 1;  // Files are the unit of parallelism here.
  Result<Report> r = verify_file(item.path, v, trust);
  if (!r.ok()) {
    fc.outcome = FileCheck::Outcome::kError;
    fc.error = r.status();
    return fc;
  }
  fc.violations = evaluate(rules, *r);
  fc.outcome = fc.violations.empty() ? FileCheck::Outcome::kPassed : FileCheck::Outcome::kFailed;
  fc.report = std::move(r).value();
  return fc;
}

}  // namespace

CheckCount count_check_files(const CheckOptions& options) {
  Walker walker(options.paths, options.excludes);
  CheckCount n;
  while (std::optional<Item> item = walker.next()) {
    ++n.files;
    struct stat st;
    if (!item->done && ::stat(item->path.c_str(), &st) == 0) {
      n.bytes += static_cast<uint64_t>(st.st_size);
    }
  }
  return n;
}

Result<CheckSummary> run_check(const CheckOptions& options, const TrustStore& trust,
                               const std::function<void(const FileCheck&)>& on_result,
                               const std::function<void(const CheckProgress&)>& on_progress) {
  if (options.paths.empty()) {
    return invalid_argument("nothing to check: give files or directories");
  }
  const auto start = std::chrono::steady_clock::now();
  const unsigned jobs =
      options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  const size_t window = static_cast<size_t>(jobs) * 64;  // Files in flight at most.

  std::mutex mu;
  std::condition_variable work_ready, result_ready;
  std::deque<std::pair<uint64_t, Item>> queue;
  std::map<uint64_t, FileCheck> finished;
  bool closing = false;

  auto worker = [&] {
    while (true) {
      std::pair<uint64_t, Item> job;
      {
        std::unique_lock lock(mu);
        work_ready.wait(lock, [&] { return closing || !queue.empty(); });
        if (queue.empty()) {
          return;
        }
        job = std::move(queue.front());
        queue.pop_front();
      }
      FileCheck fc = check_one(job.second, options, trust);
      {
        std::lock_guard lock(mu);
        finished.emplace(job.first, std::move(fc));
      }
      result_ready.notify_one();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < jobs; ++i) {
    pool.emplace_back(worker);
  }

  CheckSummary summary;
  CheckProgress progress;
  Walker walker(options.paths, options.excludes);
  uint64_t submitted = 0, emitted = 0;
  bool walked = false;
  auto emit = [&](FileCheck& fc) {
    ++summary.files;
    summary.bytes += fc.bytes;
    switch (fc.outcome) {
      case FileCheck::Outcome::kPassed:
        ++summary.passed;
        break;
      case FileCheck::Outcome::kFailed:
        ++summary.failed;
        break;
      case FileCheck::Outcome::kSkipped:
        ++summary.skipped;
        break;
      case FileCheck::Outcome::kError:
        ++summary.errors;
        break;
    }
    on_result(fc);
    ++progress.files_done;
    progress.bytes_done += fc.bytes;
    if (on_progress) {
      on_progress(progress);
    }
  };
  while (true) {
    // Keep the window full.
    while (!walked && submitted - emitted < window) {
      std::optional<Item> item = walker.next();
      if (!item) {
        walked = true;
        break;
      }
      const uint64_t seq = submitted++;
      std::lock_guard lock(mu);
      if (item->done) {
        finished.emplace(seq, std::move(*item->done));
      } else {
        queue.emplace_back(seq, std::move(*item));
        work_ready.notify_one();
      }
    }
    if (walked && emitted == submitted) {
      break;
    }
    // Hand out results in walk order as they complete.
    std::unique_lock lock(mu);
    result_ready.wait(lock, [&] { return finished.count(emitted) != 0; });
    FileCheck fc = std::move(finished.at(emitted));
    finished.erase(emitted);
    lock.unlock();
    emit(fc);
    ++emitted;
  }
  {
    std::lock_guard lock(mu);
    closing = true;
  }
  work_ready.notify_all();
  for (std::thread& t : pool) {
    t.join();
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace hallmark
