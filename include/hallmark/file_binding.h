// The file binding: an RFC 6962 Merkle tree over fixed-size chunks of a file's bytes, hashed
// in parallel on a WorkerPool. Memory stays bounded whatever the file size: one read buffer per
// thread plus the 32-byte-per-chunk leaf table. Thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "hallmark/input_file.h"
#include "hallmark/sha256.h"
#include "hallmark/status.h"
#include "hallmark/worker_pool.h"

namespace hallmark {

constexpr uint64_t kDefaultChunkSize = uint64_t{1} << 20;
constexpr uint64_t kMinChunkSize = uint64_t{1} << 12;
constexpr uint64_t kMaxChunkSize = uint64_t{1} << 26;

struct FileBinding {
  uint64_t size = 0;
  uint64_t chunk_size = kDefaultChunkSize;
  std::vector<Digest> leaves;  // leaves[i] = SHA-256(0x00 || chunk i).
  Digest root{};               // Merkle root of `leaves`; SHA-256("") for an empty file.
};

struct BindOptions {
  uint64_t chunk_size = kDefaultChunkSize;  // A power of two in [kMinChunkSize, kMaxChunkSize].
  unsigned threads = 0;                     // Without a pool: 0 = one per core.
  // The threads to hash on (not owned; must outlive the call), shared with whatever else the
  // caller runs on it; its concurrency is then the budget and `threads` is not used. Null: a
  // pool of `threads` is made for the call.
  WorkerPool* pool = nullptr;
};

// True for an allowed chunk size.
bool valid_chunk_size(uint64_t chunk_size);

// Binds `file`, as large as it was when opened. kInvalidArgument for a bad chunk size; kIoError
// from the OS, or if the file got shorter while it was being read. Whether it changed in any
// other way is for the caller to ask once all its readings of the file are done
// (InputFile::check_unchanged).
Result<FileBinding> bind_file(const InputFile& file, const BindOptions& options = {});

// A half-open byte range [begin, end).
struct ByteRange {
  uint64_t begin = 0;
  uint64_t end = 0;
  bool operator==(const ByteRange&) const = default;
};

// The byte ranges of `actual` that differ from what was signed: every chunk whose leaf differs
// (adjacent chunks merged), and the bytes past the signed size. Never past the end of `actual`
// (a file cut short has no bytes to point at; its size says so). Requires
// signed_leaves to be the leaves of a file of `signed_size` bytes in the same chunk size.
std::vector<ByteRange> changed_ranges(uint64_t signed_size, std::span<const Digest> signed_leaves,
                                      const FileBinding& actual);

}  // namespace hallmark
