// Random-access reads from a file without loading it: pread on a descriptor. Hashing large
// assets streams through a fixed buffer, so memory stays bounded whatever the file size.
// Thread-safety: one object per thread.
#pragma once

#include <cstdint>
#include <string>

#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark::c2pa {

class FileSource {
 public:
  FileSource() = default;
  ~FileSource();
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  FileSource(FileSource&& other) noexcept;
  FileSource& operator=(FileSource&& other) noexcept;

  // kNotFound, kInvalidArgument (not a regular file) or kIoError; messages name the path.
  static Result<FileSource> open(const std::string& path);

  uint64_t size() const { return size_; }
  const std::string& path() const { return path_; }
  // Exactly `n` bytes at `offset`; kCorrupt if that runs past the end.
  Status read(uint64_t offset, size_t n, std::byte* out) const;
  Result<Bytes> read(uint64_t offset, size_t n) const;

 private:
  int fd_ = -1;
  uint64_t size_ = 0;
  std::string path_;
};

// A byte range of an asset.
struct Range {
  uint64_t start = 0;
  uint64_t length = 0;
};

}  // namespace hallmark::c2pa
