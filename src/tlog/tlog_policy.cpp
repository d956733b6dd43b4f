#include "hallmark/tlog_policy.h"

#include <algorithm>

#include "text.h"

namespace hallmark::tlog {
namespace {}  // namespace

Result<Policy> Policy::parse(std::string_view text) {
  if (text.size() > kMaxPolicySize) {
    return corrupt("policy is larger than " + std::to_string(kMaxPolicySize) + " bytes");
  }
  Policy p;
  bool have_quorum = false;
  std::vector<std::string> names;  // Witnesses and groups share one namespace.
  const auto defined = [&](std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  const auto duplicate_key = [&](const note::Verifier& key) {
    for (const PolicyLog& l : p.logs_) {
      if (l.key.key == key.key) {
        return true;
      }
    }
    for (const PolicyWitness& w : p.witnesses_) {
      if (w.key.key == key.key) {
        return true;
      }
    }
    return false;
  };
  size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const size_t eol = text.find('\n');
    const std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    const std::string where = "policy line " + std::to_string(line_no);
    for (char c : line) {
      const auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && c != '\t') || u == 0x7f) {
        return corrupt(where + ": control character");
      }
    }
    const std::vector<std::string_view> f = hallmark::text::split_words(line);
    if (f.empty() || f[0][0] == '#') {
      continue;
    }
    if (p.logs_.size() + p.witnesses_.size() + p.groups_.size() >= 3 * kMaxPolicyItems) {
      return corrupt(where + ": too many definitions");
    }
    if (f[0] == "log") {
      if (f.size() < 2 || f.size() > 3) {
        return corrupt(where + ": want \"log <vkey> [<url>]\"");
      }
      Result<note::Verifier> key = note::parse_verifier(f[1]);
      if (!key.ok()) {
        return key.status().with_context(where);
      }
      if (key->type != note::KeyType::kEd25519) {
        return unsupported(where + ": log key is not an Ed25519 note key");
      }
      if (duplicate_key(*key)) {
        return corrupt(where + ": duplicate key");
      }
      if (p.logs_.size() >= kMaxPolicyItems) {
        return corrupt(where + ": more than " + std::to_string(kMaxPolicyItems) + " logs");
      }
      p.logs_.push_back({*key, f.size() == 3 ? std::string(f[2]) : ""});
    } else if (f[0] == "witness") {
      if (f.size() < 3 || f.size() > 4) {
        return corrupt(where + ": want \"witness <name> <vkey> [<url>]\"");
      }
      if (f[1] == "none" || defined(f[1])) {
        return corrupt(where + ": name " + std::string(f[1]) + " is already defined");
      }
      Result<note::Verifier> key = note::parse_verifier(f[2]);
      if (!key.ok()) {
        return key.status().with_context(where);
      }
      if (key->type != note::KeyType::kCosignatureV1) {
        return unsupported(where + ": witness key is not a cosignature/v1 key");
      }
      if (duplicate_key(*key)) {
        return corrupt(where + ": duplicate key");
      }
      if (p.witnesses_.size() >= kMaxPolicyItems) {
        return corrupt(where + ": more than " + std::to_string(kMaxPolicyItems) + " witnesses");
      }
      p.witnesses_.push_back({std::string(f[1]), *key, f.size() == 4 ? std::string(f[3]) : ""});
      names.emplace_back(f[1]);
    } else if (f[0] == "group") {
      if (f.size() < 4) {
        return corrupt(where + ": want \"group <name> <all|any|k> <name>...\"");
      }
      if (f[1] == "none" || defined(f[1])) {
        return corrupt(where + ": name " + std::string(f[1]) + " is already defined");
      }
      PolicyGroup g;
      g.name = std::string(f[1]);
      for (size_t i = 3; i < f.size(); ++i) {
        if (!defined(f[i])) {
          return corrupt(where + ": " + std::string(f[i]) + " is not defined on an earlier line");
        }
        if (std::find(g.members.begin(), g.members.end(), f[i]) != g.members.end()) {
          return corrupt(where + ": " + std::string(f[i]) + " is listed twice");
        }
        g.members.emplace_back(f[i]);
      }
      if (f[2] == "all") {
        g.threshold = g.members.size();
      } else if (f[2] == "any") {
        g.threshold = 1;
      } else {
        bool digits = !f[2].empty() && f[2].size() <= 4 && f[2][0] != '0';
        for (char c : f[2]) {
          digits = digits && c >= '0' && c <= '9';
        }
        if (!digits) {
          return corrupt(where + ": threshold is not all, any or a number");
        }
        g.threshold = std::stoul(std::string(f[2]));
        if (g.threshold < 1 || g.threshold > g.members.size()) {
          return corrupt(where + ": threshold must be between 1 and the number of members");
        }
      }
      if (p.groups_.size() >= kMaxPolicyItems) {
        return corrupt(where + ": more than " + std::to_string(kMaxPolicyItems) + " groups");
      }
      names.push_back(g.name);
      p.groups_.push_back(std::move(g));
    } else if (f[0] == "quorum") {
      if (f.size() != 2) {
        return corrupt(where + ": want \"quorum <name>\"");
      }
      if (have_quorum) {
        return corrupt(where + ": second quorum line");
      }
      if (f[1] != "none" && !defined(f[1])) {
        return corrupt(where + ": " + std::string(f[1]) + " is not defined on an earlier line");
      }
      p.quorum_ = std::string(f[1]);
      have_quorum = true;
    } else {
      return corrupt(where + ": unknown keyword \"" + std::string(f[0]) + "\"");
    }
  }
  if (!have_quorum) {
    return corrupt("policy has no quorum line");
  }
  return p;
}

