// hallmark history FILE [--format text|json|dot] (man/hallmark-history.1): the provenance
// graph of a file, as an indented tree, JSON, or Graphviz DOT.
#include <iostream>

#include "cli/command.h"
#include "cli/output.h"
#include "hallmark/paths.h"
#include "hallmark/verify.h"

namespace hallmark::cli {
namespace {

struct HistoryFlags {
  std::string file;
  std::string bundle;
  std::string trust;
  std::string format = "text";
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

// An indented tree with box-drawing branches, from the depth-first order of the links.
void print_tree(const Report& r) {
  std::cout << r.file << ": " << (r.verified() ? "✔ " : "✘ ") << verdict_name(r.verdict) << "\n";
  const std::vector<HistoryLink>& links = r.history;
  std::vector<bool> more_at_depth;  // Whether a later sibling follows at each depth.
  for (size_t i = 0; i < links.size(); ++i) {
    const size_t d = links[i].depth;
    bool last = true;
    for (size_t j = i + 1; j < links.size() && links[j].depth >= d; ++j) {
      if (links[j].depth == d) {
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
    const std::string rel = links[i].relationship.empty() ? "" : links[i].relationship + " ";
    std::cout << prefix << (link_ok(links[i]) ? "✔ " : "✘ ") << rel
              << links[i].manifest_id.substr(0, 19) << "… " << link_text(links[i]) << "\n";
  }
}

void print_json(const Report& r) {
  std::cout << render_history_json(r);
}

std::string dot_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

// Graphviz DOT: one node per manifest, an edge from each child to its parent.
void print_dot(const Report& r) {
  std::cout << "digraph hallmark_history {\n"
               "  rankdir=BT;\n"
               "  node [shape=box, style=\"rounded,filled\", fontname=\"sans\"];\n";
  for (const HistoryLink& l : r.history) {
    std::string label = l.manifest_id.substr(0, 19) + "…\\n";
    if (l.manifest) {
      const Manifest& m = *l.manifest;
      const std::string actions = action_words(m);
      label += dot_escape(actions.empty() ? "created" : actions) + "\\n";
      for (const SignerReport& s : l.signers) {
        label +=
            dot_escape((s.creator ? "by " : "countersigned by ") + signer_phrase(s, &m)) + "\\n";
      }
      label += m.created.substr(0, 10);
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
    std::cout << "  \"" << l.manifest_id << "\" [label=\"" << label << "\", fillcolor=\"" << color
              << "\"];\n";
  }
  for (const HistoryLink& l : r.history) {
    if (!l.child_id.empty()) {
      std::cout << "  \"" << l.child_id << "\" -> \"" << l.manifest_id << "\" [label=\""
                << l.relationship << "\"" << (link_ok(l) ? "" : ", color=red") << "];\n";
    }
  }
  std::cout << "}\n";
}

int history(const HistoryFlags& f) {
  if (f.format != "text" && f.format != "json" && f.format != "dot") {
    return print_error(invalid_argument("--format must be text, json or dot"));
  }
  const std::string trust_path = f.trust.empty() ? paths::trust_file() : f.trust;
  Result<TrustStore> trust = TrustStore::load(trust_path);
  if (!trust.ok()) {
    return print_error(trust.status());
  }
  VerifyOptions options;
  options.bundle_path = f.bundle;
  Result<Report> r = verify_file(f.file, options, *trust);
  if (!r.ok()) {
    return print_error(r.status());
  }
  if (r->history.empty()) {
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
  cmd->add_option("--trust", f->trust, "Trust store file (default: the one in the config dir)");
  cmd->add_option("--format", f->format, "text (a tree), json, or dot (Graphviz)")
      ->capture_default_str();
  cmd->callback([f, &g] { g.exit_code = history(*f); });
}

}  // namespace hallmark::cli
