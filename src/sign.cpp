#include "hallmark/sign.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>

#include "hallmark/anchor.h"
#include "hallmark/file_binding.h"
#include "hallmark/file_io.h"
#include "hallmark/history.h"
#include "hallmark/input_file.h"
#include "hallmark/rfc3339.h"
#include "hallmark/verify.h"
#include "media_record.h"

namespace hallmark {

namespace {

// Everything but writing: the signed bundle in memory.
Result<SignedFile> prepare(const std::string& file, const std::string& bundle_path,
                           const keys::SecretKey& key, const SignOptions& options) {
  // One open file for both bindings, so that they bind the same bytes.
  Result<InputFile> input = InputFile::open(file);
  HALLMARK_TRY(input);
  const uint64_t chunk = options.chunk_size != 0 ? options.chunk_size : kDefaultChunkSize;
  Result<FileBinding> binding = bind_file(*input, {chunk, options.threads, options.pool});
  HALLMARK_TRY(binding);

  Manifest m;
  m.created = options.created.empty() ? format_rfc3339(unix_now()) : options.created;
  m.generator = options.generator.empty() ? "hallmark" : options.generator;
  m.title = options.title.empty() ? std::filesystem::path(file).filename().string() : options.title;
  m.creator = {options.creator_name, key.public_key()};
  m.source_type = options.source_type;
  std::vector<SignedManifest> ancestors;
  std::set<std::string> seen;
  auto carry = [&](const SignedManifest& a) {
    if (seen.insert(a.id()).second) {
      ancestors.push_back(a);
    }
  };
  for (const ParentInput& p : options.parents) {
    const SignedManifest& psm = p.bundle.signed_manifest;
    m.parents.push_back({psm.id(), p.relationship, content_roots(psm.manifest)});
    carry(psm);
    for (const SignedManifest& a : p.bundle.ancestors) {
      carry(a);
    }
  }
  m.actions = options.actions;
  const bool claims_created = std::any_of(m.actions.begin(), m.actions.end(), [](const Action& a) {
    return a.action == "c2pa.created";
  });
  if (m.parents.empty() && !claims_created) {
    // An original starts with c2pa.created; the signer's own actions follow it.
    m.actions.insert(m.actions.begin(), Action{"c2pa.created", ""});
  } else if (!m.parents.empty() && m.actions.empty()) {
    m.actions.push_back(Action{"c2pa.edited", ""});
  }
  m.file = FileBindingInfo{binding->size, binding->chunk_size, binding->root};

  SignedFile out;
  Result<media::MediaBinding> media =
      media::bind_media(*input, {.include_location = options.include_location,
                                 .pool = options.pool,
                                 .threads = options.threads});
  if (media.ok()) {
    m.media = media_record::to_info(*media);
    m.claims = media->claims;
    out.warnings = media->warnings;
    out.bundle.media_leaves = media_record::take_leaves(*media);
  } else if (media.status().code() == Code::kCorrupt) {
    // Still signed by its bytes; but a remux or metadata edit will read as tampering.
    out.warnings.push_back("media not bound (" + media.status().message() +
                           "): only its bytes are signed");
  } else if (media.status().code() != Code::kUnsupported) {
    return media.status();
  } else if (Result<std::string> format = media::detect_media_format(*input);
             format.ok() && !format->empty()) {
    // HEIC, AVIF, GIF, TIFF, ...: media, but not bound by content yet.
    out.warnings.push_back(*format +
                           ": its content is not media-bound by this version; only "
                           "its bytes are signed");
  }

  // Never sign a file that changed while it was read: its bindings may mix two versions.
  HALLMARK_TRY(input->check_unchanged());
  Result<SignedManifest> sm = sign_manifest(m, key);
  HALLMARK_TRY(sm);
  out.file = file;
  out.bundle_path = bundle_path.empty() ? default_bundle_path(file) : bundle_path;
  out.bundle.signed_manifest = std::move(sm).value();
  out.bundle.file_leaves = std::move(binding->leaves);
  out.bundle.ancestors = std::move(ancestors);
  return out;
}

std::string directory_of(const std::string& path) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return dir.empty() ? "." : dir;
}

// A new bundle never silently replaces one that exists: it may hold an edit history,
// countersignatures and receipts that signing again would lose.
Status check_no_bundle(const std::string& bundle_path, const SignOptions& options) {
  if (!options.overwrite && path_exists(bundle_path)) {
    return invalid_argument(bundle_path + " already exists");
  }
  return {};
}

WriteOptions bundle_write_options(const SignOptions& options) {
  return {.mode = 0644, .sync = true, .exclusive = !options.overwrite};
}

}  // namespace

