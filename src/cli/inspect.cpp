// hallmark inspect FILE|BUNDLE (man/hallmark-inspect.1).
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/bundle_arg.h"
#include "cli/command.h"
#include "cli/output.h"
#include "cli/terminal.h"
#include "hallmark/bundle.h"
#include "hallmark/c2pa.h"
#include "hallmark/file_io.h"
#include "hallmark/input_file.h"
#include "hallmark/tlog_proof.h"
#include "hallmark/verify.h"

namespace hallmark::cli {
namespace {

struct InspectFlags {
  std::string target;
  bool json = false;
};

void print_text(const std::string& path, const Bundle& b) {
  const SignedManifest& sm = b.signed_manifest;
  const Manifest& m = sm.manifest;
  auto row = [](const std::string& k, const std::string& v) {
    std::cout << k << std::string(k.size() < 11 ? 11 - k.size() : 1, ' ') << v << nl;
  };
  row("bundle", path);
  row("manifest", sm.id());
  row("created", m.created);
  if (!m.title.empty()) {
    row("title", m.title);
  }
  row("creator",
      m.creator.name + " " + m.creator.key.to_string() + " (id " + m.creator.key.id() + ")");
  row("source", m.source_type.empty() ? "(not declared)" : m.source_type);
  for (const Action& a : m.actions) {
    row("action", a.action + (a.description.empty() ? "" : " — " + a.description));
  }
  for (const ParentRef& p : m.parents) {
    row("parent", p.manifest_id + " (" + p.relationship + ")");
  }
  if (m.file) {
    row("binding", "file " + std::to_string(m.file->size) + " bytes, " +
                       std::to_string(b.file_leaves.size()) +
                       (b.file_leaves.size() == 1 ? " chunk of " : " chunks of ") +
                       human_size(m.file->chunk_size) + ", root " + to_hex(m.file->root));
  }
  if (m.media) {
    const MediaBindingInfo& mb = *m.media;
    row("media", mb.format + ", content root " + to_hex(mb.content_root));
    for (const MediaStreamInfo& st : mb.streams) {
      const std::string label = st.kind + "#" + std::to_string(st.ordinal);
      const auto leaves = b.media_leaves.find(label);
      std::string line = label + " " + st.codec + ", " + std::to_string(st.leaf_count) +
                         (st.kind == "image" ? " units" : " packets");
      if (leaves != b.media_leaves.end() && !leaves->second.times.empty() &&
          std::isfinite(leaves->second.times.back())) {
        char buf[32];
        std::snprintf(buf, sizeof buf, ", %.2f s", leaves->second.times.back());
        line += buf;
      }
      row("stream", line + ", root " + to_hex(st.root).substr(0, 16) + "…" +
                        (st.config ? ", config " + to_hex(*st.config).substr(0, 16) + "…" : ""));
    }
    row("metadata",
        to_hex(mb.metadata).substr(0, 16) + "… (rendering " + to_hex(mb.rendering).substr(0, 16) +
            "…)" + (mb.trailer ? ", trailer " + std::to_string(mb.trailer_size) + " bytes" : ""));
  }
  const Claims& c = m.claims;
  for (const ClaimField& f : claim_fields()) {
    if (f.text != nullptr && c.*f.text) {
      row(std::string(f.name), *(c.*f.text));
    } else if (f.number != nullptr && c.*f.number) {
      row(std::string(f.name), std::to_string(*(c.*f.number)));
    }
  }
  if (c.location) {
    row("location", *c.location);
  } else if (c.location_redacted()) {
    row("location", "(redacted)");
  }
  for (const ManifestSignature& s : sm.signatures) {
    row("signature",
        s.key.to_string() + (s.key == m.creator.key ? " (creator)" : " (countersigner)"));
  }
  for (const std::string& receipt : sm.receipts) {
    // The receipt's log and index, unverified here (verify checks them).
    std::string index = "?";
    std::string origin = "?";
    if (Result<tlog::TlogProof> proof = tlog::parse_tlog_proof(receipt); proof.ok()) {
      index = std::to_string(proof->index);
      if (Result<tlog::Checkpoint> c = tlog::claimed_checkpoint(*proof); c.ok()) {
        origin = c->origin;
      }
    }
    row("receipt", origin + " index " + index + " (not verified here)");
  }
  if (sm.receipts.empty()) {
    row("receipts", "0");
  }
  row("ancestors", std::to_string(b.ancestors.size()));
}

// A file with C2PA Content Credentials but no hallmark bundle: the manifest store, unjudged.
int inspect_c2pa(const InspectFlags& f, const C2paReport& c) {
  if (f.json) {
    Json doc = {{"hallmark_inspect", 1}};
    add_file_name(doc, "file", f.target);
    doc["c2pa"] = c2pa_json(c);
    raw_stdout() << json_text(doc, 2) << "\n";
    return kExitOk;
  }
  std::cout << "C2PA manifest store in " << f.target << " (" << c.manifest_source
            << "; not verified here: use hallmark verify --c2pa-trust PEM)" << nl;
  for (const C2paManifestSummary& m : c.manifests) {
    std::cout << "manifest   " << m.label << (m.label == c.active_manifest ? " (active)" : "")
              << nl;
    std::cout << "  signer   " << m.signer << (m.issuer.empty() ? "" : ", issuer " + m.issuer)
              << (m.alg.empty() ? "" : ", " + m.alg) << nl;
    if (!m.signing_time.empty()) {
      std::cout << "  time     " << m.signing_time << nl;
    }
    if (!m.claim_generator.empty()) {
      std::cout << "  with     " << m.claim_generator << nl;
    }
    for (const C2paAction& a : m.actions) {
      std::cout << "  action   " << a.action
                << (a.digital_source_type.empty() ? "" : " (" + a.digital_source_type + ")") << nl;
    }
    for (const C2paIngredient& i : m.ingredients) {
      std::cout << "  ingredient " << i.relationship << " \"" << i.title << "\""
                << (i.manifest_label.empty() ? "" : " -> " + i.manifest_label) << nl;
    }
  }
  return kExitOk;
}

int inspect(const InspectFlags& f) {
  Result<std::pair<std::string, Bundle>> found = find_bundle(f.target);
  if (!found.ok() && found.status().code() == Code::kNotFound) {
    if (Result<InputFile> input = InputFile::open(f.target); input.ok()) {
      Result<C2paReport> c = read_c2pa(*input, C2paOptions{});
      if (c.ok() && c->manifest_present) {
        return inspect_c2pa(f, *c);
      }
    }
  }
  if (!found.ok()) {
    return print_error(found.status());
  }
  const auto& [path, b] = *found;
  if (!f.json) {
    print_text(path, b);
    return kExitOk;
  }
  using json = Json;
  const SignedManifest& sm = b.signed_manifest;
  json sigs = json::array();
  for (const ManifestSignature& s : sm.signatures) {
    sigs.push_back({{"key", s.key.to_string()},
                    {"id", s.key.id()},
                    {"role", s.key == sm.manifest.creator.key ? "creator" : "countersigner"}});
  }
  json ancestors = json::array();
  for (const SignedManifest& a : b.ancestors) {
    ancestors.push_back(a.id());
  }
  json doc = {{"hallmark_inspect", 1}};
  add_file_name(doc, "bundle", path);
  doc["manifest_id"] = sm.id();
  doc["manifest"] = json::parse(sm.canonical);
  doc["signatures"] = std::move(sigs);
  doc["receipts"] = sm.receipts;
  doc["leaves"] = {{"file", b.file_leaves.size()}};
  doc["ancestors"] = std::move(ancestors);
  raw_stdout() << json_text(doc, 2) << "\n";
  return kExitOk;
}

}  // namespace

void add_inspect_commands(CLI::App& app, Globals& g) {
  auto f = std::make_shared<InspectFlags>();
  CLI::App* cmd = app.add_subcommand("inspect", "Show the manifest of a file or bundle");
  cmd->add_option("target", f->target, "FILE (its FILE.hallmark is read) or BUNDLE")->required();
  cmd->add_flag("--json", f->json, "Print JSON");
  cmd->callback([f, &g] { g.exit_code = inspect(*f); });
}

}  // namespace hallmark::cli
