#include "hallmark/file_binding.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <memory>
#include <mutex>
#include <thread>

#include "hallmark/merkle.h"
#include "unique_fd.h"

namespace hallmark {
namespace {

constexpr size_t kReadBlock = size_t{1} << 20;  // Chunks larger than this are read in pieces.
constexpr std::byte kLeafPrefix{0x00};

// Reads exactly `len` bytes at `offset`; a short read means the file shrank.
Status pread_exact(int fd, std::byte* buf, size_t len, uint64_t offset, const std::string& path) {
  size_t got = 0;
  while (got < len) {
    const ssize_t n = ::pread(fd, buf + got, len - got, static_cast<off_t>(offset + got));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno_status("cannot read " + path, errno);
    }
    if (n == 0) {
      return io_error(path + " changed while it was being read (it got shorter)");
    }
    got += static_cast<size_t>(n);
  }
  return {};
}

// Hashes chunks handed out by an atomic counter until none are left or one fails.
class ChunkHasher {
 public:
  ChunkHasher(int fd, const std::string& path, uint64_t size, uint64_t chunk_size,
              std::vector<Digest>& leaves)
      : fd_(fd), path_(path), size_(size), chunk_size_(chunk_size), leaves_(leaves) {}

  void run() {
    const size_t block = static_cast<size_t>(std::min<uint64_t>(chunk_size_, kReadBlock));
    std::unique_ptr<std::byte[]> buf(new std::byte[block]);
    Sha256 hasher;
    while (!failed_.load(std::memory_order_relaxed)) {
      const uint64_t i = next_.fetch_add(1, std::memory_order_relaxed);
      if (i >= leaves_.size()) {
        return;
      }
      const uint64_t begin = i * chunk_size_;
      const uint64_t end = std::min(size_, begin + chunk_size_);
      hasher.update(ByteView(&kLeafPrefix, 1));
      for (uint64_t off = begin; off < end; off += block) {
        const size_t len = static_cast<size_t>(std::min<uint64_t>(block, end - off));
        if (Status s = pread_exact(fd_, buf.get(), len, off, path_); !s.ok()) {
          fail(std::move(s));
          return;
        }
        hasher.update(ByteView(buf.get(), len));
      }
      leaves_[i] = hasher.finish();
    }
  }

  Status status() {
    std::lock_guard lock(mu_);
    return error_;
  }

 private:
  void fail(Status s) {
    std::lock_guard lock(mu_);
    if (error_.ok()) {
      error_ = std::move(s);
    }
    failed_.store(true);
  }

  const int fd_;
  const std::string& path_;
  const uint64_t size_;
  const uint64_t chunk_size_;
  std::vector<Digest>& leaves_;
  std::atomic<uint64_t> next_{0};
  std::atomic<bool> failed_{false};
  std::mutex mu_;
  Status error_;
};

}  // namespace

bool valid_chunk_size(uint64_t c) {
  return c >= kMinChunkSize && c <= kMaxChunkSize && (c & (c - 1)) == 0;
}

Result<FileBinding> bind_file(const std::string& path, const BindOptions& options) {
  if (!valid_chunk_size(options.chunk_size)) {
    return invalid_argument("chunk size must be a power of two from 4096 to 67108864");
  }
  // O_NONBLOCK: opening a FIFO must not hang; it is refused below as not a regular file.
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    return errno_status("cannot open " + path, errno);
  }
  struct stat before;
  if (::fstat(fd.get(), &before) != 0) {
    return errno_status("cannot stat " + path, errno);
  }
  if (S_ISDIR(before.st_mode)) {
    return invalid_argument(path + " is a directory");
  }
  if (!S_ISREG(before.st_mode)) {
    return invalid_argument(path + " is not a regular file");
  }
  ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);

  FileBinding out;
  out.size = static_cast<uint64_t>(before.st_size);
  out.chunk_size = options.chunk_size;
  out.leaves.resize((out.size + out.chunk_size - 1) / out.chunk_size);

  ChunkHasher hasher(fd.get(), path, out.size, out.chunk_size, out.leaves);
  unsigned threads = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
  threads =
      static_cast<unsigned>(std::clamp<uint64_t>(out.leaves.size(), 1, std::max(1u, threads)));
  if (threads == 1) {
    hasher.run();
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back([&hasher] { hasher.run(); });
    }
    for (std::thread& t : pool) {
      t.join();
    }
  }
  HALLMARK_TRY(hasher.status());

  struct stat after;
  if (::fstat(fd.get(), &after) != 0) {
    return errno_status("cannot stat " + path, errno);
  }
  if (after.st_size != before.st_size || after.st_mtim.tv_sec != before.st_mtim.tv_sec ||
      after.st_mtim.tv_nsec != before.st_mtim.tv_nsec) {
    return io_error(path + " changed while it was being read");
  }
  out.root = merkle::root(out.leaves);
  return out;
}

std::vector<ByteRange> changed_ranges(uint64_t signed_size, std::span<const Digest> signed_leaves,
                                      const FileBinding& actual) {
  std::vector<ByteRange> out;
  auto add = [&](uint64_t begin, uint64_t end) {
    if (begin >= end) {
      return;
    }
    if (!out.empty() && out.back().end >= begin) {
      out.back().end = std::max(out.back().end, end);
    } else {
      out.push_back({begin, end});
    }
  };
  const uint64_t common = std::min(signed_size, actual.size);
  const size_t n = std::min(signed_leaves.size(), actual.leaves.size());
  for (size_t i = 0; i < n; ++i) {
    const uint64_t begin = i * actual.chunk_size;
    if (begin >= common) {
      break;
    }
    // A chunk that is complete in one file and cut short in the other differs too.
    if (signed_leaves[i] != actual.leaves[i]) {
      add(begin, std::min(common, begin + actual.chunk_size));
    }
  }
  if (signed_size != actual.size) {
    add(common, std::max(signed_size, actual.size));
  }
  return out;
}

}  // namespace hallmark
