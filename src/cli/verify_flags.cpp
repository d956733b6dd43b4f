#include "cli/verify_flags.h"

#include <filesystem>

#include "cli/log_policy.h"
#include "hallmark/file_io.h"
#include "hallmark/log.h"
#include "hallmark/paths.h"

namespace hallmark::cli {
namespace {

namespace fs = std::filesystem;

// --log DIR: a directory holding a published checkpoint; a hallmark log's is verified with its
// own key here (a foreign log's under the log policy, when a receipt is checked).
Status check_log_dir(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return fs::exists(dir, ec) ? invalid_argument("--log " + dir + ": not a directory")
                               : not_found("--log " + dir + ": no such directory");
  }
  if (!fs::exists(dir + "/checkpoint", ec)) {
    return not_found("--log " + dir + ": not a transparency log (no " + dir + "/checkpoint)");
  }
  if (fs::exists(dir + "/log.vkey", ec)) {
    Result<std::unique_ptr<log::Reader>> reader = log::Reader::open(dir);
    HALLMARK_TRY(reader.status().with_context("--log " + dir));
  }
  return {};
}

// --c2pa-trust PEM: readable, with at least one certificate (each is parsed when a C2PA
// manifest is judged).
Status check_file(std::string_view flag, const std::string& path);

Status check_pem(const std::string& path) {
  HALLMARK_TRY(check_file("--c2pa-trust", path));
  Result<std::string> text = read_file(path, 64 << 20);
  HALLMARK_TRY(text.status().with_context("--c2pa-trust"));
  if (text->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    return corrupt("--c2pa-trust " + path + ": no PEM certificate in it");
  }
  return {};
}

// A file named by a flag must exist and be a file.
Status check_file(std::string_view flag, const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return not_found(std::string(flag) + " " + path + ": no such file");
  }
  if (fs::is_directory(path, ec)) {
    return invalid_argument(std::string(flag) + " " + path + ": is a directory");
  }
  return {};
}

}  // namespace

void add_verify_flags(CLI::App* cmd, VerifyFlags& f, bool per_file) {
  cmd->add_option("--trust", f.trust, "Trust store file (default: the one in the config dir)");
  cmd->add_option("--log", f.log_dir,
                  "Transparency log directory: check consistency, recover stripped provenance");
  cmd->add_option("--log-key", f.log_keys,
                  "Verifier key of a log (or its clock/witness) whose receipts count (repeatable)");
  cmd->add_option("--log-policy", f.log_policy, "C2SP tlog-policy file: logs, witnesses, quorum");
  cmd->add_flag("--offline", f.offline,
                "Check receipts offline only: do not consult the log given with --log");
  cmd->add_option("--c2pa-trust", f.c2pa_trust, "PEM trust anchors for C2PA signers (repeatable)");
  cmd->add_flag("--allow-untrusted", f.allow_untrusted,
                "Accept a valid but untrusted C2PA manifest as verified");
  if (per_file) {
    cmd->add_option("--c2pa-sidecar", f.c2pa_sidecar, "C2PA manifest store (.c2pa) for the file");
    cmd->add_option("--fragment", f.fragments, "fMP4 fragment for the C2PA BMFF hash (repeatable)");
  }
}

Result<Verification> prepare_verification(const VerifyFlags& f) {
  Verification v;
  v.trust_path = f.trust.empty() ? paths::trust_file() : f.trust;
  // The default store may not exist yet (nobody is trusted); one the user names must.
  Result<TrustStore> trust = TrustStore::load(v.trust_path, /*missing_ok=*/f.trust.empty());
  if (!trust.ok() && !f.trust.empty()) {
    return trust.status().code() == Code::kNotFound
               ? not_found("--trust " + f.trust + ": no such file")
               : trust.status();
  }
  HALLMARK_TRY(trust);
  v.trust = std::move(trust).value();
  for (const std::string& pem : f.c2pa_trust) {
    HALLMARK_TRY(check_pem(pem));
  }
  if (!f.c2pa_sidecar.empty()) {
    HALLMARK_TRY(check_file("--c2pa-sidecar", f.c2pa_sidecar));
  }
  for (const std::string& fragment : f.fragments) {
    HALLMARK_TRY(check_file("--fragment", fragment));
  }
  if (!f.log_policy.empty()) {
    HALLMARK_TRY(check_file("--log-policy", f.log_policy));
  }
  if (!f.log_dir.empty()) {
    HALLMARK_TRY(check_log_dir(f.log_dir));
  }
  VerifyOptions& options = v.options;
  options.c2pa_options.trust_anchor_paths = f.c2pa_trust;
  options.c2pa_options.sidecar_path = f.c2pa_sidecar;
  options.c2pa_options.fragment_paths = f.fragments;
  options.allow_untrusted = f.allow_untrusted;
  Result<std::optional<tlog::Policy>> policy = load_log_policy(f.log_keys, f.log_policy, f.log_dir);
  HALLMARK_TRY(policy);
  options.log_policy = std::move(policy).value();
  if (!f.offline) {
    options.log_dir = f.log_dir;
  }
  return v;
}

}  // namespace hallmark::cli
