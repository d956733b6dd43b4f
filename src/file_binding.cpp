#include "hallmark/file_binding.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

#include "hallmark/merkle.h"

namespace hallmark {
namespace {

constexpr size_t kReadBlock = size_t{1} << 20;  // Chunks larger than this are read in pieces.
constexpr std::byte kLeafPrefix{0x00};

// Hashes chunks handed out by an atomic counter until none are left or one fails.
class ChunkHasher {
 public:
  ChunkHasher(const InputFile& file, uint64_t chunk_size, std::vector<Digest>& leaves)
      : file_(file), size_(file.size()), chunk_size_(chunk_size), leaves_(leaves) {}

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
        if (Status s = file_.read_exact(off, std::span(buf.get(), len)); !s.ok()) {
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

  const InputFile& file_;
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

Result<FileBinding> bind_file(const InputFile& file, const BindOptions& options) {
  if (!valid_chunk_size(options.chunk_size)) {
    return invalid_argument("chunk size must be a power of two from 4096 to 67108864");
  }
  FileBinding out;
  out.size = file.size();
  out.chunk_size = options.chunk_size;
  out.leaves.resize((out.size + out.chunk_size - 1) / out.chunk_size);

  ChunkHasher hasher(file, out.chunk_size, out.leaves);
  if (out.leaves.size() > 1) {
    std::optional<WorkerPool> own;
    WorkerPool* pool = options.pool != nullptr ? options.pool : &own.emplace(options.threads);
    // Runners take chunks from one counter until none are left: the caller is one, and the
    // others help when the pool has threads free. A runner that starts late finds no chunk.
    const uint64_t runners = std::min<uint64_t>(out.leaves.size(), pool->concurrency());
    TaskGroup group(pool);
    for (uint64_t r = 1; r < runners; ++r) {
      group.run([&hasher] { hasher.run(); });
    }
    hasher.run();
    HALLMARK_TRY(group.wait());
  } else {
    hasher.run();
  }
  HALLMARK_TRY(hasher.status());
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
  if (actual.size > signed_size) {
    add(common, actual.size);  // Bytes added at the end; a cut end is no range of this file.
  }
  return out;
}

}  // namespace hallmark
