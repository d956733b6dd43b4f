// hallmark log ...: transparency log tools (see man/hallmark-log.1).
#include "hallmark/log.h"

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli/command.h"
#include "cli/progress.h"
#include "cli/terminal.h"
#include "hallmark/file_binding.h"
#include "hallmark/file_io.h"
#include "hallmark/input_file.h"
#include "hallmark/log_client.h"
#include "hallmark/lookup_key.h"
#include "hallmark/media.h"
#include "hallmark/merkle.h"
#include "hallmark/note.h"
#include "hallmark/sha256.h"

namespace hallmark::cli {
namespace {

constexpr uint64_t kMaxNoteFile = note::kMaxNoteSize;

// --key VKEY for foreign logs (empty: the hallmark log's own key).
Result<std::optional<note::Verifier>> optional_key(const std::string& vkey) {
  if (vkey.empty()) {
    return std::optional<note::Verifier>();
  }
  Result<note::Verifier> v = note::parse_verifier(vkey);
  if (!v.ok()) {
    return invalid_argument("--key: " + v.status().message());
  }
  return std::optional<note::Verifier>(*v);
}

Result<std::unique_ptr<log::Reader>> open_reader(const std::string& dir, const std::string& key) {
  HALLMARK_ASSIGN_OR_RETURN(std::optional<note::Verifier> verifier, optional_key(key));
  return log::Reader::open(dir, verifier);
}

// A content root as 64 hex digits, optionally prefixed "sha256:".
Result<Digest> parse_root(std::string_view text, std::string_view flag) {
  if (text.substr(0, 7) == "sha256:") {
    text.remove_prefix(7);
  }
  Result<Digest> d = fixed_from_hex<32>(text);
  if (!d.ok()) {
    return invalid_argument(std::string(flag) + ": want 64 hex digits (optionally sha256:...)");
  }
  return d;
}

struct LogFlags {
  std::string dir;
  std::string origin;
  std::string key;
  uint64_t index = 0;
  uint64_t size = 0;
  uint64_t from = 0;
  uint64_t to = 0;
  std::string checkpoint_file;
  std::string content;
  std::string manifest;
  std::string lookup_key;
  std::string lookup_file;
  bool show_entries = false;
  bool progress = false;
  std::string vkey;
  std::string note_file;
  std::vector<std::string> files;
  std::vector<std::string> lookup_keys;
};

int run_init(const LogFlags& f, const Globals& g) {
  if (f.origin.empty()) {
    return print_error(invalid_argument("--origin is required: the log's name, which every "
                                        "checkpoint and receipt carries"),
                       {"name it after where it will be published, e.g. hallmark log init " +
                        f.dir + " --origin example.com/photos/log"});
  }
  Result<log::LogKeys> keys = log::init(f.dir, f.origin);
  if (!keys.ok()) {
    return print_error(keys.status());
  }
  std::cout << keys->log_vkey << nl;
  if (g.verbose) {
    std::cerr << "clock cosigner: " << keys->clock_vkey << nl;
  }
  return kExitOk;
}

int run_append(const LogFlags& f) {
  std::vector<log::Entry> entries;
  for (const std::string& file : f.files) {
    Result<std::string> data = read_file(file, log::kMaxEntrySize);
    if (!data.ok()) {
      return print_error(data.status());
    }
    entries.push_back({to_bytes(*data), f.lookup_keys});
  }
  Result<std::unique_ptr<log::Log>> log = log::Log::open(f.dir);
  if (!log.ok()) {
    return print_error(log.status());
  }
  Result<log::AppendResult> r = (*log)->append(entries);
  if (!r.ok()) {
    return print_error(r.status());
  }
  if (Status s = (*log)->close(); !s.ok()) {
    return print_error(s);
  }
  for (size_t i = 0; i < f.files.size(); ++i) {
    std::cout << r->entries[i].index << " " << f.files[i]
              << (r->entries[i].duplicate ? " (already logged)" : "") << nl;
  }
  return kExitOk;
}

int run_checkpoint(const LogFlags& f) {
  Result<std::unique_ptr<log::Reader>> reader = open_reader(f.dir, f.key);
  if (!reader.ok()) {
    return print_error(reader.status());
  }
  write_lines(std::cout, (*reader)->signed_checkpoint());
  return kExitOk;
}

int run_prove(const LogFlags& f, const CLI::App& cmd) {
  Result<std::unique_ptr<log::Reader>> reader = open_reader(f.dir, f.key);
  if (!reader.ok()) {
    return print_error(reader.status());
  }
  std::string signed_checkpoint = (*reader)->signed_checkpoint();
  if (cmd.count("--checkpoint") > 0) {
    Result<std::string> text = read_file(f.checkpoint_file, kMaxNoteFile);
    if (!text.ok()) {
      return print_error(text.status());
    }
    signed_checkpoint = std::move(text).value();
  } else if (cmd.count("--size") > 0) {
    Result<std::string> at = (*reader)->signed_checkpoint_at(f.size);
    if (!at.ok()) {
      return print_error(at.status());
    }
    signed_checkpoint = std::move(at).value();
  }
  Result<std::string> receipt = (*reader)->receipt(f.index, signed_checkpoint);
  if (!receipt.ok()) {
    const Status s = receipt.status();
    return print_error(cmd.count("--checkpoint") > 0 ? s.with_context(f.checkpoint_file) : s);
  }
  write_lines(std::cout, *receipt);
  return kExitOk;
}

int run_consistency(const LogFlags& f, const CLI::App& cmd) {
  Result<std::unique_ptr<log::Reader>> opened = open_reader(f.dir, f.key);
  if (!opened.ok()) {
    return print_error(opened.status());
  }
  log::Reader& reader = **opened;
  const uint64_t to = cmd.count("--to") > 0 ? f.to : reader.checkpoint().size;
  if (f.from > to) {
    return print_error(invalid_argument("--from " + std::to_string(f.from) + " is beyond --to " +
                                        std::to_string(to)));
  }
  Result<std::string> signed_to = reader.signed_checkpoint_at(to);
  if (!signed_to.ok()) {
    return print_error(signed_to.status());
  }
  // The new root comes from a signed checkpoint; the old one from a signed checkpoint when the
  // log recorded one, else from the tiles.
  const Result<tlog::Checkpoint> new_cp = tlog::open_checkpoint(*signed_to, reader.key());
  if (!new_cp.ok()) {
    return print_error(new_cp.status());
  }
  std::vector<Digest> proof;
  if (f.from > 0 && f.from < to) {
    Result<std::vector<Digest>> p = reader.tiles().consistency_proof(f.from, to);
    if (!p.ok()) {
      return print_error(p.status());
    }
    proof = std::move(p).value();
    Digest old_root;
    if (Result<std::string> signed_from = reader.signed_checkpoint_at(f.from); signed_from.ok()) {
      Result<tlog::Checkpoint> c = tlog::open_checkpoint(*signed_from, reader.key());
      if (!c.ok()) {
        return print_error(c.status());
      }
      old_root = c->root;
    } else {
      Result<Digest> r = reader.tiles().root(f.from);
      if (!r.ok()) {
        return print_error(r.status());
      }
      old_root = *r;
    }
    if (Status s = merkle::verify_consistency(f.from, to, old_root, new_cp->root, proof); !s.ok()) {
      return print_error(verify_failed(f.dir + ": the tiles do not prove size " +
                                       std::to_string(f.from) + " consistent with size " +
                                       std::to_string(to) + ": " + s.message()));
    }
  }
  // The body of a C2SP tlog-witness add-checkpoint request.
  std::cout << "old " << f.from << nl;
  for (const Digest& d : proof) {
    std::cout << to_base64(d) << nl;
  }
  std::cout << nl;
  write_lines(std::cout, *signed_to);
  return kExitOk;
}

int run_lookup(const LogFlags& f, const CLI::App& cmd) {
  std::vector<std::string> keys;
  std::string what;
  if (cmd.count("--content") > 0) {
    Result<Digest> root = parse_root(f.content, "--content");
    if (!root.ok()) {
      return print_error(root.status());
    }
    keys = content_lookup_keys(*root);
    what = "content root " + to_hex(*root);
  } else if (cmd.count("--manifest") > 0) {
    Result<Digest> id = parse_root(f.manifest, "--manifest");
    if (!id.ok()) {
      return print_error(id.status());
    }
    keys = {manifest_lookup_key(*id)};
    what = "manifest " + digest_id(*id);
  } else if (cmd.count("--lookup-key") > 0) {
    keys = {f.lookup_key};
    what = "lookup key " + f.lookup_key;
  } else if (!f.lookup_file.empty()) {
    // A file whose provenance was stripped: its byte root and, for media, its content root.
    Result<InputFile> input = InputFile::open(f.lookup_file);
    if (!input.ok()) {
      return print_error(input.status());
    }
    Result<FileBinding> fb = bind_file(*input);
    if (!fb.ok()) {
      return print_error(fb.status());
    }
    keys = {file_lookup_key(fb->root)};
    Result<media::MediaBinding> mb = media::bind_media(*input);
    if (mb.ok()) {
      keys.push_back(media_lookup_key(mb->content_root));
    }
    if (Status s = input->check_unchanged(); !s.ok()) {
      return print_error(s);
    }
    what = f.lookup_file;
  } else {
    return print_error(
        invalid_argument("give FILE, --content ROOT, --manifest ID or --lookup-key KEY"));
  }
  Result<std::unique_ptr<log::Reader>> reader = open_reader(f.dir, "");
  if (!reader.ok()) {
    return print_error(reader.status());
  }
  size_t found = 0;
  for (const std::string& key : keys) {
    Result<std::vector<log::LookupHit>> hits = (*reader)->lookup(key);
    if (!hits.ok()) {
      return print_error(hits.status());
    }
    for (const log::LookupHit& hit : *hits) {
      ++found;
      std::cout << hit.index << " " << key << nl;
      if (f.show_entries) {
        std::cout << as_chars(hit.entry) << nl;
      }
    }
  }
  if (found == 0) {
    std::fflush(stdout);
    std::cerr << "hallmark: no entry for " << what << " in " << f.dir << nl;
    return kExitNotVerified;
  }
  return kExitOk;
}

int run_fsck(const LogFlags& f, const Globals& g) {
  Result<std::optional<note::Verifier>> key = optional_key(f.key);
  if (!key.ok()) {
    return print_error(key.status());
  }
  log::FsckOptions options;
  options.key = *key;
  std::unique_ptr<Progress> progress;
  if (Progress::wanted(f.progress)) {
    options.on_progress = [&](uint64_t entries, uint64_t bytes, uint64_t size) {
      if (!progress) {
        progress = std::make_unique<Progress>("rehashed", "entries", size, 0, f.progress);
      }
      progress->update(entries, bytes);
    };
  }
  Result<log::FsckReport> report = log::fsck(f.dir, options);
  progress.reset();
  if (!report.ok()) {
    return print_error(report.status());
  }
  for (const std::string& w : report->warnings) {
    if (!g.quiet) {
      std::cerr << "hallmark: warning: " << w << nl;
    }
  }
  for (const std::string& p : report->problems) {
    std::cout << "problem: " << p << nl;
  }
  if (report->first_bad_index) {
    std::cout << "first bad index: " << *report->first_bad_index << nl;
  }
  if (!g.quiet || !report->clean()) {
    auto count = [](uint64_t n, const char* one, const char* many) {
      return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    std::cout << f.dir << ": size " << report->size << ", "
              << count(report->entries, "entry", "entries") << ", "
              << count(report->tiles, "tile", "tiles") << ", "
              << count(report->checkpoints, "recorded checkpoint", "recorded checkpoints") << ": "
              << (report->clean() ? "clean" : "NOT clean") << nl;
  }
  return report->clean() ? kExitOk : kExitNotVerified;
}

int run_verify_note(const LogFlags& f, const Globals& g) {
  Result<note::Verifier> key = note::parse_verifier(f.vkey);
  if (!key.ok()) {
    return print_error(key.status());
  }
  Result<std::string> text = read_file(f.note_file, kMaxNoteFile);
  if (!text.ok()) {
    return print_error(text.status());
  }
  Result<note::Opened> opened = note::open(*text, {&*key, 1});
  if (!opened.ok()) {
    return print_error(opened.status().with_context(f.note_file));
  }
  if (!g.quiet) {
    for (const note::VerifiedSignature& v : opened->verified) {
      std::cout << "verified " << v.by.to_string().substr(0, v.by.name.size() + 9);
      if (v.timestamp) {
        std::cout << " time " << *v.timestamp;
      }
      std::cout << nl;
    }
    write_lines(std::cout, opened->text);
  }
  return kExitOk;
}

}  // namespace

void add_log_commands(CLI::App& app, Globals& g) {
  auto f = std::make_shared<LogFlags>();
  CLI::App* log = app.add_subcommand("log", "Transparency log tools (see hallmark-log(1))");
  log->require_subcommand(1);

  const auto dir_arg = [&](CLI::App* cmd) {
    cmd->add_option("dir", f->dir, "Log directory")->required();
  };
  const auto key_opt = [&](CLI::App* cmd) {
    cmd->add_option("--key", f->key,
                    "Verifier key of a foreign tlog-tiles log (default: the hallmark log's own)");
  };

  CLI::App* init = log->add_subcommand("init", "Create a log; prints its verifier key");
  dir_arg(init);
  init->add_option("--origin", f->origin, "Log origin (required), e.g. example.com/log");
  init->callback([f, &g] { g.exit_code = run_init(*f, g); });

  CLI::App* append =
      log->add_subcommand("append", "Append files as entries (one batch); prints their indexes");
  dir_arg(append);
  append->add_option("files", f->files, "Files, each one entry of at most 65535 bytes")->required();
  append->add_option("--lookup-key", f->lookup_keys, "Lookup key for every entry (repeatable)");
  append->callback([f, &g] { g.exit_code = run_append(*f); });

  CLI::App* checkpoint = log->add_subcommand("checkpoint", "Print the verified latest checkpoint");
  dir_arg(checkpoint);
  key_opt(checkpoint);
  checkpoint->callback([f, &g] { g.exit_code = run_checkpoint(*f); });

  CLI::App* prove =
      log->add_subcommand("prove", "Print a tlog-proof receipt for an entry (checked first)");
  dir_arg(prove);
  key_opt(prove);
  prove->add_option("--index", f->index, "Entry index")->required();
  CLI::Option* size =
      prove->add_option("--size", f->size, "Prove against the checkpoint of this tree size");
  prove->add_option("--checkpoint", f->checkpoint_file, "Prove against this signed checkpoint")
      ->excludes(size);
  prove->callback([f, &g, prove] { g.exit_code = run_prove(*f, *prove); });

  CLI::App* consistency = log->add_subcommand(
      "consistency", "Print a consistency proof (as a tlog-witness add-checkpoint body)");
  dir_arg(consistency);
  key_opt(consistency);
  consistency->add_option("--from", f->from, "Old tree size")->required();
  consistency->add_option("--to", f->to, "New tree size (default: the latest)");
  consistency->callback([f, &g, consistency] { g.exit_code = run_consistency(*f, *consistency); });

  CLI::App* lookup =
      log->add_subcommand("lookup", "Find the entries for a file, a content root or a manifest");
  dir_arg(lookup);
  CLI::Option* content = lookup->add_option("--content", f->content, "Content root (hex)");
  CLI::Option* manifest = lookup->add_option("--manifest", f->manifest, "Manifest id sha256:HEX");
  CLI::Option* raw = lookup->add_option("--lookup-key", f->lookup_key, "A raw lookup key");
  CLI::Option* file = lookup->add_option("file", f->lookup_file,
                                         "A file: look up its file root and media content root");
  content->excludes(manifest, raw, file);
  manifest->excludes(raw, file);
  raw->excludes(file);
  lookup->add_flag("--entries", f->show_entries, "Print each entry after its index");
  lookup->callback([f, &g, lookup] { g.exit_code = run_lookup(*f, *lookup); });

  CLI::App* fsck =
      log->add_subcommand("fsck", "Recompute every hash of a log from its entries and compare");
  dir_arg(fsck);
  key_opt(fsck);
  fsck->add_flag("--progress", f->progress, "Show progress on stderr even when not a terminal");
  fsck->callback([f, &g] { g.exit_code = run_fsck(*f, g); });

  CLI::App* verify_note = log->add_subcommand("verify-note", "Verify a signed note with a vkey");
  verify_note->add_option("vkey", f->vkey, "Verifier key name+hex8+base64")->required();
  verify_note->add_option("file", f->note_file, "Signed note file")->required();
  verify_note->callback([f, &g] { g.exit_code = run_verify_note(*f, g); });
}

}  // namespace hallmark::cli
