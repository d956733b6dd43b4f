// Whole-file reads with a size limit, and atomic writes (temp file -> fsync -> rename ->
// fsync of the directory), so a crash leaves either the old file or the new one, never a
// mixture. Thread-safe: distinct paths may be written from several threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark {

// The contents of a regular file. kNotFound if it does not exist, kInvalidArgument for a
// directory or other non-regular file, kCorrupt if larger than `max_size` bytes, kIoError for
// anything else the OS refuses. Messages name the path.
Result<std::string> read_file(const std::string& path, uint64_t max_size);

// OK if `path` is a regular file this process can open for reading (without reading it and
// without blocking on FIFOs); the same errors as read_file otherwise.
Status check_readable_file(const std::string& path);

struct WriteOptions {
  unsigned mode = 0644;    // Permissions of the new file, exactly (the umask is ignored).
  bool sync = true;        // fsync the file and its directory; off only for scratch data.
  bool exclusive = false;  // Fail with kIoError "exists" if the path already exists.
};

// Writes `data` to `path` atomically. The temporary lives next to `path` and is removed on
// failure. Existing files are replaced (unless exclusive) only after the new data is durable.
Status write_file_atomic(const std::string& path, ByteView data, const WriteOptions& options = {});
inline Status write_file_atomic(const std::string& path, std::string_view data,
                                const WriteOptions& options = {}) {
  return write_file_atomic(path, as_bytes(data), options);
}

// Writes many files atomically with one flush for all: each is written to a temporary file
// without its own fsync, then one syncfs() makes every temporary durable, then each is renamed
// into place and each distinct directory is fsync'ed once. A crash leaves every path with its
// old contents or its new ones. The result per file is in the order given; a failed file does
// not stop the others. (With a thousand small files, a thousand fsyncs cost more than the
// signing.)
std::vector<Status> write_files_atomic(
    const std::vector<std::pair<std::string, std::string>>& files, unsigned mode = 0644);

// fsync of a directory, so that renames and creations inside it are durable.
Status sync_directory(const std::string& dir);

}  // namespace hallmark
