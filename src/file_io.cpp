#include "hallmark/file_io.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <filesystem>
#include <random>

#include "file_open.h"
#include "unique_fd.h"

namespace hallmark {
namespace {

std::string parent_dir(const std::string& path) {
  std::filesystem::path p(path);
  std::filesystem::path parent = p.parent_path();
  return parent.empty() ? "." : parent.string();
}

std::string temp_name(const std::string& path) {
  static std::atomic<uint64_t> counter{0};
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
         std::to_string(rng() % 1000000);
}

Status write_all(int fd, ByteView data, const std::string& path) {
  const std::byte* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno_status("cannot write " + path, errno);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return {};
}

}  // namespace

Status open_regular(const std::string& path, UniqueFd& fd, struct stat& st,
                    const ReadOptions& options) {
  const int nofollow = options.follow_symlinks ? 0 : O_NOFOLLOW;
  fd.reset(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | nofollow));
  if (fd.get() < 0) {
    if (errno == ELOOP && !options.follow_symlinks && is_symlink(path)) {
      return not_found(path + " is a symbolic link (not followed)");
    }
    return errno_status("cannot open " + path, errno);
  }
  if (::fstat(fd.get(), &st) != 0) {
    return errno_status("cannot stat " + path, errno);
  }
  if (S_ISDIR(st.st_mode)) {
    return invalid_argument(path + " is a directory");
  }
  if (!S_ISREG(st.st_mode)) {
    return invalid_argument(path + " is not a regular file");
  }
  return {};
}

namespace {

// A finished temporary on its way to `path`. The last step, the fsync of the directory, comes
// after the rename; if it fails, the rename is undone, so an error always leaves `path` as it
// was: the file that was there is kept under a second name (a hard link) until then.
struct Placement {
  std::string tmp;
  std::string path;
  bool exclusive = false;
  std::string backup;  // A second name of the file `path` held, while it can be restored.
  bool placed = false;

  // Before the rename (only when a failure after it must be undone).
  Status keep_old() {
    if (exclusive) {
      return {};
    }
    const std::string name = temp_name(path);
    if (::link(path.c_str(), name.c_str()) == 0) {
      backup = name;
      return {};
    }
    const int err = errno;
    if (err == ENOENT || err == EPERM || err == ENOTSUP || err == EMLINK || err == EXDEV) {
      return {};  // Nothing there, or no hard links here: a failed flush cannot be undone.
    }
    ::unlink(tmp.c_str());
    return errno_status("cannot replace " + path, err);
  }

  // Moves `tmp` to `path` (without replacing anything if `exclusive`); on failure removes
  // `tmp` and leaves `path` as it was.
  Status place() {
    int rc;
    int err;
    if (!exclusive) {
      rc = ::rename(tmp.c_str(), path.c_str());
      err = errno;
    } else {
      rc = ::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
      err = errno;
      if (rc != 0 && (err == EINVAL || err == ENOSYS || err == ENOTSUP)) {
        // A file system without RENAME_NOREPLACE: link() fails too if the target exists.
        rc = ::link(tmp.c_str(), path.c_str());
        err = errno;
        if (rc == 0) {
          ::unlink(tmp.c_str());
        }
      }
    }
    if (rc != 0) {
      ::unlink(tmp.c_str());
      drop_backup();
      if (exclusive && err == EEXIST) {
        return io_error(path + " already exists");
      }
      return errno_status((exclusive ? "cannot create " : "cannot replace ") + path, err);
    }
    placed = true;
    return {};
  }

  // After a failed flush: `path` back as it was (best effort).
  void undo() {
    if (!placed) {
      return;
    }
    if (!backup.empty()) {
      if (::rename(backup.c_str(), path.c_str()) == 0) {
        backup.clear();
      }
    } else if (exclusive) {
      ::unlink(path.c_str());
    }
    placed = false;
  }

  void drop_backup() {
    if (!backup.empty()) {
      ::unlink(backup.c_str());
      backup.clear();
    }
  }
};

constexpr std::string_view kTempMarker = ".tmp-";

// Parses a decimal number made of digits only (no sign, no spaces).
std::optional<uint64_t> parse_digits(std::string_view s) {
  if (s.empty() || s.size() > 19) {
    return std::nullopt;
  }
  uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) {
    return std::nullopt;
  }
  return v;
}

