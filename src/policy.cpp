#include "hallmark/policy.h"

#include <algorithm>

#include "hallmark/file_io.h"
#include "hallmark/note.h"
#include "text.h"

namespace hallmark {
namespace {

std::string_view unquote(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') {
    s = s.substr(1, s.size() - 2);
  }
  return s;
}

// A '#' outside double quotes starts a comment.
std::string_view strip_comment(std::string_view line) {
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') {
      quoted = !quoted;
    } else if (line[i] == '#' && !quoted) {
      return line.substr(0, i);
    }
  }
  return line;
}

Result<bool> parse_bool(std::string_view v) {
  if (v == "true") {
    return true;
  }
  if (v == "false") {
    return false;
  }
  return corrupt("expected true or false, got \"" + std::string(v) + "\"");
}

Result<std::vector<std::string>> parse_list(std::string_view v) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= v.size()) {
    const size_t comma = v.find(',', start);
    const std::string_view item = unquote(hallmark::text::trim(
        v.substr(start, comma == std::string_view::npos ? v.npos : comma - start)));
    if (item.empty()) {
      return corrupt("empty item in list");
    }
    out.emplace_back(item);
    if (comma == std::string_view::npos) {
      break;
    }
    start = comma + 1;
  }
  return out;
}

bool signer_matches(const SignerReport& s, const std::vector<std::string>& allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& a) {
    return (!s.name.empty() && a == s.name) || a == s.key.to_string();
  });
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) {
    out += (out.empty() ? "" : ", ") + s;
  }
  return out;
}

}  // namespace

Result<Policy> Policy::parse(std::string_view text, std::string_view file_name) {
  Policy policy;
  policy.file_name_ = std::string(file_name);
  Section* current = nullptr;
  std::vector<std::string> seen_keys;
  size_t line_no = 0;
  while (!text.empty()) {
    const size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    ++line_no;
    auto fail = [&](const std::string& why) {
      return corrupt(std::string(file_name) + ":" + std::to_string(line_no) + ": " + why);
    };
    line = hallmark::text::trim(strip_comment(line));
    if (line.empty()) {
      continue;
    }
    if (line.front() == '[') {
      if (line.back() != ']') {
        return fail("a section header ends with ']'");
      }
      const std::string_view inner = hallmark::text::trim(line.substr(1, line.size() - 2));
      Section s;
      if (inner == "defaults") {
        // Nothing to add: [defaults] has no glob.
      } else if (inner.rfind("path ", 0) == 0) {
        const std::string_view g = hallmark::text::trim(inner.substr(5));
        if (g.size() < 3 || g.front() != '"' || g.back() != '"') {
          return fail("expected [path \"GLOB\"]");
        }
        s.glob = Glob(std::string(g.substr(1, g.size() - 2)));
      } else {
        return fail("unknown section [" + std::string(inner) +
                    "] (expected [defaults] or [path \"GLOB\"])");
      }
      policy.sections_.push_back(std::move(s));
      current = &policy.sections_.back();
      seen_keys.clear();
      continue;
    }
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return fail("expected \"key = value\"");
    }
    const std::string key(hallmark::text::trim(line.substr(0, eq)));
    const std::string_view value = hallmark::text::trim(line.substr(eq + 1));
    if (current == nullptr) {
      return fail("\"" + key + "\" comes before any [defaults] or [path] section");
    }
    if (std::find(seen_keys.begin(), seen_keys.end(), key) != seen_keys.end()) {
      return fail("\"" + key + "\" is set twice in this section");
    }
    seen_keys.push_back(key);
    if (value.empty()) {
      return fail("\"" + key + "\" has no value");
    }
    Status bad;
    auto set_bool = [&](std::optional<bool>& slot) {
      Result<bool> b = parse_bool(unquote(value));
      if (!b.ok()) {
        bad = b.status();
      } else {
        slot = *b;
      }
    };
    auto set_list = [&](std::optional<std::vector<std::string>>& slot) {
      Result<std::vector<std::string>> l = parse_list(value);
      if (!l.ok()) {
        bad = l.status();
      } else {
        slot = std::move(l).value();
      }
    };
    if (key == "require_signer") {
      set_list(current->require_signer);
      current->require_signer_line = line_no;
    } else if (key == "log_keys") {
      set_list(current->log_keys);
      if (bad.ok() && current->log_keys) {
        for (const std::string& k : *current->log_keys) {
          if (Result<note::Verifier> v = note::parse_verifier(k); !v.ok()) {
            bad = v.status();
            break;
          }
        }
      }
    } else if (key == "allow_unsigned") {
      set_bool(current->allow_unsigned);
    } else if (key == "allow_verified_content") {
      set_bool(current->allow_verified_content);
    } else if (key == "allow_metadata_altered") {
      set_bool(current->allow_metadata_altered);
    } else if (key == "allow_appended_data") {
      set_bool(current->allow_appended_data);
    } else if (key == "require_receipt") {
      set_bool(current->require_receipt);
    } else if (key == "c2pa_allow_untrusted") {
      set_bool(current->c2pa_allow_untrusted);
    } else if (key == "ai") {
      const std::string_view v = unquote(value);
      if (v == "allow") {
        current->ai = AiRule::kAllow;
      } else if (v == "declared") {
        current->ai = AiRule::kDeclared;
      } else if (v == "refuse") {
        current->ai = AiRule::kRefuse;
      } else {
        bad = corrupt("ai must be allow, declared or refuse, got \"" + std::string(v) + "\"");
      }
    } else {
      return fail("unknown key \"" + key + "\"");
    }
    if (!bad.ok()) {
      return fail("\"" + key + "\": " + bad.message());
    }
  }
  return policy;
}

