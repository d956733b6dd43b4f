// Policies for `hallmark check` (man/hallmark-policy.5): per-path rules about who must have
// signed, receipts, changed containers, AI-generated content and unsigned files, and their
// evaluation against a verification Report. Values; thread-safe once parsed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/glob.h"
#include "hallmark/status.h"
#include "hallmark/trust.h"
#include "hallmark/verify.h"

namespace hallmark {

enum class AiRule { kAllow, kDeclared, kRefuse };

// The rules that apply to one file.
struct Rules {
  std::vector<std::string> require_signer;  // Trust-store names or "ed25519:" keys; empty: any.
  bool allow_unsigned = false;
  bool allow_verified_content = true;
  bool allow_metadata_altered = false;  // A signed claim (date, camera, caption) contradicted.
  bool allow_appended_data = false;     // Bytes after the image or container, not signed.
  AiRule ai = AiRule::kAllow;
  bool require_receipt = false;
  std::vector<std::string> log_keys;  // C2SP verifier keys whose receipts count.
  bool c2pa_allow_untrusted = false;
};

// One reason a file fails its rules.
struct Violation {
  std::string rule;     // A stable id: the verdict name, "signer-not-allowed", "ai-refused", ...
  std::string message;  // For people.
};

class Policy {
 public:
  // The built-in policy: the defaults of Rules for every file.
  Policy() = default;
  // Parses the format of hallmark-policy(5); kCorrupt naming "<file>:<line>" otherwise.
  static Result<Policy> parse(std::string_view text, std::string_view file_name);
  static Result<Policy> load(const std::string& path);

  // The rules for a file at `relative_path` ('/'-separated, relative to its check root).
  Rules rules_for(std::string_view relative_path) const;

  // What looks wrong next to `trust`, one message per problem ("policy:3: require_signer
  // names \"bob\", whom the trust store does not list: ..."): a required signer name that no
  // trusted key has, so that no file the rule covers can pass. Not errors: a store may be
  // filled in later.
  std::vector<std::string> warnings(const TrustStore& trust) const;

 private:
  // A section's settings: only the keys it names.
  struct Section {
    std::optional<Glob> glob;  // Absent for [defaults].
    std::optional<std::vector<std::string>> require_signer, log_keys;
    std::optional<bool> allow_unsigned, allow_verified_content, allow_metadata_altered,
        allow_appended_data, require_receipt, c2pa_allow_untrusted;
    std::optional<AiRule> ai;
    size_t require_signer_line = 0;  // Where require_signer is set, for warnings.
  };
  std::vector<Section> sections_;
  std::string file_name_;
};

// Every way `report` falls short of `rules`; empty means the file passes.
std::vector<Violation> evaluate(const Rules& rules, const Report& report);

}  // namespace hallmark
