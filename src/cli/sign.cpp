// hallmark sign FILE... (man/hallmark-sign.1).
#include "hallmark/sign.h"

#include <filesystem>
#include <iostream>
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
// signed: they may hold an edit history, countersignatures and receipts. `first` holds up to
// three of the `count` bundles found.
int refuse_existing(const std::vector<std::string>& first, size_t count) {
  std::string what = first.front();
  if (count > 1) {
    what = std::to_string(count) + " bundles already exist (" + first.front();
    for (size_t i = 1; i < std::min<size_t>(first.size(), 3); ++i) {
      what += ", " + first[i];
    }
    what += count > 3 ? ", ...)" : ")";
  } else {
    what += " already exists";
  }
  return print_error(invalid_argument(what + ": signing again would replace the manifest with its "
                                             "countersignatures and receipts"),
                     {count == 1 ? "use --force to replace it, --out to write the new bundle "
                                   "elsewhere, or sign --countersign to add your signature to it"
                                 : "use --force to replace them, or sign --countersign to add your "
                                   "signature to each"});
}

// The files a sign command names, one at a time: each FILE argument as given, and under each
// directory every regular file, bundles and sidecars left out. Which of those are media (all
// that is signed without --all) is for the caller to ask (is_media), so that a first walk can
// skip the question where it needs no answer. Memory holds one directory listing per level.
class FileSource {
 public:
  struct Entry {
    std::string path;
    bool argument = false;  // Named on the command line: signed whatever it is.
  };

  FileSource(const SignFlags& f, bool report_skips) : args_(f.files), report_skips_(report_skips) {
    for (const std::string& e : f.excludes) {
      excludes_.emplace_back(e);
    }
  }

  // The next entry; nullopt at the end, or on an error (a directory that cannot be read), which
  // error() then holds.
  std::optional<Entry> next() {
    while (true) {
      if (walker_) {
        if (std::optional<WalkEntry> e = walker_->next()) {
          if (e->kind == WalkEntry::Kind::kError) {
            error_ = e->error;
            return std::nullopt;
          }
          if (e->kind == WalkEntry::Kind::kSkipped) {
            if (report_skips_) {
              std::cerr << "hallmark: skipped " << e->path << ": " << e->reason << nl;
            }
            continue;
          }
          return Entry{std::move(e->path), false};
        }
        walker_.reset();
      }
      if (next_arg_ == args_.size()) {
        return std::nullopt;
      }
      const std::string& arg = args_[next_arg_++];
      std::error_code ec;
      if (!std::filesystem::is_directory(arg, ec)) {
        return Entry{arg, true};
      }
      root_ = {arg};
      walker_.emplace(root_, excludes_);
    }
  }

  const Status& error() const { return error_; }

 private:
  const std::vector<std::string>& args_;
  const bool report_skips_;
  std::vector<Glob> excludes_;
  size_t next_arg_ = 0;
  std::vector<std::string> root_;  // The directory being walked (the walker refers to it).
  std::optional<Walker> walker_;
  Status error_;
};

// --json: {"hallmark_sign": 1, "files": [...]} written one file at a time, as the files are
// signed, in exactly the text json_text(document, 2) would give for the whole.
class JsonArrayWriter {
 public:
  explicit JsonArrayWriter(bool enabled) : enabled_(enabled) {
    if (enabled_) {
      raw_stdout() << "{\n  \"hallmark_sign\": 1,\n  \"files\": [";
    }
  }
  void add(const Json& item) {
    std::string text = json_text(item, 2);
    std::string out = first_ ? "\n    " : ",\n    ";
    for (char c : text) {
      out += c;
      if (c == '\n') {
        out += "    ";
      }
    }
    raw_stdout() << out;
    first_ = false;
  }
  void finish() {
    if (enabled_) {
      raw_stdout() << (first_ ? "]\n}\n" : "\n  ]\n}\n");
    }
  }

 private:
  const bool enabled_;
  bool first_ = true;
};

// Whether `path` is media hallmark recognises, by content; an error if it cannot be read.
Result<bool> is_media(const std::string& path) {
  Result<InputFile> input = InputFile::open(path);
  HALLMARK_TRY(input);
  Result<std::string> format = media::detect_media_format(*input);
  HALLMARK_TRY(format);
  return !format->empty();
}

// What a first walk learns before anything is signed, without keeping the list of files.
struct Survey {
  bool any = false;    // A file to sign was found.
  uint64_t count = 0;  // How many, when counted (`counted`).
  bool counted = false;
  std::vector<std::string> existing;  // The first three bundles that exist (without --force).
  size_t existing_count = 0;
};

