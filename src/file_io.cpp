#include "hallmark/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <filesystem>
#include <random>

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

// Opens `path` for reading and checks it is a regular file; fills `st`.
Status open_regular(const std::string& path, UniqueFd& fd, struct stat& st) {
  fd.reset(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
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

}  // namespace

Status check_readable_file(const std::string& path) {
  UniqueFd fd(-1);
  struct stat st;
  return open_regular(path, fd, st);
}

Result<std::string> read_file(const std::string& path, uint64_t max_size) {
  UniqueFd fd(-1);
  struct stat st;
  HALLMARK_TRY(open_regular(path, fd, st));
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
    const std::vector<std::pair<std::string, std::string>>& files, unsigned mode) {
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
  // 3. Into place, then 4. each directory once.
  for (size_t i = 0; i < files.size(); ++i) {
    if (temps[i].empty()) {
      continue;
    }
    if (::rename(temps[i].c_str(), files[i].first.c_str()) != 0) {
      out[i] = errno_status("cannot replace " + files[i].first, errno);
      ::unlink(temps[i].c_str());
    }
  }
  for (const std::string& dir : dirs) {
    if (Status s = sync_directory(dir); !s.ok()) {
      for (size_t i = 0; i < files.size(); ++i) {
        if (out[i].ok() && parent_dir(files[i].first) == dir) {
          out[i] = s;
        }
      }
    }
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
  if (options.exclusive) {
    // link() fails if the target exists, so no existing file is ever replaced.
    if (::link(tmp.c_str(), path.c_str()) != 0) {
      const int err = errno;
      ::unlink(tmp.c_str());
      if (err == EEXIST) {
        return io_error(path + " already exists");
      }
      return errno_status("cannot create " + path, err);
    }
    ::unlink(tmp.c_str());
  } else if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return fail(errno_status("cannot replace " + path, errno));
  }
  if (options.sync) {
    return sync_directory(parent_dir(path));
  }
  return {};
}

}  // namespace hallmark