size_t remove_stale_bundle_temps(const std::string& dir, std::string_view also) {
  return remove_stale_temp_files(dir, [&](std::string_view target) {
    return target.ends_with(".hallmark") || (!also.empty() && target == also);
  });
}

Result<SignedFile> sign_file(const std::string& file, const std::string& bundle_path,
                             const keys::SecretKey& key, const SignOptions& options) {
  const std::string path = bundle_path.empty() ? default_bundle_path(file) : bundle_path;
  HALLMARK_TRY(check_no_bundle(path, options));
  Result<SignedFile> out = prepare(file, bundle_path, key, options);
  HALLMARK_TRY(out);
  if (!options.anchor_log.empty()) {
    Bundle* b = &out->bundle;
    HALLMARK_TRY(anchor_bundles(std::span(&b, 1), options.anchor_log));
  }
  Result<std::string> text = serialize_bundle(out->bundle);
  HALLMARK_TRY(text);
  HALLMARK_TRY(write_file_atomic(out->bundle_path, *text, bundle_write_options(options)));
  remove_stale_bundle_temps(directory_of(out->bundle_path),
                            std::filesystem::path(out->bundle_path).filename().string());
  return out;
}

Status rewrite_bundle(const std::string& path, std::string_view before, const Bundle& bundle) {
  Result<std::string> text = serialize_bundle(bundle);
  HALLMARK_TRY(text);
  // Checked just before the rename: the window left is that of one system call.
  Result<std::string> now = read_file(path, kMaxBundleSize);
  HALLMARK_TRY(now);
  if (*now != before) {
    return io_error(path + " changed while it was being updated (not overwritten): run again");
  }
  HALLMARK_TRY(write_file_atomic(path, *text));
  remove_stale_bundle_temps(directory_of(path), std::filesystem::path(path).filename().string());
  return {};
}

Result<Bundle> countersign_bundle(const std::string& bundle_path, const std::string& file,
                                  const keys::SecretKey& key) {
  Result<std::string> before = read_file(bundle_path, kMaxBundleSize);
  HALLMARK_TRY(before);
  Result<Bundle> b = parse_bundle(*before);
  HALLMARK_TRY(b.status().with_context(bundle_path));
  SignedManifest& sm = b->signed_manifest;
  for (const ManifestSignature& s : sm.signatures) {
    if (!verify_signature(sm, s).ok()) {
      return verify_failed(bundle_path + ": the signature by key " + s.key.id() +
                           " does not verify; refusing to countersign");
    }
  }
  // The file must still be what the manifest describes: its bytes, or its media content.
  VerifyOptions v;
  v.bundle_path = bundle_path;
  v.c2pa = false;
  Result<Report> r = verify_file(file, v, TrustStore());
  HALLMARK_TRY(r);
  if (!r->file_root_matches && !(r->media && r->media->content_matches)) {
    return verify_failed(file + " no longer matches its manifest (" +
                         (r->reason.empty() ? "its content differs" : r->reason) +
                         "); refusing to countersign");
  }
  HALLMARK_TRY(countersign(sm, key));
  HALLMARK_TRY(rewrite_bundle(bundle_path, *before, *b));
  return b;
}

