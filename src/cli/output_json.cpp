// The versioned JSON reports: {"hallmark_report": 1, ...} (man/hallmark-verify.1) and
// {"hallmark_history": 1, ...} (man/hallmark-history.1), built from the library's report types
// through the JSON seam (json_util.h).
#include "cli/output.h"
#include "hallmark/manifest.h"
#include "hallmark/rfc3339.h"

namespace hallmark::cli {
namespace {

using json = Json;

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
  json doc = {{"hallmark_history", 1}};
  add_file_name(doc, "file", r.file);
  doc["verdict"] = std::string(verdict_name(r.verdict));
  doc["flags"] = r.flags;
  doc["links"] = links_json(r);
  doc["c2pa"] = r.c2pa ? c2pa_json(*r.c2pa) : json(nullptr);
  return json_text(doc, 2) + "\n";
}

void add_file_name(Json& j, const std::string& key, const std::string& name) {
  if (is_utf8(name)) {
    j[key] = name;
    return;
  }
  j[key] = escape_text(name);
  j[key + "_bytes"] = to_base64(as_bytes(name));
}

Json report_file_json(const std::string& file, const Result<Report>& result) {
  json f = json::object();
  add_file_name(f, "file", file);
  if (!result.ok()) {
    f["bundle"] = nullptr;
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
  f["summary"] = escape_text(render_text(r, false).front());
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
    if (r.media) {
      const MediaReport& m = *r.media;
      json changes = json::array();
      for (const media::ChangedRange& c : m.changes) {
        json j = {{"stream", c.stream},
                  {"first", c.first},
                  {"count", c.count},
                  {"actual_first", c.actual_first},
                  {"actual_count", c.actual_count},
                  {"unit", c.noun},
                  {"aux_only", c.aux_only},
                  {"description", c.describe()}};
        const auto opt = [](const std::optional<double>& v) {
          return v ? json(std::max(*v, 0.0)) : json(nullptr);
        };
        // Signed timeline; what a viewer sees changed; this file's own times.
        j["start_seconds"] = opt(c.start_seconds);
        j["end_seconds"] = opt(c.end_seconds);
        j["visible_start_seconds"] = opt(c.visible_start_seconds);
        j["visible_end_seconds"] = opt(c.visible_end_seconds);
        j["actual_start_seconds"] = opt(c.actual_start_seconds);
        j["actual_end_seconds"] = opt(c.actual_end_seconds);
        if (!c.units.empty()) {
          j["units"] = c.units;
        }
        changes.push_back(std::move(j));
      }
      json timing = json::array();
      for (const media::TimingChange& t : m.timing) {
        json tj = {{"stream", t.stream}, {"description", t.describe()}};
        switch (t.kind) {
          case media::TimingChange::Kind::kSpeed:
            tj["kind"] = "speed";
            tj["signed_duration"] = t.signed_duration;
            tj["duration"] = t.duration;
            break;
          case media::TimingChange::Kind::kShift:
            tj["kind"] = "shift";
            tj["shift_seconds"] = t.shift;
            tj["against"] = t.against;
            break;
          case media::TimingChange::Kind::kRetimed:
            tj["kind"] = "retimed";
            tj["start_seconds"] = std::max(t.start, 0.0);
            tj["end_seconds"] = std::max(t.end, 0.0);
            break;
        }
        timing.push_back(std::move(tj));
      }
      json claims = json::array();
      for (const ClaimChange& c : m.claims) {
        const char* kind = c.kind == ClaimChange::Kind::kRemoved ? "removed"
                           : c.kind == ClaimChange::Kind::kAdded ? "added"
                                                                 : "altered";
        claims.push_back({{"field", c.field},
                          {"kind", kind},
                          {"signed", c.before ? json(*c.before) : json(nullptr)},
                          {"now", c.after ? json(*c.after) : json(nullptr)},
                          {"description", c.describe()}});
      }
      f["bindings"]["media"] = {{"version", m.version},
                                {"signed_format", m.signed_format},
                                {"format", m.format},
                                {"content_matches", m.content_matches},
                                {"timing_matches", m.timing_matches},
                                {"metadata_changed", m.metadata_changed},
                                {"metadata_stripped", m.metadata_stripped},
                                {"metadata_altered", m.metadata_altered},
                                {"rendering_changed", m.rendering_changed},
                                {"trailer_changed", m.trailer_changed},
                                {"appended_bytes", m.appended_bytes},
                                {"remuxed", m.remuxed},
                                {"changes", std::move(changes)},
                                {"timing", std::move(timing)},
                                {"claims", std::move(claims)},
                                {"findings", m.findings}};
    }
    json receipts = json::array();
    for (const ReceiptReport& rr : r.receipts) {
      receipts.push_back(
          {{"origin", rr.origin},
           {"index", rr.index},
           {"tree_size", rr.tree_size},
           {"time", rr.time ? json(format_rfc3339(static_cast<int64_t>(*rr.time))) : json(nullptr)},
           {"verified", rr.verified},
           {"problem", rr.problem}});
    }
    f["receipts"] = std::move(receipts);
  }
  const auto claim_json = [](const LogClaim& c) {
    return json{{"manifest_id", c.manifest_id},
                {"creator", c.creator},
                {"key", c.key.to_string()},
                {"trust", trust_word(c.trust)},
                {"signature_valid", c.signature_valid},
                {"index", c.index},
                {"created", c.created}};
  };
  f["recovered"] = r.recovered ? claim_json(*r.recovered) : json(nullptr);
  json others = json::array();
  for (const LogClaim& c : r.other_claims) {
    others.push_back(claim_json(c));
  }
  f["other_claims"] = std::move(others);
  const auto judgement = [](const std::optional<Judgement>& j) {
    return j ? json{{"verdict", std::string(verdict_name(j->verdict))}, {"reason", j->reason}}
             : json(nullptr);
  };
  f["sources"] = {{"hallmark", judgement(r.manifest_judgement)},
                  {"c2pa", judgement(r.c2pa_judgement)}};
  f["c2pa"] = r.c2pa ? c2pa_json(*r.c2pa) : json(nullptr);
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
  return json_text(doc, 2) + "\n";
}

}  // namespace hallmark::cli
