#include "hallmark/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <thread>

namespace hallmark {
namespace {

int64_t to_ns(const struct timespec& t) {
  return int64_t(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

int64_t now_ns() {
  struct timespec t;
  ::clock_gettime(CLOCK_REALTIME, &t);
  return to_ns(t);
}

// How far apart two writes must be for the second to be sure to leave another timestamp:
// inode times come from the coarse clock (a few ms per tick on most kernels), plus a margin.
int64_t timestamp_granularity_ns() {
  static const int64_t g = [] {
    struct timespec res {};
    int64_t tick = 4'000'000;
    if (::clock_getres(CLOCK_REALTIME_COARSE, &res) == 0) {
      tick = to_ns(res);
    }
    return std::clamp<int64_t>(tick, 1'000'000, 20'000'000) + 1'000'000;
  }();
  return g;
}

bool same_state(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size &&
         to_ns(a.st_mtim) == to_ns(b.st_mtim) && to_ns(a.st_ctim) == to_ns(b.st_ctim);
}

// Tries before a file that keeps changing is refused, and so at most about 0.3 s of waiting.
constexpr int kSettleRounds = 50;

}  // namespace

Result<InputFile> InputFile::open(const std::string& path) {
  InputFile f;
  f.path_ = path;
  // O_NONBLOCK: opening a FIFO must not hang; it is refused below as not a regular file.
  f.fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (f.fd_ < 0) {
    return errno_status("cannot open " + path, errno);
  }
  struct stat st {};
  struct stat previous {};
  for (int round = 0;; ++round) {
    const int64_t before = now_ns();
    if (::fstat(f.fd_, &st) != 0) {
      return errno_status("cannot stat " + path, errno);
    }
    if (S_ISDIR(st.st_mode)) {
      return invalid_argument(path + " is a directory");
    }
    if (!S_ISREG(st.st_mode)) {
      return invalid_argument(path + " is not a regular file");
    }
    // A write in the same clock tick as the last one may leave the times as they are; once the
    // last change is a tick old, any further write shows. (Times in the future are never given
    // to a new write, so they need no wait.)
    const int64_t age = before - std::max(to_ns(st.st_mtim), to_ns(st.st_ctim));
    const int64_t g = timestamp_granularity_ns();
    const bool moved = round > 0 && !same_state(st, previous);
    if (!moved && (age < 0 || age >= g)) {
      break;
    }
    if (round >= kSettleRounds) {
      return io_error(path + " is being written to; try again when it is complete");
    }
    previous = st;
    std::this_thread::sleep_for(std::chrono::nanoseconds(!moved && age >= 0 ? g - age : g));
  }
  f.size_ = uint64_t(st.st_size);
  f.dev_ = uint64_t(st.st_dev);
  f.ino_ = uint64_t(st.st_ino);
  f.mtime_ns_ = to_ns(st.st_mtim);
  f.ctime_ns_ = to_ns(st.st_ctim);
  ::posix_fadvise(f.fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  return f;
}

InputFile::InputFile(InputFile&& o) noexcept
    : fd_(std::exchange(o.fd_, -1)),
      path_(std::move(o.path_)),
      size_(o.size_),
      dev_(o.dev_),
      ino_(o.ino_),
      mtime_ns_(o.mtime_ns_),
      ctime_ns_(o.ctime_ns_) {}

InputFile& InputFile::operator=(InputFile&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = std::exchange(o.fd_, -1);
    path_ = std::move(o.path_);
    size_ = o.size_;
    dev_ = o.dev_;
    ino_ = o.ino_;
    mtime_ns_ = o.mtime_ns_;
    ctime_ns_ = o.ctime_ns_;
  }
  return *this;
}

InputFile::~InputFile() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

Result<size_t> InputFile::read_some(uint64_t offset, std::span<std::byte> out) const {
  while (true) {
    const ssize_t n = ::pread(fd_, out.data(), out.size(), static_cast<off_t>(offset));
    if (n >= 0) {
      return size_t(n);
    }
    if (errno != EINTR) {
      return errno_status("cannot read " + path_, errno);
    }
  }
}

Status InputFile::read_exact(uint64_t offset, std::span<std::byte> out) const {
  if (offset > size_ || out.size() > size_ - offset) {
    return corrupt(path_ + ": read past the end (" + std::to_string(offset + out.size()) + " of " +
                   std::to_string(size_) + " bytes)");
  }
  size_t got = 0;
  while (got < out.size()) {
    Result<size_t> n = read_some(offset + got, out.subspan(got));
    HALLMARK_TRY(n);
    if (*n == 0) {
      return io_error(path_ + " changed while it was being read");
    }
    got += *n;
  }
  return {};
}

Result<Bytes> InputFile::read(uint64_t offset, size_t n) const {
  Bytes out(n);
  HALLMARK_TRY(read_exact(offset, out));
  return out;
}

Result<Bytes> InputFile::read_all(uint64_t max_size) const {
  if (size_ > max_size) {
    return corrupt(path_ + " is too large (" + std::to_string(size_) + " bytes, limit " +
                   std::to_string(max_size) + ")");
  }
  return read(0, size_t(size_));
}

Status InputFile::check_unchanged() const {
  struct stat now {};
  const Status changed = io_error(path_ + " changed while it was being read");
  if (::fstat(fd_, &now) != 0) {
    return errno_status("cannot stat " + path_, errno);
  }
  if (uint64_t(now.st_dev) != dev_ || uint64_t(now.st_ino) != ino_ ||
      uint64_t(now.st_size) != size_ || to_ns(now.st_mtim) != mtime_ns_ ||
      to_ns(now.st_ctim) != ctime_ns_) {
    return changed;
  }
  // Another file renamed over the name: these bytes are no longer what the path names.
  struct stat named {};
  if (::stat(path_.c_str(), &named) != 0 || uint64_t(named.st_dev) != dev_ ||
      uint64_t(named.st_ino) != ino_) {
    return changed;
  }
  return {};
}

}  // namespace hallmark
