// The human text of verification (cli/output.h): a first line per file, then details.
#include <algorithm>

#include "cli/command.h"
#include "cli/output.h"
#include "hallmark/manifest.h"
#include "hallmark/rfc3339.h"

namespace hallmark::cli {
namespace {

using json = Json;

}  // namespace

namespace {

// "a021c3d4e5f60718, 77ab..." : the ids of the keys the store lists under a shared name.
std::string key_ids(const std::vector<keys::PublicKey>& keys) {
  std::string out;
  for (const keys::PublicKey& k : keys) {
    out += (out.empty() ? "" : ", ") + k.id();
  }
  return out;
}

// An unknown creator key that claims a name the reader trusts for other keys.
bool impostor(const SignerReport& s) {
  return s.creator && s.trust == TrustLevel::kUnknown && !s.same_name.empty();
}

// `claims to be "alice", but is not the alice you trust (key 6c01... ≠ a021...)`. The claimed
// name is one the trust store lists, so a plain key name.
std::string impostor_claim(const SignerReport& s, const std::string& claimed) {
  return "claims to be \"" + claimed + "\", but is not the " + claimed + " you trust (key " +
         s.key.id() + " ≠ " + key_ids(s.same_name) + ")";
}

}  // namespace

std::string signer_phrase(const SignerReport& s, const Manifest* m) {
  if (s.trust == TrustLevel::kTrusted) {
    // Two keys under one name: say which one signed.
    return s.name + (s.same_name.empty() ? " (trusted)" : " (trusted, key " + s.key.id() + ")");
  }
  std::string claimed = s.name;
  if (claimed.empty() && s.creator && m != nullptr) {
    claimed = m->creator.name;
  }
  // A name is only a claim: the key says who it is. Without a name, the key is the name.
  const std::string who = claimed.empty() ? "key " + s.key.id() : "\"" + claimed + "\"";
  if (impostor(s)) {
    return who + " (not the " + claimed + " you trust: key " + s.key.id() + " ≠ " +
           key_ids(s.same_name) + ")";
  }
  const std::string key = claimed.empty() ? "" : " key " + s.key.id();
  switch (s.trust) {
    case TrustLevel::kOutsideWindow:
      return who + " (trusted, but not at the time it signed)";
    case TrustLevel::kRevoked:
      return who + " (revoked" + key + ")";
    default:
      return who + " (untrusted" + key + ")";
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
  // Edits from the oldest to the file's own; a long history keeps its first and last two, so
  // the line stays one a person can read (hallmark history shows every link).
  const size_t edits = line.size() - 1;
  for (size_t k = 0; k < edits; ++k) {
    if (edits > 4 && k == 1) {
      out += ", … " + std::to_string(edits - 3) + " more edits";
      k = edits - 2;
    }
    const HistoryLink& link = *line[edits - 1 - k];
    const std::string actions = action_words(*link.manifest);
    out += ", edited by " + creator_phrase(link) + (actions.empty() ? "" : ": " + actions);
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

// 19922944 as "19,922,944".
std::string with_commas(uint64_t n) {
  std::string digits = std::to_string(n);
  for (int i = int(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(size_t(i), ",");
  }
  return digits;
}

std::string byte_range(const ByteRange& b) {
  return std::to_string(b.begin) + "–" + std::to_string(b.end - 1);
}

// "4.00–4.96 s", or "at 4.62 s" for one moment; times before the start show as 0.
std::string seconds_span(double a, double b) {
  char sa[32], sb[32];
  std::snprintf(sa, sizeof sa, "%.2f", std::max(a, 0.0));
  std::snprintf(sb, sizeof sb, "%.2f", std::max(b, 0.0));
  return std::string(sa) == sb ? std::string("at ") + sa + " s" : std::string(sa) + "–" + sb + " s";
}

// "video 4.00–5.96 s", "audio 37 packets inserted at 8.74 s", "audio#1 packets 3–9", "image
// unit 7 (scan 0)": one changed region for people, in what a viewer sees when known, on the
// signed timeline.
std::string change_phrase(const media::ChangedRange& c) {
  std::string stream = c.stream;
  if (stream.size() > 2 && stream.compare(stream.size() - 2, 2, "#0") == 0) {
    stream.resize(stream.size() - 2);
  }
  if (c.count == 0 && c.start_seconds) {
    return stream + " " + std::to_string(c.actual_count) + " " + c.noun +
           (c.actual_count == 1 ? "" : "s") + " inserted " +
           seconds_span(*c.start_seconds, *c.start_seconds);
  }
  if (c.visible_start_seconds && c.visible_end_seconds) {
    return stream + " " + seconds_span(*c.visible_start_seconds, *c.visible_end_seconds);
  }
  if (c.start_seconds && c.end_seconds) {
    return stream + " " + seconds_span(*c.start_seconds, *c.end_seconds);
  }
  const std::string d = c.describe();  // "image#0 units 0–1 (IHDR, IDAT)"
  return stream + d.substr(std::min(d.size(), c.stream.size()));
}

// What changed in a file whose content is as signed: "remuxed mp4 → matroska", "metadata".
std::string container_change(const Report& r) {
  if (!r.media) {
    return "";
  }
  const MediaReport& m = *r.media;
  std::vector<std::string> what;
  if (m.remuxed) {
    what.push_back(m.format == m.signed_format ? "container rewritten (" + m.format + ")"
                                               : "remuxed " + m.signed_format + " → " + m.format);
  }
  if (m.metadata_stripped) {
    what.push_back("metadata stripped");
  } else if (m.metadata_changed || m.rendering_changed) {
    what.push_back("metadata changed");
  }
  if (m.appended_bytes > 0) {
    what.push_back(std::to_string(m.appended_bytes) + " bytes appended");
  }
  std::string out;
  for (const std::string& w : what) {
    out += (out.empty() ? "" : ", ") + w;
  }
  return out;
}

// What hallmark's own manifest says about the file, as the first line words it for `verdict`.
std::string manifest_text(const Report& r, Verdict verdict) {
  switch (verdict) {
    case Verdict::kUntrustedSigner:
      for (const SignerReport& s : r.signers) {
        if (impostor(s) && r.manifest) {
          return impostor_claim(s, r.manifest->creator.name);
        }
      }
      return signed_by(r);
    case Verdict::kVerified:
    case Verdict::kRevokedSigner:
      return signed_by(r);
    case Verdict::kVerifiedContent: {
      if (r.media && r.media->metadata_altered) {
        // Name the first contradicted claim; the detail lines list them all.
        std::string what = "the metadata says otherwise than was signed";
        for (const ClaimChange& c : r.media->claims) {
          if (c.kind != ClaimChange::Kind::kRemoved) {
            what = c.describe();
            break;
          }
        }
        return signed_by(r) +
               "; the content is as signed, but its metadata contradicts the "
               "signed claims (" +
               what + ")";
      }
      const std::string changed = container_change(r);
      return signed_by(r) + "; the content is as signed" +
             (changed.empty() ? "" : " (" + changed + ")");
    }
    case Verdict::kTampered: {
      std::string who = "the signer";
      for (const SignerReport& s : r.signers) {
        if (s.creator) {
          who = s.trust == TrustLevel::kTrusted ? s.name : signer_phrase(s, &*r.manifest);
        }
      }
      if (r.history.size() > 1 && r.file_root_matches) {
        return r.reason;  // The file is as signed; its history is not.
      }
      if (r.media && r.media->content_matches && !r.media->timing.empty()) {
        const auto& timing = r.media->timing;
        return timing.front().describe() +
               (timing.size() > 1 ? " (and " + std::to_string(timing.size() - 1) + " more)" : "");
      }
      if (r.media && !r.media->changes.empty()) {
        const auto& changes = r.media->changes;
        if (changes.size() == 1) {
          if (changes[0].count == 0) {
            return change_phrase(changes[0]) + " into what " + who + " signed";
          }
          const bool several = changes[0].count > 1 && !changes[0].start_seconds;
          return change_phrase(changes[0]) + (several ? " differ" : " differs") + " from what " +
                 who + " signed";
        }
        return change_phrase(changes[0]) + " and " + std::to_string(changes.size() - 1) + " more " +
               (changes.size() == 2 ? "range differ" : "ranges differ") + " from what " + who +
               " signed";
      }
      if (r.manifest && r.manifest->file && r.file_size < r.manifest->file->size) {
        return "the file is " + with_commas(r.manifest->file->size - r.file_size) +
               " bytes shorter than " + who + " signed";
      }
      if (r.media) {
        return "the media content differs from what " + who + " signed";
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
      return r.manifest_judgement ? r.manifest_judgement->reason : r.reason;
  }
}

bool good(Verdict v) {
  return v == Verdict::kVerified || v == Verdict::kVerifiedContent;
}

// "alice (trusted)", "\"mallory\" (untrusted key 1a2b...)": who a log entry says signed.
std::string log_claimant(const LogClaim& c) {
  if (!c.signature_valid) {
    return "\"" + c.creator + "\" (invalid signature)";
  }
  if (c.trust == TrustLevel::kTrusted) {
    return c.trusted_name + " (trusted)";
  }
  return "\"" + c.creator + "\" (" +
         (c.trust == TrustLevel::kRevoked ? std::string("revoked") : std::string("untrusted")) +
         " key " + c.key.id() + ")";
}

// "recovered from the log: signed by alice (trusted), anchored at index 7 on 2026-12-01; also
// claimed by "mallory" (untrusted key ...), anchored earlier at index 3".
std::string recovery_line(const Report& r) {
  const LogClaim& got = *r.recovered;
  std::string line = "recovered from the log: signed by " + log_claimant(got) +
                     ", anchored at index " + std::to_string(got.index) + " on " +
                     got.created.substr(0, 10);
  for (const LogClaim& o : r.other_claims) {
    line += "; also claimed by " + log_claimant(o) + ", anchored " +
            (o.index < got.index ? "earlier" : "later") + " at index " + std::to_string(o.index);
  }
  return line;
}

std::string first_line_text(const Report& r) {
  if (!r.manifest_judgement && r.c2pa && r.c2pa->manifest_present) {  // Judged on C2PA alone.
    if (!r.reason.empty()) {
      return r.reason;
    }
    const std::string signer =
        r.c2pa->manifests.empty() ? std::string("?") : r.c2pa->manifests.front().signer;
    return "C2PA Content Credentials signed by " + signer;
  }
  if (!r.manifest_judgement) {
    return r.reason;
  }
  const Verdict own = r.manifest_judgement->verdict;
  if (r.c2pa_judgement && r.c2pa && (!good(own) || !good(r.c2pa_judgement->verdict))) {
    // Two sources that disagree: each finding is said with the source it comes from, so that
    // a broken C2PA store does not read as the hallmark signer's fault, nor the other way.
    std::string who = "the signer";
    if (r.manifest) {
      for (const SignerReport& s : r.signers) {
        if (s.creator) {
          who = s.trust == TrustLevel::kTrusted ? s.name : "\"" + r.manifest->creator.name + "\"";
        }
      }
    }
    const std::string own_text = good(own) ? "content as signed" : manifest_text(r, own);
    return who + "'s signature: " + own_text + "; embedded C2PA: " + c2pa_text(*r.c2pa);
  }
  return manifest_text(r, own);
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
    // Say who declared it: the hallmark manifest, or the C2PA store (never an empty term).
    std::string declared;
    if (r.manifest && is_ai_source_type(r.manifest->source_type)) {
      declared = "declared: " + r.manifest->source_type;
    } else if (r.c2pa) {
      for (const C2paManifestSummary& m : r.c2pa->manifests) {
        for (const C2paAction& a : m.actions) {
          const std::string term = short_source_type(a.digital_source_type);
          if (declared.empty() && is_ai_source_type(term)) {
            declared = "declared in C2PA: " + term;
          }
        }
      }
    }
    lines.push_back("  ! AI-generated" + (declared.empty() ? "" : " (" + declared + ")"));
  }
  if (r.recovered) {
    lines.push_back("  " + recovery_line(r));
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
  if (r.c2pa) {
    for (const std::string& line : c2pa_lines(*r.c2pa, verbose)) {
      lines.push_back(line);
    }
  }
  if (r.media) {
    for (const media::ChangedRange& c : r.media->changes) {
      lines.push_back("  changed " + c.describe() + (c.aux_only ? " (side information only)" : ""));
    }
    for (const std::string& f : r.media->findings) {
      lines.push_back("  " + f);
    }
  }
  for (const ReceiptReport& rr : r.receipts) {
    if (rr.verified && !verbose) {
      continue;
    }
    std::string line = "  receipt: ";
    if (rr.verified) {
      line += "anchored in " + rr.origin + " at index " + std::to_string(rr.index) + " of " +
              std::to_string(rr.tree_size) +
              (rr.time ? ", logged by " + format_rfc3339(static_cast<int64_t>(*rr.time)) : "");
    } else {
      line +=
          (rr.origin.empty() ? std::string("") : rr.origin + ": ") + "not checked: " + rr.problem;
    }
    lines.push_back(line);
  }
  if (r.verdict == Verdict::kTampered &&
      !(r.media && (!r.media->changes.empty() || r.media->content_matches))) {
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
    if (m.media) {
      std::string streams;
      for (const MediaStreamInfo& st : m.media->streams) {
        streams += (streams.empty() ? "" : ", ") + st.kind + "#" + std::to_string(st.ordinal) +
                   " " + st.codec + " (" + std::to_string(st.leaf_count) + ")";
      }
      lines.push_back("  binding  media: " + m.media->format + ", " + streams + ", root " +
                      to_hex(m.media->content_root) +
                      (r.file_root_matches                   ? " (matches)"
                       : r.media && r.media->content_matches ? " (content matches)"
                                                             : " (DIFFERS)"));
    }
  }
  return lines;
}

std::vector<std::string> render_tree(const std::vector<TreeRow>& rows) {
  std::vector<std::string> out;
  std::vector<bool> more_at_depth;  // Whether a later sibling follows at each depth.
  for (size_t i = 0; i < rows.size(); ++i) {
    const size_t d = rows[i].depth;
    bool last = true;
    for (size_t j = i + 1; j < rows.size() && rows[j].depth >= d; ++j) {
      if (rows[j].depth == d) {
        last = false;
        break;
      }
    }
    more_at_depth.resize(d + 1);
    more_at_depth[d] = !last;
    std::string prefix;
    for (size_t k = 0; k < d; ++k) {
      prefix += more_at_depth[k] ? "│  " : "   ";
    }
    prefix += last ? "└─ " : "├─ ";
    out.push_back(prefix + (rows[i].ok ? "✔ " : "✘ ") + rows[i].text);
  }
  return out;
}

}  // namespace hallmark::cli
