// hallmark check PATH... (man/hallmark-check.1): the CI gate.
#include "hallmark/check.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/check_report.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "cli/terminal.h"
#include "cli/verify_flags.h"
#include "hallmark/file_io.h"
#include "hallmark/input_file.h"
#include "hallmark/media.h"

namespace hallmark::cli {
namespace {

struct CheckFlags {
  std::vector<std::string> paths;
  std::string policy;
  std::string format = "text";
  std::string output;
  unsigned jobs = 0;
  std::vector<std::string> excludes;
  bool progress = false;
  VerifyFlags verify;
};

int check(const CheckFlags& f, const Globals& g) {
  CheckOptions options;
  options.paths = f.paths;
  // Media is recognised by content, never by name.
  options.is_media = [](const std::string& path) {
    Result<InputFile> input = InputFile::open(path);
    if (!input.ok()) {
      return false;
    }
    Result<std::string> format = media::detect_media_format(*input);
    return format.ok() && !format->empty();
  };
  options.jobs = f.jobs;
  for (const std::string& e : f.excludes) {
    options.excludes.emplace_back(e);
  }
  if (!f.policy.empty()) {
    std::error_code ec;
    if (!std::filesystem::exists(f.policy, ec)) {
      return print_error(not_found("--policy " + f.policy + ": no such file"));
    }
    Result<Policy> p = Policy::load(f.policy);
    if (!p.ok()) {
      return print_error(p.status());
    }
    options.policy = std::move(p).value();
  }
  Result<Verification> v = prepare_verification(f.verify);
  if (!v.ok()) {
    return print_error(v.status());
  }
  const TrustStore* trust = &v->trust;
  options.verify = v->options;
  if (!g.quiet) {
    for (const std::string& w : options.policy.warnings(*trust)) {
      std::cerr << "hallmark: warning: " << w << nl;
    }
  }

  // Output: stdout, or a file written atomically once the run is complete.
  std::ostringstream unused;
  std::ofstream file_out;
  std::string tmp;
  if (!f.output.empty()) {
    tmp = f.output + ".tmp-" + std::to_string(::getpid());
    file_out.open(tmp, std::ios::binary | std::ios::trunc);
    if (!file_out) {
      return print_error(io_error("cannot write " + tmp));
    }
  }
  // Text is escaped for the terminal (a file of it is read there later too); JSON, JUnit and
  // SARIF escape within their own syntax.
  const bool text = f.format == "text";
  std::unique_ptr<EscapingBuf> escaped_file;
  std::unique_ptr<std::ostream> escaped_file_out;
  if (text && !f.output.empty()) {
    escaped_file = std::make_unique<EscapingBuf>(file_out.rdbuf(), !utf8_locale());
    escaped_file_out = std::make_unique<std::ostream>(escaped_file.get());
  }
  std::ostream& out = !f.output.empty() ? (text ? *escaped_file_out : file_out)
                      : text            ? std::cout
                                        : raw_stdout();
  TextStyle style;
  style.color = f.output.empty() && f.format == "text" && use_color(STDOUT_FILENO);
  style.verbose = g.verbose;
  style.quiet = g.quiet;
  std::unique_ptr<CheckWriter> writer = make_check_writer(f.format, out, style);
  if (!writer) {
    return print_error(invalid_argument("--format must be text, json, junit or sarif"));
  }

  std::unique_ptr<Progress> progress;
  if (Progress::wanted(f.progress)) {
    const CheckCount count = count_check_files(options);
    progress = std::make_unique<Progress>("checked", "files", count.files, count.bytes, f.progress);
  }
  Result<CheckSummary> summary = run_check(
      options, *trust, [&](const FileCheck& fc) { writer->file(fc); },
      [&](const CheckProgress& p) {
        if (progress) {
          progress->update(p.files_done, p.bytes_done);
        }
      });
  progress.reset();
  if (!summary.ok()) {
    if (!tmp.empty()) {
      std::filesystem::remove(tmp);
    }
    return print_error(summary.status());
  }
  writer->finish(*summary);
  if (!tmp.empty()) {
    escaped_file_out.reset();
    escaped_file.reset();  // Writes what is pending.
    file_out.close();
    std::error_code ec;
    std::filesystem::rename(tmp, f.output, ec);
    if (!file_out.good() || ec) {
      std::filesystem::remove(tmp, ec);
      return print_error(io_error("cannot write " + f.output));
    }
  }
  return summary->exit_code();
}

}  // namespace

void add_check_commands(CLI::App& app, Globals& g) {
  auto f = std::make_shared<CheckFlags>();
  CLI::App* cmd = app.add_subcommand(
      "check", "The CI gate: verify every media file under PATHs against a policy");
  cmd->add_option("path", f->paths, "Files and directories to check")->required();
  cmd->add_option("--policy", f->policy, "Policy file (see hallmark-policy(5))");
  cmd->add_option("--format", f->format, "text, json, junit or sarif")->capture_default_str();
  cmd->add_option("-o,--output", f->output, "Write the report to this file (atomically)");
  cmd->add_option(
      "-j,--jobs", f->jobs,
      "Threads at work at once, for the files and their hashing (default: one per core)");
  cmd->add_option("--exclude", f->excludes, "Skip paths matching this gitignore-style glob");
  add_verify_flags(cmd, f->verify, /*per_file=*/false);
  cmd->add_flag("--progress", f->progress, "Show progress on stderr even when not a terminal");
  cmd->callback([f, &g] { g.exit_code = check(*f, g); });
}

}  // namespace hallmark::cli