// Walks what the command names once: a directory that cannot be read or a file whose format
// cannot be read is an error now, before anything is signed, as are bundles in the way
// (refused by the caller). The formats of walked files are read only where the answer matters:
// to count them (for --progress), for those that have a bundle, and until a first media file.
Result<Survey> survey(const SignFlags& f, const Globals& g, bool count) {
  Survey out;
  out.counted = count;
  FileSource source(f, g.verbose);
  while (std::optional<FileSource::Entry> e = source.next()) {
    const std::string bundle = !f.out.empty() ? f.out : default_bundle_path(e->path);
    const bool exists = !f.force && path_exists(bundle);
    if (!e->argument && !f.all_files && (count || exists || !out.any)) {
      Result<bool> media = is_media(e->path);
      HALLMARK_TRY(media);
      if (!*media) {
        continue;
      }
    } else if (!e->argument && !f.all_files) {
      continue;  // Not known to be media: neither counted nor in the way.
    }
    out.any = true;
    ++out.count;
    if (exists) {
      if (out.existing.size() < 3) {
        out.existing.push_back(bundle);
      }
      ++out.existing_count;
    }
  }
  HALLMARK_TRY(source.error());
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

  const bool show_progress = Progress::wanted(f.progress);
  Result<Survey> found = survey(f, g, show_progress);
  if (!found.ok()) {
    return print_error(found.status());
  }
  if (!found->any) {
    return print_error(invalid_argument("no media files to sign under " + f.files.front()),
                       {"use --all to sign every file, not only media"});
  }
  if (found->existing_count > 0) {
    return refuse_existing(found->existing, found->existing_count);
  }
  std::error_code ec;
  const bool single = f.files.size() == 1 && !std::filesystem::is_directory(f.files.front(), ec);
  if (!single && !f.out.empty()) {
    // Before any output: --json prints its document as the files are signed.
    return print_error(invalid_argument("--out needs exactly one FILE"));
  }
  int code = kExitOk;
  // One failure of a batch (the log, a flush) fails many: its message is printed once. Only
  // so many messages are remembered, so that memory does not grow with the failures.
  std::set<std::string> reported;
  JsonArrayWriter signed_json(f.json);  // --json: one object per file, in order.
  auto report = [&](const std::string& file, const Result<SignedFile>& result) {
    if (!result.ok()) {
      if (reported.count(result.status().message()) == 0) {
        print_error(result.status());
        if (reported.size() < 1000) {
          reported.insert(result.status().message());
        }
      }
      code = kExitError;
      if (f.json) {
        Json j = Json::object();
        add_file_name(j, "file", file);
        j["bundle"] = nullptr;
        j["error"] = {{"code", std::string(code_name(result.status().code()))},
                      {"message", result.status().message()}};
        signed_json.add(j);
      }
      return;
    }
    if (f.json) {
      Json j = Json::object();
      add_file_name(j, "file", result->file);
      add_file_name(j, "bundle", result->bundle_path);
      j["manifest_id"] = result->bundle.signed_manifest.id();
      j["anchored"] = !f.anchor.empty();
      j["warnings"] = result->warnings;
      signed_json.add(j);
    }
    for (const std::string& w : result->warnings) {
      if (!g.quiet && (g.verbose || w.rfind("media not bound", 0) == 0)) {
        std::cout.flush();
        std::cerr << "hallmark: warning: " << result->file << ": " << w << nl;
      }
    }
    if (!g.quiet && !f.json) {
      std::cout << "signed " << result->file << " -> " << result->bundle_path << " ("
                << result->bundle.signed_manifest.id() << ")";
      if (!f.anchor.empty()) {
        std::cout << ", anchored";
      }
      std::cout << nl;
    }
  };
  if (single) {
    const Result<SignedFile> result = sign_file(f.files.front(), f.out, key->key, options);
    report(f.files.front(), result);
  } else {
    std::unique_ptr<Progress> progress;
    if (show_progress) {
      progress = std::make_unique<Progress>("signed", "files", found->count, 0, f.progress);
    }
    // The second walk, streamed into the signing: the files are not listed in memory.
    FileSource source(f, /*report_skips=*/false);
    uint64_t done = 0;
    const Status s = sign_stream(
        [&]() -> std::optional<std::string> {
          while (std::optional<FileSource::Entry> e = source.next()) {
            if (!e->argument && !f.all_files) {
              // An error here (the file changed since the first walk) is left for signing
              // to report, as it reads the file.
              if (Result<bool> media = is_media(e->path); media.ok() && !*media) {
                continue;
              }
            }
            return std::move(e->path);
          }
          return std::nullopt;
        },
        key->key, options, f.jobs,
        [&](const std::string& file, Result<SignedFile>& result) {
          if (progress) {
            progress->update(++done, 0);
          }
          report(file, result);
        });
    progress.reset();
    if (!source.error().ok()) {
      print_error(source.error());
      code = kExitError;
    }
    if (!s.ok()) {
      print_error(s);
      code = kExitError;
    }
  }
  signed_json.finish();
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
  cmd->add_option("-j,--jobs", f->jobs,
                  "Threads at work at once, for the files and their hashing (default: one "
                  "per core)");
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
