// hallmark verify FILE... (man/hallmark-verify.1).
#include <iostream>

#include "cli/command.h"
#include "cli/output.h"
#include "hallmark/paths.h"

namespace hallmark::cli {
namespace {

struct VerifyFlags {
  std::vector<std::string> files;
  std::string bundle;
  std::string trust;
  bool json = false;
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
  std::vector<Outcome> outcomes;
  for (const std::string& file : f.files) {
    outcomes.push_back({file, verify_file(file, options, *trust)});
  }
  if (f.json) {
    std::cout << render_json(outcomes);
  }
  bool hint_trust = false;
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
    hint_trust = hint_trust || o.report->verdict == Verdict::kUntrustedSigner;
  }
  if (hint_trust && !g.quiet && trust->entries().empty()) {
    std::cout.flush();
    print_hint("your trust store " + trust_path +
               " is empty; to trust a signer run: "
               "hallmark trust add KEY.pub --name NAME");
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
  cmd->add_flag("--json", f->json, "Print the versioned JSON report");
  cmd->callback([f, &g] { g.exit_code = verify(*f, g); });
}

}  // namespace hallmark::cli
