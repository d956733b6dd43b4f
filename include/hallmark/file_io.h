// Whole-file reads with a size limit, and atomic writes (temp file -> fsync -> rename ->
// fsync of the directory), so a crash leaves either the old file or the new one, never a
// mixture. Thread-safe: distinct paths may be written from several threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark {

struct ReadOptions {
  // False: a symbolic link as the last component of the path is not opened (O_NOFOLLOW) and
  // reads as kNotFound "PATH is a symbolic link (not followed)". Directories in the path are
  // still followed.
  bool follow_symlinks = true;
};

// The contents of a regular file. kNotFound if it does not exist, kInvalidArgument for a
// directory or other non-regular file, kCorrupt if larger than `max_size` bytes, kIoError for
// anything else the OS refuses. Messages name the path.
Result<std::string> read_file(const std::string& path, uint64_t max_size,
                              const ReadOptions& options = {});

// OK if `path` is a regular file this process can open for reading (without reading it and
// without blocking on FIFOs); the same errors as read_file otherwise.
Status check_readable_file(const std::string& path);

// True if `path` itself (not what it points to) is a symbolic link.
bool is_symlink(const std::string& path);

// True if something (a file, a directory, a dangling symbolic link, ...) is at `path`.
bool path_exists(const std::string& path);

struct WriteOptions {
  unsigned mode = 0644;  // Permissions of the new file, exactly (the umask is ignored).
  bool sync = true;      // fsync the file and its directory; off only for scratch data.
  // Fail with kIoError "PATH already exists" if anything is at the path, checked atomically
  // with the rename (renameat2 RENAME_NOREPLACE; link(2) where the file system lacks it).
  bool exclusive = false;
};

// Writes `data` to `path` atomically. The temporary ("PATH.tmp-<pid>-<n>-<random>", see
// parse_temp_file_name) lives next to `path` and is removed on failure. Existing files are
// replaced (unless exclusive) only after the new data is durable. On any error `path` is as
// it was and no temporary is left (barring a failure of the unlink that removes it).
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
// With options.exclusive, a path that exists fails alone, as in write_file_atomic;
// options.sync is ignored (always synced).
std::vector<Status> write_files_atomic(
    const std::vector<std::pair<std::string, std::string>>& files,
    const WriteOptions& options = {});

// fsync of a directory, so that renames and creations inside it are durable.
Status sync_directory(const std::string& dir);

// A temporary file of write_file_atomic / write_files_atomic, by its name
// "<target>.tmp-<pid>-<n>-<random>": the file it was to become, and the process writing it.
struct TempFileName {
  std::string target;  // File name (no directory) of the file being written.
  int64_t pid = 0;     // The writer's process id.
};
// The parts of a temporary's file name (no directory), or nullopt for any other name.
std::optional<TempFileName> parse_temp_file_name(std::string_view name);

// Whether the temporary at `path` (a name parse_temp_file_name accepts) is stale: its writer
// is gone. True only when that is certain from /proc: no process has the writer's pid, or the
// process that has it now started after the file was last modified (the pid was reused; a
// writer modifies its temporary only while it runs). A live writer's file, and any file whose
// state cannot be read, is not stale. Writers in another pid namespace are not seen: do not
// share a directory between containers that write into it at the same time.
bool is_stale_temp_file(const std::string& path);

// Removes the stale temporaries (is_stale_temp_file) in `dir` whose target `wanted` accepts,
// as left by a writer killed mid-write (kill -9, a crash). Best effort; returns how many were
// removed.
size_t remove_stale_temp_files(const std::string& dir,
                               const std::function<bool(std::string_view target)>& wanted);

}  // namespace hallmark
