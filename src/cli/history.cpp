// hallmark history FILE [--format text|json|dot] (man/hallmark-history.1): the provenance
// graph of a file, as an indented tree, JSON, or Graphviz DOT.
#include <iostream>

#include "cli/command.h"
#include "cli/output.h"
#include "cli/terminal.h"
#include "cli/verify_flags.h"
#include "hallmark/escape.h"
#include "hallmark/verify.h"

namespace hallmark::cli {
namespace {

struct HistoryFlags {
  std::string file;
  std::string bundle;
  std::string format = "text";
  VerifyFlags verify;
};

bool link_ok(const HistoryLink& l) {
  return l.status == LinkStatus::kVerified;
}

// "cropped — by newsroom (trusted) on 2026-11-27, digitalCapture"
std::string link_text(const HistoryLink& l) {
  if (!l.manifest) {
    return l.reason;
  }
  const Manifest& m = *l.manifest;
  std::string what = action_words(m);
  if (what.empty()) {
    what = "created";
  }
  std::string creator = "an unknown signer";
  std::string counter;
  for (const SignerReport& s : l.signers) {
    if (s.creator) {
      creator = signer_phrase(s, &m);
    } else {
      counter += ", countersigned by " + signer_phrase(s, &m);
    }
  }
  std::string out = what + " — by " + creator + " on " + m.created.substr(0, 10) + counter;
  if (!m.source_type.empty()) {
    out += " [" + m.source_type + (is_ai_source_type(m.source_type) ? ", AI" : "") + "]";
  }
  if (!link_ok(l)) {
    out += ": " + std::string(link_status_name(l.status)) + ", " + l.reason;
  }
  return out;
}

// An indented tree: the hallmark history, then any C2PA manifest store's ingredients.
void print_tree(const Report& r) {
  std::cout << r.file << ": " << (r.verified() ? "✔ " : "✘ ") << verdict_name(r.verdict) << nl;
  std::vector<TreeRow> rows;
  for (const HistoryLink& l : r.history) {
    const std::string rel = l.relationship.empty() ? "" : l.relationship + " ";
    rows.push_back({l.depth, link_ok(l), rel + l.manifest_id.substr(0, 19) + "… " + link_text(l)});
  }
  for (const std::string& line : render_tree(rows)) {
    std::cout << line << nl;
  }
  if (r.c2pa && r.c2pa->manifest_present) {
    std::cout << "C2PA Content Credentials:" << nl;
    for (const std::string& line : render_tree(c2pa_tree(*r.c2pa))) {
      std::cout << line << nl;
    }
  }
}

void print_json(const Report& r) {
  raw_stdout() << render_history_json(r);
}

// Text for a quoted DOT string: escape_text() first (no control characters or bidi
// overrides reach a terminal or a renderer), then DOT's own quoting.
std::string dot_escape(const std::string& raw) {
  std::string out;
  for (char c : escape_text(raw)) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

// Graphviz DOT: one node per manifest, an edge from each child to its parent.
void print_dot(const Report& r) {
  std::ostream& out = raw_stdout();
  out << "digraph hallmark_history {\n"
         "  rankdir=BT;\n"
         "  node [shape=box, style=\"rounded,filled\", fontname=\"sans\"];\n";
  for (const HistoryLink& l : r.history) {
    std::string label = dot_escape(l.manifest_id.substr(0, 19)) + "…\\n";
    if (l.manifest) {
      const Manifest& m = *l.manifest;
      const std::string actions = action_words(m);
      label += dot_escape(actions.empty() ? "created" : actions) + "\\n";
      for (const SignerReport& s : l.signers) {
        label +=
            dot_escape((s.creator ? "by " : "countersigned by ") + signer_phrase(s, &m)) + "\\n";
      }
      label += dot_escape(m.created.substr(0, 10));
      if (!m.source_type.empty()) {
        label += "\\n" + dot_escape(m.source_type);
      }
    } else {
      label += dot_escape(l.reason);
    }
    if (!link_ok(l)) {
      label += "\\n" + std::string(link_status_name(l.status));
    }
    const bool ai = l.manifest && is_ai_source_type(l.manifest->source_type);
    const char* color = !link_ok(l) ? "#f4b6b6" : ai ? "#f9e3a3" : "#c8ebc8";
    out << "  \"" << dot_escape(l.manifest_id) << "\" [label=\"" << label << "\", fillcolor=\""
        << color << "\"];\n";
  }
  for (const HistoryLink& l : r.history) {
    if (!l.child_id.empty()) {
      out << "  \"" << dot_escape(l.child_id) << "\" -> \"" << dot_escape(l.manifest_id)
          << "\" [label=\"" << dot_escape(l.relationship) << "\""
          << (link_ok(l) ? "" : ", color=red") << "];\n";
    }
  }
  out << "}\n";
}

int history(const HistoryFlags& f) {
  if (f.format != "text" && f.format != "json" && f.format != "dot") {
    return print_error(invalid_argument("--format must be text, json or dot"));
  }
  Result<Verification> v = prepare_verification(f.verify);
  if (!v.ok()) {
    return print_error(v.status());
  }
  const TrustStore* trust = &v->trust;
  VerifyOptions options = v->options;
  options.bundle_path = f.bundle;
  Result<Report> r = verify_file(f.file, options, *trust);
  if (!r.ok()) {
    return print_error(r.status());
  }
  if (r->history.empty() && !(r->c2pa && r->c2pa->manifest_present)) {
    return print_error(
        Status(Code::kVerifyFailed,
               f.file + ": " + std::string(verdict_name(r->verdict)) + " — " + r->reason));
  }
  if (f.format == "json") {
    print_json(*r);
  } else if (f.format == "dot") {
    print_dot(*r);
  } else {
    print_tree(*r);
  }
  return verdict_exit_code(r->verdict);
}

}  // namespace

void add_history_commands(CLI::App& app, Globals& g) {
  auto f = std::make_shared<HistoryFlags>();
  CLI::App* cmd = app.add_subcommand("history", "Show the provenance graph of a file");
  cmd->add_option("file", f->file, "File whose history to show")->required();
  cmd->add_option("-b,--bundle", f->bundle, "Bundle to use (default FILE.hallmark)");
  add_verify_flags(cmd, f->verify, /*per_file=*/true);
  cmd->add_option("--format", f->format, "text (a tree), json, or dot (Graphviz)")
      ->capture_default_str();
  cmd->callback([f, &g] { g.exit_code = history(*f); });
}

}  // namespace hallmark::cli
