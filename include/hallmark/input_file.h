// One open input file: a descriptor and the fstat taken when it was opened. Every reading of a
// file that a verdict rests on -- format detection, the file binding, the media binding, C2PA,
// a log lookup -- goes through one InputFile, never through the path again, so all of them see
// the same bytes; check_unchanged() then tells whether those bytes can have moved while they
// were read (the file rewritten in place, or another file renamed over its name).
// Thread-safe: reads are pread on a shared descriptor and change no state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark {

class InputFile {
 public:
  // Opens `path` for reading without blocking (a FIFO is refused, never waited on) and takes
  // its fstat. A file modified within the filesystem's timestamp granularity is re-examined
  // until its times have settled, so that a later write always shows as a new mtime or ctime.
  // kNotFound, kInvalidArgument (a directory or not a regular file), kIoError (including a
  // file that keeps changing). Messages name the path.
  static Result<InputFile> open(const std::string& path);

  InputFile(InputFile&& other) noexcept;
  InputFile& operator=(InputFile&& other) noexcept;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile();

  // The path it was opened by: for messages and as a format hint only, never to be reopened.
  const std::string& path() const { return path_; }
  int fd() const { return fd_; }
  // The size at open.
  uint64_t size() const { return size_; }

  // Up to out.size() bytes at `offset`; the count read, 0 at the end of the file.
  Result<size_t> read_some(uint64_t offset, std::span<std::byte> out) const;
  // Exactly out.size() bytes at `offset`; kIoError "PATH changed while it was being read" if
  // the file ends sooner than the size it had at open, kCorrupt if the range is past it.
  Status read_exact(uint64_t offset, std::span<std::byte> out) const;
  Result<Bytes> read(uint64_t offset, size_t n) const;
  // The whole file; kCorrupt if it is larger than `max_size`.
  Result<Bytes> read_all(uint64_t max_size) const;

  // OK if the file is still the one opened, unchanged: the same inode with the same size,
  // modification and change times, and its path still names it. kIoError "PATH changed while
  // it was being read" otherwise.
  Status check_unchanged() const;

 private:
  InputFile() = default;

  int fd_ = -1;
  std::string path_;
  uint64_t size_ = 0;
  uint64_t dev_ = 0, ino_ = 0;
  int64_t mtime_ns_ = 0, ctime_ns_ = 0;
};

}  // namespace hallmark
