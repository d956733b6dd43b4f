// What every command group shares: the global flags, how results, errors and hints are
// printed, and the exit codes. Results go to stdout; errors and hints to stderr as
//   hallmark: error: <what went wrong>
//   hallmark: hint: <what to do about it>
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "hallmark/status.h"

namespace hallmark::cli {

constexpr int kExitOk = 0;           // Verified / done.
constexpr int kExitNotVerified = 1;  // Checked and NOT verified.
constexpr int kExitError = 2;        // Could not run: usage, unreadable input, I/O.

struct Globals {
  bool quiet = false;    // Only errors and the exit code.
  bool verbose = false;  // Extra detail on stderr.
  int exit_code = kExitOk;
};

// Prints "hallmark: error: <message>" and one "hallmark: hint: ..." line per hint; returns the
// exit code for the status (1 for kVerifyFailed, else 2).
int print_error(const Status& status, const std::vector<std::string>& hints = {});
void print_hint(std::string_view hint);

// Each command group adds its subcommands; callbacks store their exit code in g.exit_code.
void add_key_commands(CLI::App& app, Globals& g);
void add_sign_commands(CLI::App& app, Globals& g);
void add_verify_commands(CLI::App& app, Globals& g);
void add_inspect_commands(CLI::App& app, Globals& g);
void add_trust_commands(CLI::App& app, Globals& g);
void add_history_commands(CLI::App& app, Globals& g);
void add_check_commands(CLI::App& app, Globals& g);
void add_anchor_commands(CLI::App& app, Globals& g);
void add_log_commands(CLI::App& app, Globals& g);
void add_completion_commands(CLI::App& app, Globals& g);

}  // namespace hallmark::cli
