// hallmark verify FILE... (man/hallmark-verify.1).
#include <algorithm>
#include <iostream>

#include "cli/command.h"
#include "cli/output.h"
#include "cli/terminal.h"
#include "cli/verify_flags.h"

namespace hallmark::cli {
namespace {

struct VerifyCommandFlags {
  std::vector<std::string> files;
  std::string bundle;
  bool json = false;
  VerifyFlags verify;
};

int verify(const VerifyCommandFlags& f, const Globals& g) {
  if (!f.bundle.empty() && f.files.size() != 1) {
    return print_error(invalid_argument("--bundle needs exactly one FILE"));
  }
  Result<Verification> v = prepare_verification(f.verify);
  if (!v.ok()) {
    return print_error(v.status());
  }
  const TrustStore* trust = &v->trust;
  const std::string& trust_path = v->trust_path;
  VerifyOptions options = v->options;
  options.bundle_path = f.bundle;
  std::vector<Outcome> outcomes;
  for (const std::string& file : f.files) {
    outcomes.push_back({file, verify_file(file, options, *trust)});
  }
  if (f.json) {
    raw_stdout() << render_json(outcomes);
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
        std::cout << line << nl;
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
  if (hint_c2pa && !g.quiet && f.verify.c2pa_trust.empty()) {
    std::cout.flush();
    print_hint(
        "no C2PA trust anchors were given: pass --c2pa-trust PEM (e.g. the C2PA trust "
        "list), or --allow-untrusted to accept a valid but untrusted manifest");
  }
  return exit_code_of(outcomes);
}

}  // namespace

void add_verify_commands(CLI::App& app, Globals& g) {
  auto f = std::make_shared<VerifyCommandFlags>();
  CLI::App* cmd = app.add_subcommand("verify", "Check files against their signed manifests");
  cmd->add_option("file", f->files, "Files to verify")->required();
  cmd->add_option("-b,--bundle", f->bundle, "Bundle to use (one FILE only; default FILE.hallmark)");
  cmd->add_flag("--json", f->json, "Print the versioned JSON report");
  add_verify_flags(cmd, f->verify, /*per_file=*/true);
  cmd->callback([f, &g] { g.exit_code = verify(*f, g); });
}

}  // namespace hallmark::cli
