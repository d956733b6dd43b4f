#include "cli/log_policy.h"

#include <filesystem>

#include "hallmark/file_io.h"
#include "hallmark/note.h"
#include "hallmark/paths.h"

namespace hallmark::cli {
namespace {

Result<std::optional<tlog::Policy>> from_file(const std::string& path) {
  Result<std::string> text = read_file(path, tlog::kMaxPolicySize);
  HALLMARK_TRY(text);
  Result<tlog::Policy> p = tlog::Policy::parse(*text);
  if (!p.ok()) {
    return p.status().with_context(path);
  }
  return std::optional<tlog::Policy>(std::move(p).value());
}

}  // namespace

Result<std::optional<tlog::Policy>> load_log_policy(const std::vector<std::string>& log_keys,
                                                    const std::string& policy_file,
                                                    const std::string& log_dir) {
  if (!log_keys.empty()) {
    std::vector<note::Verifier> keys;
    for (const std::string& k : log_keys) {
      Result<note::Verifier> v = note::parse_verifier(k);
      if (!v.ok()) {
        return v.status().with_context("--log-key");
      }
      keys.push_back(std::move(v).value());
    }
    Result<tlog::Policy> p = tlog::Policy::from_keys(keys);
    HALLMARK_TRY(p.status().with_context("--log-key"));
    return std::optional<tlog::Policy>(std::move(p).value());
  }
  if (!policy_file.empty()) {
    return from_file(policy_file);
  }
  std::error_code ec;
  if (!log_dir.empty() && std::filesystem::exists(log_dir + "/policy", ec)) {
    return from_file(log_dir + "/policy");
  }
  const std::string fallback = paths::config_dir() + "/log-policy";
  if (std::filesystem::exists(fallback, ec)) {
    return from_file(fallback);
  }
  return std::optional<tlog::Policy>();
}

}  // namespace hallmark::cli
