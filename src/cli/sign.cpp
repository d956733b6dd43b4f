// hallmark sign FILE... (man/hallmark-sign.1).
#include "hallmark/sign.h"

#include <atomic>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <set>

#include "cli/bundle_arg.h"
#include "cli/command.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "cli/secret_key.h"
#include "cli/terminal.h"
#include "hallmark/file_binding.h"
#include "hallmark/file_io.h"
#include "hallmark/input_file.h"
#include "hallmark/manifest.h"
#include "hallmark/media.h"
#include "hallmark/verify.h"
#include "hallmark/walk.h"

namespace hallmark::cli {
namespace {

constexpr std::string_view kIptcPrefix = "http://cv.iptc.org/newscodes/digitalsourcetype/";

struct SignFlags {
  std::vector<std::string> files;
  std::string key;
  std::string passphrase_file;
  std::string title;
  std::string source_type;
  std::vector<std::string> actions;
  std::string out;
  std::vector<std::string> parents;
  std::vector<std::string> components;
  std::string countersign;
  std::string anchor;
  bool include_location = false;
  uint64_t chunk_size = kDefaultChunkSize;
  unsigned jobs = 0;
  bool all_files = false;
  std::vector<std::string> excludes;
  bool progress = false;
  bool force = false;
  bool json = false;
};

constexpr std::string_view kBundleSuffix = ".hallmark";

// The signed file of a --countersign target: TARGET itself, or TARGET without .hallmark when
// it names the bundle. Empty when the bundle has another name.
std::string countersigned_file(const std::string& target, const std::string& bundle_path) {
  if (bundle_path != target) {
    return target;  // FILE, whose FILE.hallmark was found.
  }
  if (target.size() > kBundleSuffix.size() && target.ends_with(kBundleSuffix)) {
    return target.substr(0, target.size() - kBundleSuffix.size());
  }
  return "";
}

// Refuses (one error line, with hints) to replace bundles that exist, before anything is
// signed: they may hold an edit history, countersignatures and receipts.
int refuse_existing(const std::vector<std::string>& existing) {
  std::string what = existing.front();
  if (existing.size() > 1) {
    what = std::to_string(existing.size()) + " bundles already exist (" + existing.front();
    for (size_t i = 1; i < std::min<size_t>(existing.size(), 3); ++i) {
      what += ", " + existing[i];
    }
    what += existing.size() > 3 ? ", ...)" : ")";
  } else {
    what += " already exists";
  }
  return print_error(
      invalid_argument(what + ": signing again would replace the manifest with its "
                              "countersignatures and receipts"),
      {existing.size() == 1 ? "use --force to replace it, --out to write the new bundle "
                              "elsewhere, or sign --countersign to add your signature to it"
                            : "use --force to replace them, or sign --countersign to add your "
                              "signature to each"});
}

// The files to sign: each FILE argument as given, and under each directory every media file
// (recognised by content; every regular file with --all), bundles and sidecars left out.
Result<std::vector<std::string>> expand(const SignFlags& f, const Globals& g) {
  std::vector<Glob> excludes;
  for (const std::string& e : f.excludes) {
    excludes.emplace_back(e);
  }
  std::vector<std::string> out;
  for (const std::string& arg : f.files) {
    std::error_code ec;
    if (!std::filesystem::is_directory(arg, ec)) {
      out.push_back(arg);
      continue;
    }
    const std::vector<std::string> roots = {arg};
    Walker walker(roots, excludes);
    while (std::optional<WalkEntry> e = walker.next()) {
      if (e->kind == WalkEntry::Kind::kError) {
        return e->error;
      }
      if (e->kind == WalkEntry::Kind::kSkipped) {
        if (g.verbose) {
          std::cerr << "hallmark: skipped " << e->path << ": " << e->reason << nl;
        }
        continue;
      }
      if (!f.all_files) {
        Result<InputFile> input = InputFile::open(e->path);
        HALLMARK_TRY(input);
        Result<std::string> format = media::detect_media_format(*input);
        HALLMARK_TRY(format);
        if (format->empty()) {
          continue;
        }
      }
      out.push_back(e->path);
    }
  }
  return out;
}

// "c2pa.cropped" or "c2pa.cropped:removed the border".
Result<Action> parse_action(const std::string& text) {
  const size_t colon = text.find(':');
  Action a{text.substr(0, colon), colon == std::string::npos ? "" : text.substr(colon + 1)};
  if (!is_action_name(a.action)) {
    return invalid_argument(
        "\"" + a.action +
        "\" is not a C2PA action (c2pa.created, c2pa.edited, c2pa.cropped, ...) "
        "or a reverse-domain name of your own");
  }
  return a;
}

int countersign(const SignFlags& f, const Globals& g) {
  if (!f.files.empty() || !f.parents.empty() || !f.components.empty() || !f.actions.empty() ||
      !f.title.empty() || !f.source_type.empty() || !f.out.empty()) {
    return print_error(invalid_argument(
        "--countersign adds a signature to an existing manifest: it takes no FILE and no "
        "manifest options"));
  }
  Result<std::pair<std::string, Bundle>> found = find_bundle(f.countersign);
  if (!found.ok()) {
    return print_error(found.status());
  }
  const std::string file = countersigned_file(f.countersign, found->first);
  if (file.empty() || (file != f.countersign && !path_exists(file))) {
    return print_error(
        invalid_argument("cannot tell which file " + found->first +
                         " signs: countersigning checks that the file still matches it"),
        {"name the file instead: hallmark sign --countersign FILE (its bundle is "
         "FILE.hallmark)"});
  }
  Result<keys::NamedSecretKey> key = load_signing_key(f.key, f.passphrase_file);
  if (!key.ok()) {
    return print_error(key.status());
  }
  Result<Bundle> b = countersign_bundle(found->first, file, key->key);
  if (!b.ok()) {
    return print_error(b.status());
  }
  if (!g.quiet) {
    std::cout << "countersigned " << found->first << " (" << b->signed_manifest.id() << ") as "
              << key->name << ", now " << b->signed_manifest.signatures.size() << " signatures"
              << nl;
  }
  return kExitOk;
}

int sign(SignFlags& f, const Globals& g) {
  if (!f.countersign.empty()) {
    return countersign(f, g);
  }
  if (f.files.empty()) {
    return print_error(invalid_argument("give the FILE(s) to sign, or --countersign BUNDLE"));
  }
  if (!f.out.empty() && f.files.size() != 1) {
    return print_error(invalid_argument("--out needs exactly one FILE"));
  }
  SignOptions options;
  options.generator = std::string("hallmark/") + HALLMARK_VERSION;
  options.title = f.title;
  options.chunk_size = f.chunk_size;
  if (!valid_chunk_size(f.chunk_size)) {
    return print_error(
        invalid_argument("--chunk-size must be a power of two from 4096 to 67108864"));
  }
  if (!f.source_type.empty()) {
    std::string term = f.source_type;
    if (term.rfind(kIptcPrefix, 0) == 0) {
      term = term.substr(kIptcPrefix.size());
    }
    if (!is_source_type(term)) {
      std::string known;
      for (std::string_view t : source_types()) {
        known += (known.empty() ? "" : ", ") + std::string(t);
      }
      return print_error(
          invalid_argument("\"" + f.source_type + "\" is not an IPTC digital source type"),
          {"use one of: " + known});
    }
    options.source_type = term;
  }
  for (const std::string& text : f.actions) {
    Result<Action> a = parse_action(text);
    if (!a.ok()) {
      return print_error(a.status());
    }
    options.actions.push_back(*a);
  }
  for (auto [list, relationship] :
       {std::pair{&f.parents, "parentOf"}, std::pair{&f.components, "componentOf"}}) {
    for (const std::string& p : *list) {
      Result<std::pair<std::string, Bundle>> found = find_bundle(p);
      if (!found.ok()) {
        return print_error(found.status(), {"a parent must be signed first: hallmark sign " + p});
      }
      options.parents.push_back({relationship, std::move(found->second)});
    }
  }
  Result<keys::NamedSecretKey> key = load_signing_key(f.key, f.passphrase_file);
  if (!key.ok()) {
    std::vector<std::string> hints;
    if (key.status().code() == Code::kVerifyFailed) {
      hints.push_back(
          "check the passphrase (HALLMARK_PASSPHRASE, --passphrase-file or the prompt)");
      return print_error(Status(Code::kInvalidArgument, key.status().message()), hints);
    }
    if (key.status().code() == Code::kNotFound) {
      hints.push_back("create one with: hallmark key new --name NAME");
    }
    return print_error(key.status(), hints);
  }
  options.creator_name = key->name;
  options.include_location = f.include_location;
  options.anchor_log = f.anchor;
  options.overwrite = f.force;

  Result<std::vector<std::string>> files = expand(f, g);
  if (!files.ok()) {
    return print_error(files.status());
  }
  if (files->empty()) {
    return print_error(invalid_argument("no media files to sign under " + f.files.front()),
                       {"use --all to sign every file, not only media"});
  }
  if (!f.force) {
    std::vector<std::string> existing;
    for (const std::string& file : *files) {
      const std::string bundle = !f.out.empty() ? f.out : default_bundle_path(file);
      if (path_exists(bundle)) {
        existing.push_back(bundle);
      }
    }
    if (!existing.empty()) {
      return refuse_existing(existing);
    }
  }
  std::vector<Result<SignedFile>> results;
  if (files->size() == 1 && files->front() == f.files.front()) {
    results.push_back(sign_file(files->front(), f.out, key->key, options));
  } else if (!f.out.empty()) {
    return print_error(invalid_argument("--out needs exactly one FILE"));
  } else {
    std::unique_ptr<Progress> progress;
    std::atomic<uint64_t> done{0};
    std::mutex progress_mu;
    if (Progress::wanted(f.progress)) {
      progress = std::make_unique<Progress>("signed", "files", files->size(), 0, f.progress);
    }
    results = sign_files(*files, key->key, options, f.jobs, [&](size_t) {
      const uint64_t n = ++done;
      if (progress) {
        std::lock_guard lock(progress_mu);
        progress->update(n, 0);
      }
    });
  }
  int code = kExitOk;
  std::set<std::string> reported;    // One failure of a batch (the log, a flush) fails many.
  Json signed_json = Json::array();  // --json: one object per file, in order.
  for (size_t i = 0; i < results.size(); ++i) {
    if (!results[i].ok()) {
      if (reported.insert(results[i].status().message()).second) {
        print_error(results[i].status());
      }
      code = kExitError;
      if (f.json) {
        Json j = Json::object();
        add_file_name(j, "file", (*files)[i]);
        j["bundle"] = nullptr;
        j["error"] = {{"code", std::string(code_name(results[i].status().code()))},
                      {"message", results[i].status().message()}};
        signed_json.push_back(std::move(j));
      }
      continue;
    }
    if (f.json) {
      Json j = Json::object();
      add_file_name(j, "file", results[i]->file);
      add_file_name(j, "bundle", results[i]->bundle_path);
      j["manifest_id"] = results[i]->bundle.signed_manifest.id();
      j["anchored"] = !f.anchor.empty();
      j["warnings"] = results[i]->warnings;
      signed_json.push_back(std::move(j));
    }
    for (const std::string& w : results[i]->warnings) {
      if (!g.quiet && (g.verbose || w.rfind("media not bound", 0) == 0)) {
        std::cout.flush();
        std::cerr << "hallmark: warning: " << results[i]->file << ": " << w << nl;
      }
    }
    if (!g.quiet && !f.json) {
      std::cout << "signed " << results[i]->file << " -> " << results[i]->bundle_path << " ("
                << results[i]->bundle.signed_manifest.id() << ")";
      if (!f.anchor.empty()) {
        std::cout << ", anchored";
      }
      std::cout << nl;
    }
  }
  if (f.json) {
    raw_stdout() << json_text(Json{{"hallmark_sign", 1}, {"files", std::move(signed_json)}}, 2)
                 << "\n";
  }
  return code == kExitOk ? kExitOk : kExitError;
}

}  // namespace

void add_sign_commands(CLI::App& app, Globals& g) {
  auto f = std::make_shared<SignFlags>();
  CLI::App* cmd = app.add_subcommand("sign", "Sign files: write FILE.hallmark next to each");
  cmd->add_option("file", f->files,
                  "Files, or directories whose media files to sign (files are never modified)");
  cmd->add_option("-k,--key", f->key,
                  "Secret key file or key name (default: $HALLMARK_SECRET_KEY)");
  cmd->add_option("--passphrase-file", f->passphrase_file,
                  "Read the key's passphrase from the first line of this file");
  cmd->add_option("--title", f->title, "Title (default: the file's name)");
  cmd->add_option("--source-type", f->source_type,
                  "IPTC digital source type: digitalCapture, trainedAlgorithmicMedia, ...");
  cmd->add_option("--action", f->actions,
                  "C2PA action, optionally with a description: c2pa.edited[:TEXT] (repeatable)");
  cmd->add_option("--parent", f->parents,
                  "FILE or BUNDLE this file was derived from (parentOf; repeatable)");
  cmd->add_option("--component", f->components,
                  "FILE or BUNDLE placed into this file (componentOf; repeatable)");
  cmd->add_option("--countersign", f->countersign,
                  "Add your signature to this existing FILE's or BUNDLE's manifest");
  cmd->add_flag("--include-location", f->include_location,
                "Copy the file's GPS position into the manifest (off: the manifest says it was "
                "redacted)");
  cmd->add_option("--anchor", f->anchor,
                  "Append the signed manifests to this transparency log (one batch); the "
                  "bundles carry the receipts");
  cmd->add_option("-o,--out", f->out, "Bundle path (one FILE only; default FILE.hallmark)");
  cmd->add_option("--chunk-size", f->chunk_size, "File binding chunk size in bytes")
      ->capture_default_str();
  cmd->add_option("-j,--jobs", f->jobs, "Files signed at once (default: 4 per core)");
  cmd->add_flag("--all", f->all_files,
                "Under a directory, sign every file (default: media recognised by content)");
  cmd->add_option("--exclude", f->excludes,
                  "Under a directory, skip paths matching this gitignore-style glob");
  cmd->add_flag("--progress", f->progress, "Show progress on stderr even when not a terminal");
  cmd->add_flag("-f,--force", f->force,
                "Replace bundles that exist (their countersignatures and receipts are lost)");
  cmd->add_flag("--json", f->json, "Print what was signed as JSON");
  cmd->callback([f, &g] { g.exit_code = sign(*f, g); });
}

}  // namespace hallmark::cli
