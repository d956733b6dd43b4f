// Signing files: bind, build the manifest, sign, verify the signature, then write the bundle
// FILE.hallmark atomically. The signed file is only ever read. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/bundle.h"
#include "hallmark/keys.h"
#include "hallmark/manifest.h"
#include "hallmark/status.h"
#include "hallmark/worker_pool.h"

namespace hallmark {

// A file this one was derived from, with its bundle.
struct ParentInput {
  std::string relationship;  // "parentOf" or "componentOf".
  Bundle bundle;
};

struct SignOptions {
  std::string creator_name{};          // Shown as the manifest's creator name (the key's name).
  std::string title{};                 // Empty: the file's name.
  std::string source_type{};           // IPTC term or empty.
  std::vector<Action> actions{};       // Empty: c2pa.created for an original, c2pa.edited else.
  std::vector<ParentInput> parents{};  // Recorded with their roots; carried as ancestors.
  uint64_t chunk_size = 0;             // 0: the default (1 MiB).
  std::string generator{};             // "hallmark/<version>".
  std::string created{};               // Empty: now.
  unsigned threads = 0;                // Hashing threads without a pool; 0: one per core.
  // The threads to hash on (not owned; must outlive the call), shared with the caller's other
  // work; `threads` is then not used. sign_stream and sign_files run their files on it too.
  WorkerPool* pool = nullptr;
  bool include_location = false;  // Copy a GPS position into the claims (else redacted).
  std::string anchor_log{};       // Append to this log before writing (receipts inside).
  // Replace a bundle that already exists, losing its manifest, countersignatures and
  // receipts. Off: such a file is refused before it is signed or anchored.
  bool overwrite = false;
};

struct SignedFile {
  std::string file;
  std::string bundle_path;
  Bundle bundle;
  std::vector<std::string> warnings;  // "media not bound: ...", tolerated damage, ...
};

// Signs one file and writes its bundle to `bundle_path` (empty: FILE.hallmark). The manifest
// binds the file's bytes and, for media hallmark recognises, its content (hallmark-media(7)),
// with the capture claims from its metadata. With options.anchor_log the signed manifest is
// appended to that log first and the bundle carries the receipt.
// kInvalidArgument for options that break the manifest rules, and (unless options.overwrite)
// if anything is at the bundle path already ("PATH already exists"; kIoError if it appeared
// while the file was being signed); I/O errors name the path. On an error the bundle path is
// as it was. Stale temporaries of killed writers next to the bundle are removed.
Result<SignedFile> sign_file(const std::string& file, const std::string& bundle_path,
                             const keys::SecretKey& key, const SignOptions& options);

// Adds `key`'s countersignature to the bundle at `bundle_path` and rewrites it atomically;
// `file` is the file it signs. The manifest itself is not changed. kVerifyFailed if the
// bundle's own signatures do not verify, or if `file` no longer matches the manifest (neither
// its bytes nor its media content as signed): a countersignature must not vouch for a broken
// manifest nor for a file that is not what it describes. kInvalidArgument if the key has
// already signed; kIoError if the bundle changed while this ran (see rewrite_bundle).
Result<Bundle> countersign_bundle(const std::string& bundle_path, const std::string& file,
                                  const keys::SecretKey& key);

// Rewrites the bundle at `path` with `bundle` atomically, if the file still holds exactly
// `before` (the bytes `bundle` was made from): kIoError "PATH changed while ..." otherwise,
// so that what a concurrent writer added (a countersignature, a receipt) is not lost. Stale
// temporaries of killed writers next to it are removed.
Status rewrite_bundle(const std::string& path, std::string_view before, const Bundle& bundle);

// Removes the stale temporaries of bundles (FILE.hallmark.tmp-*, see is_stale_temp_file) in
// `dir`, and those of `also` (a file name) if given. Returns how many were removed.
size_t remove_stale_bundle_temps(const std::string& dir, std::string_view also = {});

// What sign_stream reports for each file, on the calling thread, in the order of the files.
// The result may be moved from.
using SignResultFn = std::function<void(const std::string& file, Result<SignedFile>& result)>;

// Signs the files `next` gives (nullopt: no more) concurrently, on options.pool or a pool of
// `jobs` threads (0: one per core) that also does each file's hashing, so that no more threads
// are at work than that. Files are read from `next` as they are needed and each is reported
// through `on_result` once its bundle is written (or it failed), in the order `next` gave them;
// memory holds two batches of files (up to 1024 each) whatever their number. A file whose
// bundle exists (unless options.overwrite) fails alone, before it is signed. Each batch of
// bundles is written with one flush (write_files_atomic): a file either has its new bundle (and
// an OK result) or is as it was. With options.anchor_log all signed manifests go to the log in
// one batch before any bundle is written, so all of them are held until then; if that append
// fails, every file fails with its error and no bundle is written. The Status fails only if a
// task failed outside any file's result; an exception a task throws is rethrown here.
Status sign_stream(const std::function<std::optional<std::string>()>& next,
                   const keys::SecretKey& key, const SignOptions& options, unsigned jobs,
                   const SignResultFn& on_result);

// sign_stream over a list: results in the order of `files`. `on_done` (optional) is called on
// the calling thread once per file, with its index, as its result is ready.
std::vector<Result<SignedFile>> sign_files(
    const std::vector<std::string>& files, const keys::SecretKey& key, const SignOptions& options,
    unsigned jobs, const std::function<void(size_t index)>& on_done = nullptr);

}  // namespace hallmark
