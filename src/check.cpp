#include "hallmark/check.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>

#include "hallmark/file_io.h"
#include "hallmark/note.h"
#include "hallmark/tlog_policy.h"
#include "hallmark/walk.h"
#include "hallmark/worker_pool.h"

namespace hallmark {
namespace {

// A walked entry as a check result when the walk already decided it (skipped or unreadable).
std::optional<FileCheck> decided(const WalkEntry& e) {
  if (e.kind == WalkEntry::Kind::kFile) {
    return std::nullopt;
  }
  FileCheck fc;
  fc.path = e.path;
  fc.relative = e.relative;
  if (e.kind == WalkEntry::Kind::kSkipped) {
    fc.outcome = FileCheck::Outcome::kSkipped;
    fc.skip_reason = e.reason;
  } else {
    fc.outcome = FileCheck::Outcome::kError;
    fc.error = e.error;
  }
  return fc;
}

// One thing the walk found: a regular file to check, or something skipped or unreadable.
struct Item {
  std::string path;
  std::string relative;
  std::optional<FileCheck> done;  // Set when the walk already knows the outcome.
};

std::optional<Item> next_item(Walker& walker) {
  std::optional<WalkEntry> e = walker.next();
  if (!e) {
    return std::nullopt;
  }
  return Item{e->path, e->relative, decided(*e)};
}

FileCheck check_one(const Item& item, const CheckOptions& options, const TrustStore& trust,
                    WorkerPool* pool) {
  FileCheck fc;
  fc.path = item.path;
  fc.relative = item.relative;
  struct stat st;
  if (::stat(item.path.c_str(), &st) == 0) {
    fc.bytes = static_cast<uint64_t>(st.st_size);
  }
  const Rules rules = options.policy.rules_for(item.relative);
  // A bundle that is a symbolic link counts as there (the file is then judged unsigned, saying
  // why), but is never read: the walk does not follow links out of the tree, nor does this.
  const bool has_bundle =
      options.verify.bundle_path.empty() ? path_exists(default_bundle_path(item.path)) : true;
  if (!has_bundle && options.is_media && !options.is_media(item.path)) {
    fc.outcome = FileCheck::Outcome::kSkipped;
    fc.skip_reason = "not media";
    return fc;
  }
  VerifyOptions v = options.verify;
  v.pool = pool;  // The files' hashing shares the check's threads.
  v.follow_bundle_symlinks = false;
  if (!rules.log_keys.empty()) {
    // The policy names the logs whose receipts count here (checked when it was parsed).
    std::vector<note::Verifier> keys;
    for (const std::string& k : rules.log_keys) {
      if (Result<note::Verifier> key = note::parse_verifier(k); key.ok()) {
        keys.push_back(std::move(key).value());
      }
    }
    if (Result<tlog::Policy> p = tlog::Policy::from_keys(keys); p.ok()) {
      v.log_policy = std::move(p).value();
    }
  }
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
  while (std::optional<Item> item = next_item(walker)) {
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
  std::optional<WorkerPool> own;
  WorkerPool* pool = options.pool != nullptr ? options.pool : &own.emplace(options.jobs);
  // Files in flight at most (walked, not yet reported): a slow file holds back the report of
  // those after it, never the work on them.
  const size_t window = static_cast<size_t>(pool->concurrency()) * 64;

  std::mutex mu;
  std::map<uint64_t, FileCheck> finished;  // Guarded by mu.

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
  // Declared after what its tasks use: it waits for them when it goes.
  TaskGroup group(pool);
  auto ready = [&] {
    std::lock_guard lock(mu);
    return finished.count(emitted) != 0;
  };
  while (true) {
    // Keep the window full.
    while (!walked && submitted - emitted < window) {
      std::optional<Item> item = next_item(walker);
      if (!item) {
        walked = true;
        break;
      }
      const uint64_t seq = submitted++;
      if (item->done) {
        std::lock_guard lock(mu);
        finished.emplace(seq, std::move(*item->done));
      } else {
        group.run([&, seq, item = std::move(*item)] {
          FileCheck fc = check_one(item, options, trust, pool);
          std::lock_guard lock(mu);
          finished.emplace(seq, std::move(fc));
        });
      }
    }
    if (walked && emitted == submitted) {
      break;
    }
    // Hand out results in walk order as they complete, checking files meanwhile.
    group.wait_until(ready);
    std::unique_lock lock(mu);
    FileCheck fc = std::move(finished.at(emitted));
    finished.erase(emitted);
    lock.unlock();
    emit(fc);
    ++emitted;
  }
  HALLMARK_TRY(group.wait());
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace hallmark
