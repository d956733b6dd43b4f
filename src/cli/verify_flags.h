// The flags that say how files are verified, shared by verify, history and check: the trust
// store, C2PA trust, and transparency logs.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "hallmark/trust.h"
#include "hallmark/verify.h"

namespace hallmark::cli {

struct VerifyFlags {
  std::string trust;  // --trust FILE
  std::vector<std::string> c2pa_trust;
  std::string c2pa_sidecar;
  std::vector<std::string> fragments;
  bool allow_untrusted = false;
  std::string log_dir;
  std::vector<std::string> log_keys;
  std::string log_policy;
  bool offline = false;
};

// Adds --trust, --log, --log-key, --log-policy, --offline, --c2pa-trust, --allow-untrusted
// to `cmd`; with `per_file`, also --c2pa-sidecar and --fragment (which name one file's parts).
void add_verify_flags(CLI::App* cmd, VerifyFlags& flags, bool per_file);

// What the flags ask for: the trust store they name (or the default one) and VerifyOptions
// (the log policy is read here). Errors name the file.
struct Verification {
  TrustStore trust;
  std::string trust_path;
  VerifyOptions options;
};
Result<Verification> prepare_verification(const VerifyFlags& flags);

}  // namespace hallmark::cli
