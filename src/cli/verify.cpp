// hallmark verify FILE... (man/hallmark-verify.1).
#include <algorithm>
#include <iostream>

#include "cli/command.h"
#include "cli/log_policy.h"
#include "cli/output.h"
#include "hallmark/paths.h"

namespace hallmark::cli {
namespace {

struct VerifyFlags {
  std::vector<std::string> files;
  std::string bundle;
  std::string trust;
  bool json = false;
  std::vector<std::string> c2pa_trust;
  std::string c2pa_sidecar;
  std::vector<std::string> fragments;
  bool allow_untrusted = false;
  std::string log_dir;
  std::vector<std::string> log_keys;
  std::string log_policy;
  bool offline = false;
};

int verify(const VerifyFlags& f, const Globals& g) {
  if (!f.bundle.empty() && f.files.size() != 1) {
    return print_error(invalid_argument("--bundle needs exactly one FILE"));
  }
  const std::string trust_path = f.trust.empty() ? paths::trust_file() : f.trust;
  Result<TrustStore> trust = TrustStore::load(trust_path);
  if (!trust.ok()) {
    return print_error(trust.status());
  }
  VerifyOptions options;
  options.bundle_path = f.bundle;
  options.c2pa_options.trust_anchor_paths = f.c2pa_trust;
  options.c2pa_options.sidecar_path = f.c2pa_sidecar;
  options.c2pa_options.fragment_paths = f.fragments;
  options.allow_untrusted = f.allow_untrusted;
  Result<std::optional<tlog::Policy>> policy = load_log_policy(f.log_keys, f.log_policy, f.log_dir);
  if (!policy.ok()) {
    return print_error(policy.status());
  }
  options.log_policy = std::move(policy).value();
  if (!f.offline) {
    options.log_dir = f.log_dir;
  }
  std::vector<Outcome> outcomes;
  for (const std::string& file : f.files) {
    outcomes.push_back({file, verify_file(file, options, *trust)});
  }
  if (f.json) {
    std::cout << render_json(outcomes);
  }
  bool hint_trust = false;
  bool hint_c2pa = false;
  for (const Outcome& o : outcomes) {
    if (!o.report.ok()) {
      print_error(o.report.status());
      continue;
    }
    if (!f.json && !g.quiet) {
      for (const std::string& line : render_text(*o.report, g.verbose)) {
        std::cout << line << "\n";
      }
    }
    hint_trust =
        hint_trust || (o.report->verdict == Verdict::kUntrustedSigner && o.report->manifest);
    hint_c2pa = hint_c2pa || (o.report->verdict == Verdict::kUntrustedSigner &&
                              !o.report->manifest && o.report->c2pa);
  }
  if (hint_trust && !g.quiet) {
    std::cout.flush();
    if (trust->entries().empty()) {
      print_hint("your trust store " + trust_path + " is empty");
    }
    // The exact command for each signer not yet trusted, once; only if you know who it is.
    std::vector<std::string> shown;
    for (const Outcome& o : outcomes) {
      if (!o.report.ok() || o.report->verdict != Verdict::kUntrustedSigner) {
        continue;
      }
      for (const HistoryLink& l : o.report->history) {
        for (const SignerReport& s : l.signers) {
          const std::string key = s.key.to_string();
          if (s.trust != TrustLevel::kUnknown || !s.creator || !l.manifest ||
              std::find(shown.begin(), shown.end(), key) != shown.end()) {
            continue;
          }
          shown.push_back(key);
          // The name is only the signer's claim: show it only when it is a plain name.
          const std::string& claimed = l.manifest->creator.name;
          const bool plain = keys::check_key_name(claimed).ok();
          print_hint("if you know whose key " + key.substr(0, 20) + "… is, trust it with: " +
                     "hallmark trust add " + key + " --name " + (plain ? claimed : "NAME"));
        }
      }
    }
  }
  if (hint_c2pa && !g.quiet && f.c2pa_trust.empty()) {
    std::cout.flush();
    print_hint(
        "no C2PA trust anchors were given: pass --c2pa-trust PEM (e.g. the C2PA trust "
        "list), or --allow-untrusted to accept a valid but untrusted manifest");
  }
  return exit_code_of(outcomes);
}

}  // namespace

void add_verify_commands(CLI::App& app, Globals& g) {
  auto f = std::make_shared<VerifyFlags>();
  CLI::App* cmd = app.add_subcommand("verify", "Check files against their signed manifests");
  cmd->add_option("file", f->files, "Files to verify")->required();
  cmd->add_option("-b,--bundle", f->bundle, "Bundle to use (one FILE only; default FILE.hallmark)");
  cmd->add_option("--trust", f->trust, "Trust store file (default: the one in the config dir)");
  cmd->add_option("--log", f->log_dir,
                  "Transparency log directory: check consistency, recover stripped provenance");
  cmd->add_option("--log-key", f->log_keys,
                  "Verifier key of a log (or its clock/witness) whose receipts count (repeatable)");
  cmd->add_option("--log-policy", f->log_policy, "C2SP tlog-policy file: logs, witnesses, quorum");
  cmd->add_flag("--offline", f->offline,
                "Check receipts offline only: do not consult the log given with --log");
  cmd->add_flag("--json", f->json, "Print the versioned JSON report");
  cmd->add_option("--c2pa-trust", f->c2pa_trust, "PEM trust anchors for C2PA signers (repeatable)");
  cmd->add_flag("--allow-untrusted", f->allow_untrusted,
                "Accept a valid C2PA manifest whose signer is not trusted");
  cmd->add_option("--c2pa-sidecar", f->c2pa_sidecar, "C2PA manifest store (.c2pa) for the file");
  cmd->add_option("--fragment", f->fragments, "fMP4 fragment for the C2PA BMFF hash (repeatable)");
  cmd->callback([f, &g] { g.exit_code = verify(*f, g); });
}

}  // namespace hallmark::cli
