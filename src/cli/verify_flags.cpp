#include "cli/verify_flags.h"

#include "cli/log_policy.h"
#include "hallmark/paths.h"

namespace hallmark::cli {

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
  Result<TrustStore> trust = TrustStore::load(v.trust_path);
  HALLMARK_TRY(trust);
  v.trust = std::move(trust).value();
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
