#include "hallmark/sign.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <set>
#include <thread>

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
  Result<FileBinding> binding = bind_file(*input, {chunk, options.threads});
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
  Result<media::MediaBinding> media = media::bind_media(*input, {options.include_location});
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

std::vector<Result<SignedFile>> sign_files(const std::vector<std::string>& files,
                                           const keys::SecretKey& key, const SignOptions& options,
                                           unsigned jobs,
                                           const std::function<void(size_t)>& on_done) {
  std::vector<Result<SignedFile>> results(files.size(),
                                          Result<SignedFile>(internal_error("not run")));
  // Files are hashed one thread each (one file alone gets all cores); more workers than
  // cores, because reading small files waits on the disk.
  SignOptions per_file = options;
  per_file.threads = files.size() == 1 ? options.threads : 1;
  if (jobs == 0) {
    jobs = std::max(4u, 4 * std::thread::hardware_concurrency());
  }
  jobs = static_cast<unsigned>(std::clamp<size_t>(files.size(), 1, jobs));
  auto parallel = [&](const std::function<void(size_t)>& work) {
    std::atomic<size_t> next{0};
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < jobs; ++t) {
      pool.emplace_back([&] {
        for (size_t i = next++; i < files.size(); i = next++) {
          work(i);
        }
      });
    }
    for (std::thread& t : pool) {
      t.join();
    }
  };
  parallel([&](size_t i) {
    if (Status s = check_no_bundle(default_bundle_path(files[i]), options); !s.ok()) {
      results[i] = s;
    } else {
      results[i] = prepare(files[i], "", key, per_file);
    }
    if (on_done) {
      on_done(i);
    }
  });
  if (!options.anchor_log.empty()) {
    std::vector<Bundle*> bundles;
    for (Result<SignedFile>& r : results) {
      if (r.ok()) {
        bundles.push_back(&r->bundle);
      }
    }
    if (Status s = anchor_bundles(bundles, options.anchor_log); !s.ok()) {
      for (Result<SignedFile>& r : results) {
        if (r.ok()) {
          r = s;
        }
      }
      return results;
    }
  }
  // Serialised in parallel, then written with one flush for all of them.
  std::vector<std::pair<std::string, std::string>> writes(files.size());
  parallel([&](size_t i) {
    if (results[i].ok()) {
      Result<std::string> text = serialize_bundle(results[i]->bundle);
      if (text.ok()) {
        writes[i] = {results[i]->bundle_path, std::move(text).value()};
      } else {
        results[i] = text.status();
      }
    }
  });
  std::vector<size_t> index;
  std::vector<std::pair<std::string, std::string>> batch;
  for (size_t i = 0; i < files.size(); ++i) {
    if (results[i].ok()) {
      index.push_back(i);
      batch.push_back(std::move(writes[i]));
    }
  }
  const std::vector<Status> written = write_files_atomic(batch, bundle_write_options(options));
  std::set<std::string> dirs;
  for (size_t k = 0; k < index.size(); ++k) {
    if (!written[k].ok()) {
      results[index[k]] = written[k];
    } else {
      dirs.insert(directory_of(results[index[k]]->bundle_path));
    }
  }
  for (const std::string& dir : dirs) {
    remove_stale_bundle_temps(dir);
  }
  return results;
}

}  // namespace hallmark
