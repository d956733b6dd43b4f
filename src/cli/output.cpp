#include "cli/output.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "hallmark/manifest.h"

namespace hallmark::cli {
namespace {

using json = Json;

}  // namespace

std::string signer_phrase(const SignerReport& s, const Manifest* m) {
  if (s.trust == TrustLevel::kTrusted) {
    return s.name + " (trusted)";
  }
  std::string claimed = s.name;
  if (claimed.empty() && s.creator && m != nullptr) {
    claimed = m->creator.name;
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

std::string action_words(const Manifest& m) {
  std::string out;
  for (const Action& a : m.actions) {
    if (a.action == "c2pa.created" || a.action == "c2pa.opened") {
      continue;
    }
    std::string word = a.action.rfind("c2pa.", 0) == 0 ? a.action.substr(5) : a.action;
    std::replace(word.begin(), word.end(), '_', ' ');
    if (!a.description.empty()) {
      word += " (" + a.description + ")";
    }
    out += (out.empty() ? "" : ", ") + word;
  }
  return out;
}

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

namespace {

std::string creator_phrase(const HistoryLink& link) {
  for (const SignerReport& s : link.signers) {
    if (s.creator) {
      return signer_phrase(s, link.manifest ? &*link.manifest : nullptr);
    }
  }
  return "an unknown signer";
}

// "signed by alice (trusted) on 2026-11-20, edited by newsroom (trusted): cropped,
// countersigned by publisher (trusted)": the original along the parentOf line, then each
// edit up to the file, then the file's countersigners.
std::string signed_by(const Report& r) {
  if (r.history.empty() || !r.history.front().manifest) {
    return "";
  }
  // Follow the first parentOf parent from the file back to the original.
  std::vector<const HistoryLink*> line = {&r.history.front()};
  for (size_t i = 1; i < r.history.size(); ++i) {
    const HistoryLink& l = r.history[i];
    if (l.manifest && l.relationship == "parentOf" && l.child_id == line.back()->manifest_id) {
      line.push_back(&l);
    }
  }
  const HistoryLink& original = *line.back();
  std::string out =
      "signed by " + creator_phrase(original) + " on " + original.manifest->created.substr(0, 10);
  for (size_t i = line.size() - 1; i-- > 0;) {
    const std::string actions = action_words(*line[i]->manifest);
    out += ", edited by " + creator_phrase(*line[i]) + (actions.empty() ? "" : ": " + actions);
  }
  if (line.size() == 1) {
    const std::string actions = action_words(*original.manifest);
    if (!actions.empty()) {
      out += ", " + actions;
    }
  }
  for (const SignerReport& s : r.history.front().signers) {
    if (!s.creator) {
      out += ", countersigned by " + signer_phrase(s, &*r.history.front().manifest);
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
          who = s.trust == TrustLevel::kTrusted ? s.name : signer_phrase(s, &*r.manifest);
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
  if (r.has_flag("contains-ai")) {
    for (size_t i = 1; i < r.history.size(); ++i) {
      const HistoryLink& l = r.history[i];
      if (l.manifest && is_ai_source_type(l.manifest->source_type)) {
        lines.push_back("  ! contains AI-generated material (" + l.relationship + " " +
                        l.manifest_id.substr(0, 19) + "… declares " + l.manifest->source_type +
                        ")");
      }
    }
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

namespace {

json signers_json(const std::vector<SignerReport>& signers) {
  json out = json::array();
  for (const SignerReport& s : signers) {
    out.push_back({{"key", s.key.to_string()},
                   {"id", s.key.id()},
                   {"name", s.name.empty() ? json(nullptr) : json(s.name)},
                   {"role", s.creator ? "creator" : "countersigner"},
                   {"signature_valid", s.signature_valid},
                   {"trust", trust_word(s.trust)}});
  }
  return out;
}

json links_json(const Report& r) {
  json links = json::array();
  for (const HistoryLink& l : r.history) {
    json j = {{"manifest_id", l.manifest_id},
              {"depth", l.depth},
              {"child", l.child_id.empty() ? json(nullptr) : json(l.child_id)},
              {"relationship", l.relationship.empty() ? json(nullptr) : json(l.relationship)},
              {"status", std::string(link_status_name(l.status))},
              {"verified", l.status == LinkStatus::kVerified},
              {"reason", l.reason}};
    if (l.manifest) {
      const Manifest& m = *l.manifest;
      json actions = json::array();
      for (const Action& a : m.actions) {
        actions.push_back(a.description.empty()
                              ? json{{"action", a.action}}
                              : json{{"action", a.action}, {"description", a.description}});
      }
      j["created"] = m.created;
      j["title"] = m.title;
      j["creator"] = {{"name", m.creator.name}, {"key", m.creator.key.to_string()}};
      j["source_type"] = m.source_type.empty() ? json(nullptr) : json(m.source_type);
      j["ai_generated"] = is_ai_source_type(m.source_type);
      j["actions"] = std::move(actions);
      j["signers"] = signers_json(l.signers);
    }
    links.push_back(std::move(j));
  }
  return links;
}

}  // namespace

std::string render_history_json(const Report& r) {
  const json doc = {{"hallmark_history", 1},
                    {"file", r.file},
                    {"verdict", std::string(verdict_name(r.verdict))},
                    {"flags", r.flags},
                    {"links", links_json(r)}};
  return doc.dump(2) + "\n";
}

Json report_file_json(const std::string& file, const Result<Report>& result) {
  json f = {{"file", file}};
  if (!result.ok()) {
    f["verdict"] = nullptr;
    f["verified"] = false;
    f["error"] = {{"code", std::string(code_name(result.status().code()))},
                  {"message", result.status().message()}};
    return f;
  }
  const Report& r = *result;
  f["bundle"] = r.bundle.empty() ? json(nullptr) : json(r.bundle);
  f["verdict"] = std::string(verdict_name(r.verdict));
  f["verified"] = r.verified();
  f["flags"] = r.flags;
  f["reason"] = r.reason;
  f["summary"] = render_text(r, false).front();
  if (r.manifest) {
    f["manifest_id"] = r.manifest_id;
    f["manifest"] = json::parse(canonical_manifest(*r.manifest));
    f["signers"] = signers_json(r.signers);
    f["history"] = links_json(r);
    json file_binding = {
        {"size", r.file_size}, {"chunk_size", r.chunk_size}, {"matches", r.file_root_matches}};
    json ranges = json::array();
    for (const ByteRange& b : r.changed_bytes) {
      ranges.push_back({{"begin", b.begin}, {"end", b.end}});
    }
    file_binding["changed_bytes"] = std::move(ranges);
    f["bindings"] = {{"file", std::move(file_binding)}};
  }
  return f;
}

std::string render_json(const std::vector<Outcome>& outcomes) {
  json files = json::array();
  size_t verified = 0, failed = 0, errors = 0;
  for (const Outcome& o : outcomes) {
    if (!o.report.ok()) {
      ++errors;
    } else if (o.report->verified()) {
      ++verified;
    } else {
      ++failed;
    }
    files.push_back(report_file_json(o.file, o.report));
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