namespace {

// sign_stream writes bundles in batches of this many files with one flush each (1000 files
// signed in one call are one batch, as the bench has them), or fewer when their bundles come to
// kSignBatchBytes; two batches are in memory at most, one being written while the next is
// prepared.
constexpr size_t kSignBatchFiles = 1024;
constexpr size_t kSignBatchBytes = size_t{32} << 20;
constexpr size_t kSignCleanedDirs = 16;

// One file of a sign_stream run, from the walk to its report.
struct Slot {
  std::string file;
  bool done = false;  // Guarded by the run's mutex until then.
  Result<SignedFile> result = internal_error("not run");
  std::string text;  // The serialised bundle, once prepared.
  size_t bytes = 0;  // Its size, counted in done_bytes until the slot goes.
};

// Signs with options.anchor_log: every manifest goes to the log in one batch before any
// bundle is written, so all of them are held until then.
Status sign_anchored(const std::function<std::optional<std::string>()>& next,
                     const keys::SecretKey& key, const SignOptions& options,
                     const SignOptions& per_file, const SignResultFn& on_result) {
  std::deque<Slot> slots;
  TaskGroup group(per_file.pool);  // After what its tasks use: it waits for them when it goes.
  while (std::optional<std::string> file = next()) {
    Slot& slot = slots.emplace_back();
    slot.file = std::move(*file);
    group.run([&slot, &key, &options, &per_file] {
      if (Status s = check_no_bundle(default_bundle_path(slot.file), options); !s.ok()) {
        slot.result = s;
      } else {
        slot.result = prepare(slot.file, "", key, per_file);
      }
    });
  }
  HALLMARK_TRY(group.wait());
  std::vector<Bundle*> bundles;
  for (Slot& slot : slots) {
    if (slot.result.ok()) {
      bundles.push_back(&slot.result->bundle);
    }
  }
  if (Status s = anchor_bundles(bundles, options.anchor_log); !s.ok()) {
    for (Slot& slot : slots) {
      if (slot.result.ok()) {
        slot.result = s;
      }
      on_result(slot.file, slot.result);
    }
    return {};
  }
  for (Slot& slot : slots) {
    if (slot.result.ok()) {
      group.run([&slot] {
        Result<std::string> text = serialize_bundle(slot.result->bundle);
        if (text.ok()) {
          slot.text = std::move(text).value();
        } else {
          slot.result = text.status();
        }
      });
    }
  }
  HALLMARK_TRY(group.wait());
  std::vector<std::pair<std::string, std::string>> batch;
  for (Slot& slot : slots) {
    if (slot.result.ok()) {
      batch.emplace_back(slot.result->bundle_path, std::move(slot.text));
    }
  }
  const std::vector<Status> written = write_files_atomic(batch, bundle_write_options(options));
  std::set<std::string> dirs;
  size_t k = 0;
  for (Slot& slot : slots) {
    if (slot.result.ok()) {
      if (!written[k].ok()) {
        slot.result = written[k];
      } else {
        dirs.insert(directory_of(slot.result->bundle_path));
      }
      ++k;
    }
  }
  for (const std::string& dir : dirs) {
    remove_stale_bundle_temps(dir);
  }
  for (Slot& slot : slots) {
    on_result(slot.file, slot.result);
  }
  return {};
}

}  // namespace

