// The CI gate behind `hallmark check`: walk files and directories, pick the media (by
// content) and anything that carries provenance, verify each in parallel on one WorkerPool,
// and judge it against a policy. Results come out one per file, in walk order, as soon as they
// are ready, so memory stays bounded however large the tree. Thread-safe to call; callbacks are
// invoked from the calling thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "hallmark/glob.h"
#include "hallmark/policy.h"
#include "hallmark/status.h"
#include "hallmark/trust.h"
#include "hallmark/verify.h"
#include "hallmark/worker_pool.h"

namespace hallmark {

struct CheckOptions {
  std::vector<std::string> paths;  // Files and directories, walked recursively.
  std::vector<Glob> excludes;      // gitignore-style, against paths relative to each root.
  Policy policy;
  VerifyOptions verify;  // Base options; the policy's log keys are added per file.
  // Threads at work at once, the calling thread included, for the files and their hashing
  // together (a file's chunks and packets are hashed on the same threads); 0 = one per core.
  unsigned jobs = 0;
  // Or the pool to run on (not owned), shared with the caller's other work; `jobs` is then
  // not used.
  WorkerPool* pool = nullptr;
  // True if the file is media hallmark binds (by content). Files that are neither media nor
  // next to a bundle are skipped ("not media"). Null: every regular file counts as media.
  std::function<bool(const std::string& path)> is_media;
};

struct FileCheck {
  enum class Outcome {
    kPassed,   // Verified and within the policy.
    kFailed,   // Checked: not verified, or against the policy.
    kSkipped,  // Not checked: not media, a special file, a symlink not followed, ...
    kError,    // Could not be checked (unreadable): counts as a failure of the run.
  };
  std::string path;      // As walked: the argument joined with the relative path.
  std::string relative;  // Relative to its root, '/'-separated (what policy globs see).
  Outcome outcome = Outcome::kSkipped;
  std::string skip_reason;            // For kSkipped.
  Status error;                       // For kError.
  std::optional<Report> report;       // For kPassed / kFailed.
  std::vector<Violation> violations;  // For kFailed.
  uint64_t bytes = 0;                 // Size of the file (for throughput).
};

struct CheckProgress {
  uint64_t files_done = 0;
  uint64_t bytes_done = 0;
};

struct CheckSummary {
  uint64_t files = 0, passed = 0, failed = 0, skipped = 0, errors = 0;
  uint64_t bytes = 0;
  double seconds = 0;
  // 0 if every checked file passed, 1 if any failed, 2 if any could not be checked.
  int exit_code() const { return errors > 0 ? 2 : failed > 0 ? 1 : 0; }
};

// What a check would look at: a fast first walk, for progress and ETA.
struct CheckCount {
  uint64_t files = 0;
  uint64_t bytes = 0;
};
CheckCount count_check_files(const CheckOptions& options);

// Runs the check. `on_result` gets every file in walk order; `on_progress` (optional) is
// called after each file. Errors in the arguments themselves (a path that does not exist) are
// per-file kError results, not a failed Result; the Result fails only for broken options.
Result<CheckSummary> run_check(const CheckOptions& options, const TrustStore& trust,
                               const std::function<void(const FileCheck&)>& on_result,
                               const std::function<void(const CheckProgress&)>& on_progress = {});

}  // namespace hallmark