Result<Policy> Policy::load(const std::string& path) {
  Result<std::string> text = read_file(path, 1 << 20);
  HALLMARK_TRY(text);
  return parse(*text, path);
}

std::vector<std::string> Policy::warnings(const TrustStore& trust) const {
  std::vector<std::string> out;
  for (const Section& s : sections_) {
    if (!s.require_signer) {
      continue;
    }
    for (const std::string& name : *s.require_signer) {
      if (name.rfind("ed25519:", 0) == 0 || !trust.named(name).empty()) {
        continue;  // A key stands for itself; a listed name can be matched.
      }
      out.push_back(file_name_ + ":" + std::to_string(s.require_signer_line) +
                    ": require_signer names \"" + name +
                    "\", whom the trust store does not list: no file" +
                    (s.glob ? " under [path \"" + s.glob->pattern() + "\"]" : "") +
                    " can pass by " + name + "'s signature");
    }
  }
  return out;
}

Rules Policy::rules_for(std::string_view relative_path) const {
  Rules r;
  for (const Section& s : sections_) {
    if (s.glob && !s.glob->matches(relative_path)) {
      continue;
    }
    if (s.require_signer) {
      r.require_signer = *s.require_signer;
    }
    if (s.log_keys) {
      r.log_keys = *s.log_keys;
    }
    r.allow_unsigned = s.allow_unsigned.value_or(r.allow_unsigned);
    r.allow_verified_content = s.allow_verified_content.value_or(r.allow_verified_content);
    r.allow_metadata_altered = s.allow_metadata_altered.value_or(r.allow_metadata_altered);
    r.allow_appended_data = s.allow_appended_data.value_or(r.allow_appended_data);
    r.require_receipt = s.require_receipt.value_or(r.require_receipt);
    r.c2pa_allow_untrusted = s.c2pa_allow_untrusted.value_or(r.c2pa_allow_untrusted);
    r.ai = s.ai.value_or(r.ai);
  }
  return r;
}

std::vector<Violation> evaluate(const Rules& rules, const Report& r) {
  std::vector<Violation> out;
  switch (r.verdict) {
    case Verdict::kVerified:
      break;
    case Verdict::kVerifiedContent:
      if (!rules.allow_verified_content) {
        out.push_back({"verified-content",
                       "the content is as signed, but its metadata or container "
                       "changed, and this policy does not allow that"});
      }
      if (r.has_flag("metadata-altered") && !rules.allow_metadata_altered) {
        std::string what;
        if (r.media) {
          for (const ClaimChange& c : r.media->claims) {
            if (c.kind != ClaimChange::Kind::kRemoved) {
              what += (what.empty() ? ": " : ", ") + c.describe();
            }
          }
        }
        out.push_back({"metadata-altered", "the metadata contradicts the signed claims" + what});
      }
      if (r.has_flag("data-appended") && !rules.allow_appended_data) {
        out.push_back({"data-appended", std::to_string(r.media ? r.media->appended_bytes : 0) +
                                            " bytes after the end of the content were not signed"});
      }
      break;
    case Verdict::kUnsigned:
      if (!rules.allow_unsigned) {
        out.push_back({"unsigned", r.reason.empty() ? "no provenance" : r.reason});
      }
      return out;  // Nothing else to judge.
    default:
      out.push_back({std::string(verdict_name(r.verdict)), r.reason});
      return out;
  }
  if (!rules.require_signer.empty()) {
    const bool ok = std::any_of(r.signers.begin(), r.signers.end(), [&](const SignerReport& s) {
      return s.signature_valid && s.trust == TrustLevel::kTrusted &&
             signer_matches(s, rules.require_signer);
    });
    if (!ok) {
      out.push_back({"signer-not-allowed", "not signed by any of the required signers (" +
                                               join(rules.require_signer) + ")"});
    }
  }
  if (rules.ai == AiRule::kRefuse && (r.has_flag("ai-generated") || r.has_flag("contains-ai"))) {
    out.push_back({"ai-refused", r.has_flag("ai-generated")
                                     ? "declared AI-generated, which this policy refuses here"
                                     : "contains AI-generated material, which this policy refuses "
                                       "here"});
  }
  if (rules.ai == AiRule::kDeclared) {
    for (const HistoryLink& l : r.history) {
      if (l.manifest && l.manifest->source_type.empty()) {
        const std::string whose =
            l.depth == 0 ? "the manifest" : "ancestor " + l.manifest_id.substr(0, 19) + "…";
        out.push_back({"ai-undeclared", whose + " does not declare its digital source type (this "
                                                "policy requires AI generation to be declared)"});
        break;
      }
    }
  }
  if (rules.require_receipt && !r.has_flag("anchored")) {
    out.push_back({"receipt-missing",
                   "no transparency log receipt that verifies against the policy's log keys"});
  }
  return out;
}

}  // namespace hallmark