// When process `pid` started, in whole seconds since the epoch, rounded down (so it started
// no earlier than this): nullopt with `gone` set if no process has that pid, nullopt with
// `gone` clear if it cannot be told.
std::optional<int64_t> process_start(int64_t pid, bool& gone) {
  gone = false;
  if (::access("/proc/self/stat", R_OK) != 0) {
    return std::nullopt;  // No /proc: nothing can be told.
  }
  Result<std::string> stat = read_file("/proc/" + std::to_string(pid) + "/stat", 4096);
  if (!stat.ok()) {
    gone = stat.status().code() == Code::kNotFound;
    return std::nullopt;
  }
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses; field 22 is the start
  // time in clock ticks since boot.
  const size_t close = stat->rfind(')');
  if (close == std::string::npos) {
    return std::nullopt;
  }
  std::string_view rest = std::string_view(*stat).substr(close + 1);
  std::optional<uint64_t> ticks;
  for (int field = 3; field <= 22; ++field) {
    const size_t begin = rest.find_first_not_of(' ');
    if (begin == std::string_view::npos) {
      return std::nullopt;
    }
    rest.remove_prefix(begin);
    const size_t end = std::min(rest.find(' '), rest.size());
    if (field == 22) {
      ticks = parse_digits(rest.substr(0, end));
    }
    rest.remove_prefix(end);
  }
  Result<std::string> sys = read_file("/proc/stat", 1 << 20);
  const long hz = ::sysconf(_SC_CLK_TCK);
  if (!ticks || !sys.ok() || hz <= 0) {
    return std::nullopt;
  }
  const size_t at = sys->find("\nbtime ");
  if (at == std::string::npos) {
    return std::nullopt;
  }
  const size_t begin = at + 7;
  const std::optional<uint64_t> btime =
      parse_digits(std::string_view(*sys).substr(begin, sys->find('\n', begin) - begin));
  if (!btime) {
    return std::nullopt;
  }
  // btime is the boot time rounded down, so this is a lower bound too.
  return static_cast<int64_t>(*btime + *ticks / static_cast<uint64_t>(hz));
}

}  // namespace

std::optional<TempFileName> parse_temp_file_name(std::string_view name) {
  // "<target>.tmp-<pid>-<n>-<random>": the last marker, then exactly three numbers.
  const size_t at = name.rfind(kTempMarker);
  if (at == std::string_view::npos || at == 0 || name.find('/') != std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view rest = name.substr(at + kTempMarker.size());
  std::optional<uint64_t> parts[3];
  for (int i = 0; i < 3; ++i) {
    const size_t dash = i < 2 ? rest.find('-') : rest.size();
    if (dash == std::string_view::npos) {
      return std::nullopt;
    }
    parts[i] = parse_digits(rest.substr(0, dash));
    if (!parts[i]) {
      return std::nullopt;
    }
    rest.remove_prefix(std::min(rest.size(), dash + 1));
  }
  if (*parts[0] == 0 || *parts[0] > 0x7fffffff) {
    return std::nullopt;
  }
  return TempFileName{std::string(name.substr(0, at)), static_cast<int64_t>(*parts[0])};
}

bool is_stale_temp_file(const std::string& path) {
  const std::optional<TempFileName> name =
      parse_temp_file_name(std::filesystem::path(path).filename().string());
  struct stat st;
  if (!name || ::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return false;
  }
  bool gone = false;
  const std::optional<int64_t> start = process_start(name->pid, gone);
  if (gone) {
    return true;
  }
  // Two seconds of slack for the rounding of the boot time and small clock steps: a file
  // written just before a pid was reused stays until the next cleanup.
  constexpr int64_t kSlack = 2;
  return start && *start > static_cast<int64_t>(st.st_mtim.tv_sec) + kSlack;
}

size_t remove_stale_temp_files(const std::string& dir,
                               const std::function<bool(std::string_view target)>& wanted) {
  std::vector<std::string> candidates;
  {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) {
      return 0;
    }
    while (const dirent* e = ::readdir(d)) {
      const std::string_view name = e->d_name;
      if (name.find(kTempMarker) == std::string_view::npos) {
        continue;
      }
      if (std::optional<TempFileName> t = parse_temp_file_name(name); t && wanted(t->target)) {
        candidates.emplace_back(name);
      }
    }
    ::closedir(d);
  }
  size_t removed = 0;
  for (const std::string& name : candidates) {
    const std::string path = dir == "." ? name : (dir.ends_with('/') ? dir : dir + "/") + name;
    if (is_stale_temp_file(path) && ::unlink(path.c_str()) == 0) {
      ++removed;
    }
  }
  return removed;
}

bool is_symlink(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

bool path_exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

Status check_readable_file(const std::string& path) {
  UniqueFd fd(-1);
  struct stat st;
  return open_regular(path, fd, st);
}

Result<std::string> read_file(const std::string& path, uint64_t max_size,
                              const ReadOptions& options) {
  UniqueFd fd(-1);
  struct stat st;
  HALLMARK_TRY(open_regular(path, fd, st, options));
  if (static_cast<uint64_t>(st.st_size) > max_size) {
    return corrupt(path + " is too large (" + std::to_string(st.st_size) + " bytes, limit " +
                   std::to_string(max_size) + ")");
  }
  std::string out;
  out.resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (true) {
    if (got == out.size()) {
      // The file may have grown since fstat; read on up to the limit.
      if (out.size() >= max_size) {
        char probe;
        const ssize_t n = ::read(fd.get(), &probe, 1);
        if (n > 0) {
          return corrupt(path + " is too large (limit " + std::to_string(max_size) + " bytes)");
        }
        break;
      }
      out.resize(std::min<uint64_t>(max_size, out.size() + 65536));
    }
    const ssize_t n = ::read(fd.get(), out.data() + got, out.size() - got);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno_status("cannot read " + path, errno);
    }
    if (n == 0) {
      break;
    }
    got += static_cast<size_t>(n);
  }
  out.resize(got);
  return out;
}

