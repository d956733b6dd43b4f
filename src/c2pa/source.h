// Random-access reads from a file without loading it: pread on one open InputFile. Hashing large
// assets streams through a fixed buffer, so memory stays bounded whatever the file size.
// Thread-safety: one object per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "hallmark/bytes.h"
#include "hallmark/input_file.h"
#include "hallmark/status.h"

namespace hallmark::c2pa {

class FileSource {
 public:
  // Reads `file`, which must outlive the source.
  explicit FileSource(const InputFile& file) : file_(&file) {}
  FileSource(FileSource&&) noexcept = default;
  FileSource& operator=(FileSource&&) noexcept = default;

  // A source that owns its file (a sidecar, a fragment). kNotFound, kInvalidArgument (not a
  // regular file) or kIoError; messages name the path.
  static Result<FileSource> open(const std::string& path);

  uint64_t size() const { return file_->size(); }
  const std::string& path() const { return file_->path(); }
  // Exactly `n` bytes at `offset`; kCorrupt if that runs past the end.
  Status read(uint64_t offset, size_t n, std::byte* out) const;
  Result<Bytes> read(uint64_t offset, size_t n) const;

 private:
  std::unique_ptr<InputFile> owned_;
  const InputFile* file_ = nullptr;
};

// A byte range of an asset.
struct Range {
  uint64_t start = 0;
  uint64_t length = 0;
};

}  // namespace hallmark::c2pa