Status sign_stream(const std::function<std::optional<std::string>()>& next,
                   const keys::SecretKey& key, const SignOptions& options, unsigned jobs,
                   const SignResultFn& on_result) {
  std::optional<WorkerPool> own;
  WorkerPool* pool = options.pool != nullptr ? options.pool : &own.emplace(jobs);
  // Files are the unit of parallelism, and each file's hashing runs on the same pool, so one
  // file alone still gets every thread.
  SignOptions per_file = options;
  per_file.pool = pool;
  if (!options.anchor_log.empty()) {
    return sign_anchored(next, key, options, per_file, on_result);
  }

  std::mutex mu;
  std::deque<Slot> slots;  // In the order of `next`: in flight, then written and reported.
  size_t done_prefix = 0;  // slots[0, done_prefix) are done. Guarded by mu.
  size_t done_bytes = 0;   // Serialised bytes held by done slots. Guarded by mu.
  bool walked = false;
  // A few recent directories whose stale temporaries were removed: a tree is walked one
  // directory at a time, so this is each directory once, in memory that does not grow.
  std::deque<std::string> cleaned;
  auto clean = [&](const std::string& dir) {
    if (std::find(cleaned.begin(), cleaned.end(), dir) != cleaned.end()) {
      return;
    }
    remove_stale_bundle_temps(dir);
    cleaned.push_back(dir);
    if (cleaned.size() > kSignCleanedDirs) {
      cleaned.pop_front();
    }
  };
  auto mark_done = [&](Slot& slot) {
    std::lock_guard lock(mu);
    slot.done = true;
    slot.bytes = slot.text.size();
    done_bytes += slot.bytes;
    while (done_prefix < slots.size() && slots[done_prefix].done) {
      ++done_prefix;
    }
  };
  TaskGroup group(pool);  // After what its tasks use: it waits for them when it goes.
  while (true) {
    // Keep up to two batches in flight: one being written while the next is prepared.
    while (!walked) {
      {
        std::lock_guard lock(mu);
        if (slots.size() >= 2 * kSignBatchFiles || done_bytes >= kSignBatchBytes) {
          break;
        }
      }
      std::optional<std::string> file = next();
      if (!file) {
        walked = true;
        break;
      }
      Slot* slot;
      {
        std::lock_guard lock(mu);  // The deque grows while tasks read their slots.
        slot = &slots.emplace_back();
      }
      slot->file = std::move(*file);
      group.run([slot, &key, &options, &per_file, &mark_done] {
        if (Status s = check_no_bundle(default_bundle_path(slot->file), options); !s.ok()) {
          slot->result = s;
        } else {
          slot->result = prepare(slot->file, "", key, per_file);
          if (slot->result.ok()) {
            Result<std::string> text = serialize_bundle(slot->result->bundle);
            if (text.ok()) {
              slot->text = std::move(text).value();
            } else {
              slot->result = text.status();
            }
          }
        }
        mark_done(*slot);
      });
    }
    size_t in_flight;
    {
      std::lock_guard lock(mu);
      in_flight = slots.size();
    }
    if (in_flight == 0) {
      break;
    }
    // The next batch: a whole one, or what is left once the walk is done, or less if the
    // bundles done already are large.
    const size_t want = walked ? in_flight : std::min(in_flight, kSignBatchFiles);
    group.wait_until([&] {
      std::lock_guard lock(mu);
      return done_prefix >= want || (done_prefix > 0 && done_bytes >= kSignBatchBytes);
    });
    size_t count;
    {
      std::lock_guard lock(mu);
      count = std::min(done_prefix, want);
    }
    // Written with one flush for the batch.
    std::vector<std::pair<std::string, std::string>> batch;
    std::vector<size_t> index;
    for (size_t i = 0; i < count; ++i) {
      Slot& slot = slots[i];
      if (slot.result.ok()) {
        clean(directory_of(slot.result->bundle_path));
        index.push_back(i);
        batch.emplace_back(slot.result->bundle_path, std::move(slot.text));
      }
    }
    const std::vector<Status> written = write_files_atomic(batch, bundle_write_options(options));
    for (size_t k = 0; k < index.size(); ++k) {
      if (!written[k].ok()) {
        slots[index[k]].result = written[k];
      }
    }
    for (size_t i = 0; i < count; ++i) {
      on_result(slots[i].file, slots[i].result);
    }
    std::lock_guard lock(mu);
    for (size_t i = 0; i < count; ++i) {
      done_bytes -= slots.front().bytes;
      slots.pop_front();
    }
    done_prefix -= count;
  }
  return group.wait();
}

std::vector<Result<SignedFile>> sign_files(const std::vector<std::string>& files,
                                           const keys::SecretKey& key, const SignOptions& options,
                                           unsigned jobs,
                                           const std::function<void(size_t)>& on_done) {
  std::vector<Result<SignedFile>> results;
  results.reserve(files.size());
  size_t next = 0;
  const Status s = sign_stream(
      [&]() -> std::optional<std::string> {
        if (next == files.size()) {
          return std::nullopt;
        }
        return files[next++];
      },
      key, options, jobs,
      [&](const std::string&, Result<SignedFile>& r) {
        results.push_back(std::move(r));
        if (on_done) {
          on_done(results.size() - 1);
        }
      });
  // Files never reported (an exception-free run reports every one) fail with its error.
  while (results.size() < files.size()) {
    results.push_back(s.ok() ? internal_error("not signed") : s);
  }
  return results;
}

}  // namespace hallmark