Status sync_directory(const std::string& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) {
    return errno_status("cannot open directory " + dir, errno);
  }
  if (::fsync(fd.get()) != 0) {
    return errno_status("cannot sync directory " + dir, errno);
  }
  return {};
}

std::vector<Status> write_files_atomic(
    const std::vector<std::pair<std::string, std::string>>& files, const WriteOptions& options) {
  const unsigned mode = options.mode;
  std::vector<Status> out(files.size());
  std::vector<std::string> temps(files.size());
  // 1. Temporaries, written but not yet flushed.
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string& path = files[i].first;
    temps[i] = temp_name(path);
    UniqueFd fd(::open(temps[i].c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
    if (fd.get() < 0) {
      out[i] = errno_status("cannot create " + temps[i], errno);
      temps[i].clear();
      continue;
    }
    Status s = ::fchmod(fd.get(), mode) == 0
                   ? write_all(fd.get(), as_bytes(files[i].second), temps[i])
                   : errno_status("cannot set mode of " + temps[i], errno);
    if (s.ok() && ::close(fd.release()) != 0) {
      s = errno_status("cannot close " + temps[i], errno);
    }
    if (!s.ok()) {
      ::unlink(temps[i].c_str());
      temps[i].clear();
      out[i] = s;
    }
  }
  // 2. One flush for every temporary: syncfs on each filesystem touched (by directory).
  std::vector<std::string> dirs;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!temps[i].empty()) {
      const std::string dir = parent_dir(files[i].first);
      if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) {
        dirs.push_back(dir);
      }
    }
  }
  std::vector<dev_t> synced;
  for (const std::string& dir : dirs) {
    struct stat st;
    if (::stat(dir.c_str(), &st) == 0 &&
        std::find(synced.begin(), synced.end(), st.st_dev) != synced.end()) {
      continue;
    }
    UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 || ::syncfs(fd.get()) != 0) {
      const Status s = errno_status("cannot flush " + dir, errno);
      for (size_t i = 0; i < files.size(); ++i) {
        if (!temps[i].empty() && parent_dir(files[i].first) == dir) {
          ::unlink(temps[i].c_str());
          temps[i].clear();
          out[i] = s;
        }
      }
      continue;
    }
    synced.push_back(st.st_dev);
  }
  // 3. Into place, then 4. each directory once (undoing the renames in a directory that
  // cannot be flushed).
  std::vector<Placement> places(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    if (temps[i].empty()) {
      continue;
    }
    places[i] = Placement{temps[i], files[i].first, options.exclusive, "", false};
    out[i] = places[i].keep_old();
    if (out[i].ok()) {
      out[i] = places[i].place();
    }
  }
  for (const std::string& dir : dirs) {
    if (Status s = sync_directory(dir); !s.ok()) {
      for (size_t i = 0; i < files.size(); ++i) {
        if (out[i].ok() && parent_dir(files[i].first) == dir) {
          places[i].undo();
          out[i] = s;
        }
      }
    }
  }
  for (Placement& p : places) {
    p.drop_backup();
  }
  return out;
}

Status write_file_atomic(const std::string& path, ByteView data, const WriteOptions& options) {
  const std::string tmp = temp_name(path);
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, options.mode));
  if (fd.get() < 0) {
    return errno_status("cannot create " + tmp, errno);
  }
  auto fail = [&](Status s) {
    ::unlink(tmp.c_str());
    return s;
  };
  // open() applied the umask; the mode asked for is what the file gets.
  if (::fchmod(fd.get(), options.mode) != 0) {
    return fail(errno_status("cannot set mode of " + tmp, errno));
  }
  if (Status s = write_all(fd.get(), data, tmp); !s.ok()) {
    return fail(s);
  }
  if (options.sync && ::fsync(fd.get()) != 0) {
    return fail(errno_status("cannot sync " + tmp, errno));
  }
  if (::close(fd.release()) != 0) {
    return fail(errno_status("cannot close " + tmp, errno));
  }
  Placement p{tmp, path, options.exclusive, "", false};
  if (options.sync) {
    HALLMARK_TRY(p.keep_old());
  }
  HALLMARK_TRY(p.place());
  if (options.sync) {
    if (Status s = sync_directory(parent_dir(path)); !s.ok()) {
      p.undo();
      p.drop_backup();
      return s;
    }
  }
  p.drop_backup();
  return {};
}

}  // namespace hallmark
