// Signing files: bind, build the manifest, sign, verify the signature, then write the bundle
// FILE.hallmark atomically. The signed file is only ever read. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "hallmark/bundle.h"
#include "hallmark/keys.h"
#include "hallmark/manifest.h"
#include "hallmark/status.h"

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
  unsigned threads = 0;                // 0: one per core.
  bool include_location = false;       // Copy a GPS position into the claims (else redacted).
  std::string anchor_log{};            // Append to this log before writing (receipts inside).
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
// kInvalidArgument for options that break the manifest rules; I/O errors name the path.
Result<SignedFile> sign_file(const std::string& file, const std::string& bundle_path,
                             const keys::SecretKey& key, const SignOptions& options);

// Adds `key`'s countersignature to the bundle at `bundle_path` and rewrites it atomically.
// The manifest itself is not changed. kVerifyFailed if the bundle's own signatures do not
// verify (a countersignature must not vouch for a broken manifest); kInvalidArgument if the
// key has already signed.
Result<Bundle> countersign_bundle(const std::string& bundle_path, const keys::SecretKey& key);

// Signs many files concurrently; results are in the order of `files`. `on_done` (optional) is
// called once per file, from worker threads, as each is signed. With options.anchor_log all
// signed manifests go to the log in one batch before any bundle is written; if that append
// fails, every file fails with its error and no bundle is written.
std::vector<Result<SignedFile>> sign_files(
    const std::vector<std::string>& files, const keys::SecretKey& key, const SignOptions& options,
    unsigned jobs, const std::function<void(size_t index)>& on_done = nullptr);

}  // namespace hallmark
