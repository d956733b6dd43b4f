#include "cli/output.h"

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "hallmark/manifest.h"

namespace hallmark::cli {
namespace {

using json = nlohmann::ordered_json;

std::string trust_word(TrustLevel t) {
  switch (t) {
    case TrustLevel::kTrusted:
      return "trusted";
    case TrustLevel::kOutsideWindow:
      return "outside-validity-window";
    case TrustLevel::kRevoked:
      return "revoked";
    case TrustLevel::kUnknown:
      return "untrusted";
  }
  return "untrusted";
}

// "alice (trusted)", or "\"alice\" (untrusted key 1a2b3c4d5e6f7a8b)" when the name is only
// the signer's own claim.
std::string signer_phrase(const SignerReport& s, const Report& r) {
  if (s.trust == TrustLevel::kTrusted) {
    return s.name + " (trusted)";
  }
  std::string claimed = s.name;
  if (claimed.empty() && s.creator && r.manifest) {
    claimed = r.manifest->creator.name;
  }
  const std::string who = claimed.empty() ? "key " + s.key.id() : "\"" + claimed + "\"";
  switch (s.trust) {
    case TrustLevel::kOutsideWindow:
      return who + " (trusted, but not at the time it signed)";
    case TrustLevel::kRevoked:
      return who + " (revoked key " + s.key.id() + ")";
    default:
      return who + " (untrusted key " + s.key.id() + ")";
  }
}

std::string signed_by(const Report& r) {
  std::string out;
  for (const SignerReport& s : r.signers) {
    if (!s.creator) {
      continue;
    }
    out = "signed by " + signer_phrase(s, r);
  }
  if (r.manifest) {
    out += " on " + r.manifest->created.substr(0, 10);
  }
  for (const SignerReport& s : r.signers) {
    if (!s.creator) {
      out += ", countersigned by " + signer_phrase(s, r);
    }
  }
  return out;
}

std::string byte_range(const ByteRange& b) {
  return std::to_string(b.begin) + "–" + std::to_string(b.end - 1);
}

std::string first_line_text(const Report& r) {
  switch (r.verdict) {
    case Verdict::kVerified:
    case Verdict::kVerifiedContent:
    case Verdict::kUntrustedSigner:
    case Verdict::kRevokedSigner:
      return signed_by(r);
    case Verdict::kTampered: {
      std::string who = "the signer";
      for (const SignerReport& s : r.signers) {
        if (s.creator) {
          who = s.trust == TrustLevel::kTrusted ? s.name : signer_phrase(s, r);
        }
      }
      if (r.changed_bytes.size() == 1) {
        return "bytes " + byte_range(r.changed_bytes[0]) + " differ from what " + who + " signed";
      }
      if (r.changed_bytes.size() > 1) {
        return std::to_string(r.changed_bytes.size()) + " byte ranges differ from what " + who +
               " signed";
      }
      return "the file differs from what " + who + " signed";
    }
    default:
      return r.reason;
  }
}

}  // namespace

int exit_code_of(const std::vector<Outcome>& outcomes) {
  int code = kExitOk;
  for (const Outcome& o : outcomes) {
    if (!o.report.ok()) {
      return kExitError;
    }
    if (!o.report->verified()) {
      code = kExitNotVerified;
    }
  }
  return code;
}

std::string human_size(uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  if (u == 0) {
    return std::to_string(bytes) + " B";
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
  return buf;
}

std::vector<std::string> render_text(const Report& r, bool verbose) {
  std::vector<std::string> lines;
  const char* symbol = r.verified() ? "✔" : "✘";
  std::string first = r.file + ": " + symbol + " " + std::string(verdict_name(r.verdict));
  const std::string text = first_line_text(r);
  if (!text.empty()) {
    first += " — " + text;
  }
  if (!r.flags.empty()) {
    first += " [";
    for (size_t i = 0; i < r.flags.size(); ++i) {
      first += (i ? ", " : "") + r.flags[i];
    }
    first += "]";
  }
  lines.push_back(first);
  if (r.has_flag("ai-generated")) {
    lines.push_back("  ! AI-generated (declared: " + r.manifest->source_type + ")");
  }
  if (r.verdict == Verdict::kTampered) {
    const size_t shown = std::min<size_t>(r.changed_bytes.size(), verbose ? SIZE_MAX : 10);
    for (size_t i = 0; i < shown; ++i) {
      lines.push_back("  changed bytes " + byte_range(r.changed_bytes[i]) + " (" +
                      human_size(r.changed_bytes[i].end - r.changed_bytes[i].begin) + ")");
    }
    if (shown < r.changed_bytes.size()) {
      lines.push_back("  ... and " + std::to_string(r.changed_bytes.size() - shown) +
                      " more ranges (--verbose shows all)");
    }
  }
  if (verbose && r.manifest) {
    const Manifest& m = *r.manifest;
    lines.push_back("  manifest " + r.manifest_id);
    lines.push_back("  bundle   " + r.bundle);
    lines.push_back("  created  " + m.created + (m.title.empty() ? "" : "  title " + m.title));
    if (!m.source_type.empty()) {
      lines.push_back("  source   " + m.source_type);
    }
    std::string actions;
    for (const Action& a : m.actions) {
      actions += (actions.empty() ? "" : ", ") + a.action +
                 (a.description.empty() ? "" : " (" + a.description + ")");
    }
    lines.push_back("  actions  " + actions);
    for (const SignerReport& s : r.signers) {
      lines.push_back(std::string("  signer   ") + (s.creator ? "creator " : "counter ") +
                      s.key.to_string() + " " + (s.name.empty() ? "-" : s.name) + ", signature " +
                      (s.signature_valid ? "valid" : "INVALID") + ", " + trust_word(s.trust));
    }
    if (m.file) {
      lines.push_back("  binding  file: " + std::to_string(m.file->size) + " bytes in chunks of " +
                      human_size(m.file->chunk_size) + ", root " + to_hex(m.file->root) +
                      (r.file_root_matches ? " (matches)" : " (DIFFERS)"));
    }
  }
  return lines;
}

std::string render_json(const std::vector<Outcome>& outcomes) {
  json files = json::array();
  size_t verified = 0, failed = 0, errors = 0;
  for (const Outcome& o : outcomes) {
    json f = {{"file", o.file}};
    if (!o.report.ok()) {
      ++errors;
      f["verdict"] = nullptr;
      f["verified"] = false;
      f["error"] = {{"code", std::string(code_name(o.report.status().code()))},
                    {"message", o.report.status().message()}};
      files.push_back(std::move(f));
      continue;
    }
    const Report& r = *o.report;
    r.verified() ? ++verified : ++failed;
    f["bundle"] = r.bundle.empty() ? json(nullptr) : json(r.bundle);
    f["verdict"] = std::string(verdict_name(r.verdict));
    f["verified"] = r.verified();
    f["flags"] = r.flags;
    f["reason"] = r.reason;
    f["summary"] = render_text(r, false).front();
    if (r.manifest) {
      f["manifest_id"] = r.manifest_id;
      f["manifest"] = json::parse(canonical_manifest(*r.manifest));
      json signers = json::array();
      for (const SignerReport& s : r.signers) {
        signers.push_back({{"key", s.key.to_string()},
                           {"id", s.key.id()},
                           {"name", s.name.empty() ? json(nullptr) : json(s.name)},
                           {"role", s.creator ? "creator" : "countersigner"},
                           {"signature_valid", s.signature_valid},
                           {"trust", trust_word(s.trust)}});
      }
      f["signers"] = std::move(signers);
      json file_binding = {
          {"size", r.file_size}, {"chunk_size", r.chunk_size}, {"matches", r.file_root_matches}};
      json ranges = json::array();
      for (const ByteRange& b : r.changed_bytes) {
        ranges.push_back({{"begin", b.begin}, {"end", b.end}});
      }
      file_binding["changed_bytes"] = std::move(ranges);
      f["bindings"] = {{"file", std::move(file_binding)}};
    }
    files.push_back(std::move(f));
  }
  json doc = {{"hallmark_report", 1},
              {"generator", std::string("hallmark/") + HALLMARK_VERSION},
              {"files", std::move(files)},
              {"summary",
               {{"files", outcomes.size()},
                {"verified", verified},
                {"not_verified", failed},
                {"errors", errors}}}};
  return doc.dump(2) + "\n";
}

}  // namespace hallmark::cli