Result<Policy> Policy::from_keys(std::span<const note::Verifier> keys) {
  std::string text;
  for (const note::Verifier& k : keys) {
    if (k.type == note::KeyType::kEd25519) {
      text += "log " + k.to_string() + "\n";
    } else {
      text += "witness " + k.name + " " + k.to_string() + "\n";
    }
  }
  text += "quorum none\n";
  return parse(text);
}

std::string Policy::to_string() const {
  std::string out;
  for (const PolicyLog& l : logs_) {
    out += "log " + l.key.to_string() + (l.url.empty() ? "" : " " + l.url) + "\n";
  }
  for (const PolicyWitness& w : witnesses_) {
    out +=
        "witness " + w.name + " " + w.key.to_string() + (w.url.empty() ? "" : " " + w.url) + "\n";
  }
  for (const PolicyGroup& g : groups_) {
    out += "group " + g.name + " " + std::to_string(g.threshold);
    for (const std::string& m : g.members) {
      out += " " + m;
    }
    out += "\n";
  }
  out += "quorum " + quorum_ + "\n";
  return out;
}

bool Policy::satisfied(const std::string& name, std::span<const std::string> cosigned,
                       int depth) const {
  if (std::find(cosigned.begin(), cosigned.end(), name) != cosigned.end()) {
    return true;
  }
  if (depth > static_cast<int>(kMaxPolicyItems)) {
    return false;  // Cannot happen: groups only name earlier definitions.
  }
  for (const PolicyGroup& g : groups_) {
    if (g.name == name) {
      size_t n = 0;
      for (const std::string& m : g.members) {
        n += satisfied(m, cosigned, depth + 1) ? 1 : 0;
      }
      return n >= g.threshold;
    }
  }
  return false;
}

Result<VerifiedCheckpoint> Policy::verify_checkpoint(std::string_view signed_note) const {
  HALLMARK_ASSIGN_OR_RETURN(note::Note parsed, note::parse(signed_note));
  Result<Checkpoint> checkpoint = parse_checkpoint(parsed.text);
  if (!checkpoint.ok()) {
    return checkpoint.status();
  }
  std::vector<note::Verifier> known;
  for (const PolicyLog& l : logs_) {
    if (l.key.name == checkpoint->origin) {
      known.push_back(l.key);
    }
  }
  if (known.empty()) {
    return not_found("no trusted log key for origin \"" + checkpoint->origin + "\"");
  }
  const size_t log_keys = known.size();
  for (const PolicyWitness& w : witnesses_) {
    known.push_back(w.key);
  }
  Result<note::Opened> opened = note::open(signed_note, known);
  if (!opened.ok()) {
    return opened.status().with_context("checkpoint");
  }
  VerifiedCheckpoint out;
  out.checkpoint = std::move(checkpoint).value();
  out.note = std::string(signed_note);
  bool log_signed = false;
  std::vector<std::string> cosigned;
  for (const note::VerifiedSignature& v : opened->verified) {
    bool is_log = false;
    for (size_t i = 0; i < log_keys; ++i) {
      is_log = is_log || known[i] == v.by;
    }
    if (is_log) {
      if (!log_signed) {
        out.log = v.by;
      }
      log_signed = true;
      continue;
    }
    for (const PolicyWitness& w : witnesses_) {
      if (w.key == v.by && v.timestamp) {
        out.cosignatures.push_back({w.name, w.key, *v.timestamp});
        cosigned.push_back(w.name);
        if (!out.time || *v.timestamp < *out.time) {
          out.time = *v.timestamp;
        }
      }
    }
  }
  if (!log_signed) {
    return verify_failed("checkpoint is not signed by the log \"" + out.checkpoint.origin + "\"");
  }
  if (quorum_ != "none" && !satisfied(quorum_, cosigned, 0)) {
    return verify_failed("checkpoint cosignatures do not satisfy the policy quorum " + quorum_);
  }
  return out;
}

}  // namespace hallmark::tlog
