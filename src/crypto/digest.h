// SHA-2 digests (SHA-256, SHA-384, SHA-512), one-shot and incremental, for the algorithms named
// the way C2PA names them. OpenSSL does the work, on the CPU's SHA extensions where present.
// digest.cpp holds the seam's one digest-context wrapper; it also implements the public
// hallmark/sha256.h (sha256(), Sha256), the SHA-256 the rest of hallmark uses.
// Thread-safety: the free functions are thread-safe; a Hasher is not shared between threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark::crypto {

// The digest of `data` with "sha256", "sha384" or "sha512"; kUnsupported (naming the algorithm)
// for any other name, kInternal if OpenSSL fails.
Result<Bytes> digest(std::string_view alg, ByteView data);

// Incremental digest; `alg` as for digest().
class Hasher {
 public:
  // kUnsupported for an unknown `alg`; kInternal when no digest context can be had.
  static Result<std::unique_ptr<Hasher>> create(std::string_view alg);
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  void update(ByteView data);
  // The digest of everything since create() or the last finish() (32, 48 or 64 bytes); then
  // starts afresh.
  Bytes finish();

 private:
  Hasher() = default;
  void* ctx_ = nullptr;  // The digest context (digest.cpp), owned.
};

}  // namespace hallmark::crypto
