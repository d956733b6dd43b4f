// hallmark verify FILE... (man/hallmark-verify.1).
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

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

// The files to verify: as given, but without FILE.hallmark when FILE is given too (`verify *`
// names both; the bundle is read with its file anyway).
std::vector<std::string> files_to_verify(const std::vector<std::string>& args) {
  const std::set<std::string> given(args.begin(), args.end());
  std::vector<std::string> out;
  for (const std::string& a : args) {
    constexpr std::string_view kExt = ".hallmark";
    const bool bundle = a.size() > kExt.size() && a.ends_with(kExt);
    if (!bundle || given.count(a.substr(0, a.size() - kExt.size())) == 0) {
      out.push_back(a);
    }
  }
  return out;
}

// The first line with its mark and verdict coloured: green when verified, red otherwise.
void print_first_line(const Report& r, const std::string& line, bool color) {
  const std::string verdict =
      std::string(r.verified() ? "✔ " : "✘ ") + std::string(verdict_name(r.verdict));
  const size_t at = r.file.size() + 2;  // After "FILE: ".
  if (!color || line.compare(at, verdict.size(), verdict) != 0) {
    std::cout << line << nl;
    return;
  }
  std::cout << line.substr(0, at);
  write_raw(std::cout, r.verified() ? kGreen : kRed);
  std::cout << verdict;
  write_raw(std::cout, kReset);
  std::cout << line.substr(at + verdict.size()) << nl;
}

int verify(const VerifyCommandFlags& f, const Globals& g) {
  if (!f.bundle.empty() && f.files.size() != 1) {
    return print_error(invalid_argument("--bundle needs exactly one FILE"));
  }
  if (!f.bundle.empty()) {
    std::error_code ec;
    if (!std::filesystem::exists(f.bundle, ec)) {
      return print_error(not_found("--bundle " + f.bundle + ": no such file"));
    }
  }
  const std::vector<std::string> files = files_to_verify(f.files);
  Result<Verification> v = prepare_verification(f.verify);
  if (!v.ok()) {
    return print_error(v.status());
  }
  const TrustStore* trust = &v->trust;
  const std::string& trust_path = v->trust_path;
  VerifyOptions options = v->options;
  options.bundle_path = f.bundle;
  std::vector<Outcome> outcomes;
  for (const std::string& file : files) {
    outcomes.push_back({file, verify_file(file, options, *trust)});
  }
  if (f.json) {
    raw_stdout() << render_json(outcomes);
  }
  bool hint_trust = false;
  bool hint_c2pa = false;
  const bool color = !f.json && use_color(STDOUT_FILENO);
  for (const Outcome& o : outcomes) {
    if (!o.report.ok()) {
      std::error_code ec;
      std::vector<std::string> hints;
      if (std::filesystem::is_directory(o.file, ec)) {
        hints.push_back("to verify every media file under a directory, run: hallmark check " +
                        o.file);
      }
      print_error(o.report.status(), hints);
      continue;
    }
    if (!f.json && !g.quiet) {
      const std::vector<std::string> lines = render_text(*o.report, g.verbose);
      print_first_line(*o.report, lines.front(), color);
      for (size_t i = 1; i < lines.size(); ++i) {
        std::cout << lines[i] << nl;
      }
    }
    if (o.report->verdict == Verdict::kUnsigned && o.file.ends_with(".hallmark") && !g.quiet) {
      print_hint(o.file + " is a bundle: verify the file it signed (hallmark verify " +
                 o.file.substr(0, o.file.size() - 9) + ")");
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
          // No hint for a key that claims the name of a signer you trust with another key:
          // following it would make the impostor's files verify as that signer.
          if (s.trust != TrustLevel::kUnknown || !s.creator || !l.manifest ||
              !s.same_name.empty() || std::find(shown.begin(), shown.end(), key) != shown.end()) {
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
