// How verification results are shown: the human text (one first line per file that a
// non-expert understands, then indented details) and the versioned JSON report
// {"hallmark_report": 1, ...} (man/hallmark-verify.1 documents its fields).
#pragma once

#include <string>
#include <vector>

#include "hallmark/c2pa.h"
#include "hallmark/escape.h"
#include "hallmark/verify.h"
#include "json_util.h"

namespace hallmark::cli {

// One file's outcome: a Report, or the error that kept it from being checked.
struct Outcome {
  std::string file;
  Result<Report> report = Status(Code::kInternal, "not checked");
};

// The exit code of a run: 2 if any file could not be checked, else 1 if any was not
// verified, else 0.
int exit_code_of(const std::vector<Outcome>& outcomes);

// "photo.jpg: ✔ verified — signed by alice (trusted) on 2026-11-27" and detail lines
// (indented by two spaces). `verbose` adds manifest, signer and binding details.
std::vector<std::string> render_text(const Report& report, bool verbose);

using Json = json_util::ordered_json;

// `j` as JSON text (pretty-printed with `indent` > 0). Bytes that are not UTF-8 -- a file name
// can hold any -- are written as U+FFFD rather than making the document invalid (file names
// are given as add_file_name() writes them); bidirectional and C1 controls as \uXXXX.
template <typename J>
std::string json_text(const J& j, int indent = -1) {
  return escape_json_invisibles(json_util::dump_lossy(j, indent));
}

// Adds `name` (a path) to `j` under `key`: as it is when it is UTF-8, else escape_text()'s
// form, with the raw bytes in base64 under key + "_bytes".
void add_file_name(Json& j, const std::string& key, const std::string& name);

// One file's object in the JSON report: {"file", "verdict", "verified", "flags", ...}.
Json report_file_json(const std::string& file, const Result<Report>& result);

// The JSON report for a run, pretty-printed, ending in a newline.
std::string render_json(const std::vector<Outcome>& outcomes);
// The JSON of `hallmark history`: {"hallmark_history": 1, ...}.
std::string render_history_json(const Report& report);

// "alice (trusted)" ("alice (trusted, key 1a2b...)" when the store has other keys named alice),
// or "\"alice\" (untrusted key 1a2b3c4d5e6f7a8b)" when the name is only the signer's own claim
// in manifest `m` ("\"alice\" (not the alice you trust: key 1a2b... ≠ 6c01...)" when the
// store trusts another key under that name).
std::string signer_phrase(const SignerReport& s, const Manifest* m);
// The manifest's actions for people: "cropped, color adjustments (warmer)"; creation omitted.
std::string action_words(const Manifest& m);
// "trusted", "untrusted", "revoked", "outside-validity-window".
std::string trust_word(TrustLevel t);

// One line of a provenance tree: hallmark history and C2PA ingredients share the renderer.
struct TreeRow {
  size_t depth = 0;
  bool ok = true;
  std::string text;
};
// The rows with box-drawing branches ("├─ ✔ ...", "│  └─ ✘ ..."), from depth-first order.
std::vector<std::string> render_tree(const std::vector<TreeRow>& rows);
// The "c2pa" member of the JSON report: validation state and status codes verbatim, and a
// summary of each manifest.
Json c2pa_json(const C2paReport& report);
// Indented lines about a C2PA manifest store: state, signer, failures, actions, ingredients.
std::vector<std::string> c2pa_lines(const C2paReport& report, bool verbose);
// A C2PA manifest store as a tree: the active manifest, then its ingredients, recursively.
std::vector<TreeRow> c2pa_tree(const C2paReport& report);

// The C2PA store's verdict in a few words: "Trusted", "assertion.dataHash.mismatch (Invalid)".
std::string c2pa_text(const C2paReport& report);
// "trainedAlgorithmicMedia" for ".../digitalsourcetype/trainedAlgorithmicMedia".
std::string short_source_type(const std::string& digital_source_type);

// "1.0 MiB", "512 B": sizes for people.
std::string human_size(uint64_t bytes);

}  // namespace hallmark::cli
