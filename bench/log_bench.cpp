// The embedded log's speed, one figure per line:
//   log.append_per_s batch=N       appends/s into a fresh log, in batches of 1, 100, 10,000
//   log.build_s size=1000000       time to build the 10^6-entry log (only when built)
//   log.receipt_bytes size=...     a receipt (tlog-proof@v1) at 10^6 entries
//   log.inclusion_verify_us ...    RFC 9162 inclusion verification of that receipt's proof
//   log.receipt_verify_us ...      the whole receipt: parse, log signature, clock cosignature,
//                                  inclusion proof
//   log.lookup_ms ...              lookup by key (open the log, query, read the entry, receipt)
//   log.lookup_open_reader_ms ...  the same through an already open Reader
//   log.fsck_s ...                 fsck of the whole log
// Usage: log_bench CACHE_DIR [ENTRIES] [--build-only]. The 10^6-entry log is built once under
// CACHE_DIR (as CACHE_DIR/log-ENTRIES) and reused. Entries are about 1 KB, like a signed
// manifest. --build-only just makes sure the cached log exists (for other bench sections).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "hallmark/file_io.h"
#include "hallmark/log.h"
#include "hallmark/merkle.h"
#include "hallmark/tlog_proof.h"

using namespace hallmark;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string manifest_key(uint64_t i) {
  return "manifest:sha256:" + to_hex(sha256(as_bytes("manifest " + std::to_string(i))));
}

// About 1 KB, shaped like a signed manifest; distinct per index.
log::Entry make_entry(uint64_t i) {
  const std::string root = to_hex(sha256(as_bytes("content " + std::to_string(i))));
  std::string text = "{\"manifest\":{\"bindings\":[{\"root\":\"sha256:" + root +
                     "\",\"size\":" + std::to_string(1000 + i) +
                     "}],\"created\":\"2026-11-27T00:00:00Z\",\"creator\":{\"key\":\"ed25519:" +
                     std::string(44, 'k') +
                     "\",\"name\":\"bench\"},\"generator\":\"hallmark/0.1.0\","
                     "\"title\":\"entry " +
                     std::to_string(i) + "\",\"version\":1},\"signatures\":[";
  text += "{\"key\":\"ed25519:" + std::string(44, 'k') + "\",\"sig\":\"" + std::string(88, 's') +
          "\"}]," + "\"pad\":\"" + std::string(1024 - std::min<size_t>(1000, text.size()), 'p') +
          "\"}";
  return {to_bytes(text), {manifest_key(i), "file:" + root}};
}

bool fail(const std::string& what, const Status& s) {
  std::fprintf(stderr, "log_bench: %s: %s\n", what.c_str(), s.message().c_str());
  return false;
}

bool append_rate(const std::string& dir, uint64_t batch, uint64_t total) {
  fs::remove_all(dir);
  if (Result<log::LogKeys> k = log::init(dir, "bench.example/log"); !k.ok()) {
    return fail("init", k.status());
  }
  Result<std::unique_ptr<log::Log>> log = log::Log::open(dir);
  if (!log.ok()) {
    return fail("open", log.status());
  }
  const auto start = Clock::now();
  for (uint64_t first = 0; first < total; first += batch) {
    std::vector<log::Entry> entries;
    for (uint64_t i = first; i < first + batch; ++i) {
      entries.push_back(make_entry(i));
    }
    if (Result<log::AppendResult> r = (*log)->append(entries); !r.ok()) {
      return fail("append", r.status());
    }
  }
  std::printf("log.append_per_s batch=%llu %.0f\n", static_cast<unsigned long long>(batch),
              static_cast<double>(total) / seconds_since(start));
  std::fflush(stdout);
  fs::remove_all(dir);
  return true;
}

// Opens the cached log of `size` entries, building it if it is missing or of another size.
bool ensure_big_log(const std::string& dir, uint64_t size) {
  if (Result<std::unique_ptr<log::Reader>> r = log::Reader::open(dir);
      r.ok() && (*r)->checkpoint().size == size) {
    return true;
  }
  fs::remove_all(dir);
  if (Result<log::LogKeys> k = log::init(dir, "bench.example/big"); !k.ok()) {
    return fail("init", k.status());
  }
  Result<std::unique_ptr<log::Log>> log = log::Log::open(dir);
  if (!log.ok()) {
    return fail("open", log.status());
  }
  const uint64_t batch = 10000;
  const auto start = Clock::now();
  auto last = Clock::now();
  for (uint64_t first = 0; first < size; first += batch) {
    std::vector<log::Entry> entries;
    for (uint64_t i = first; i < std::min(size, first + batch); ++i) {
      entries.push_back(make_entry(i));
    }
    last = Clock::now();
    if (Result<log::AppendResult> r = (*log)->append(entries); !r.ok()) {
      return fail("append", r.status());
    }
  }
  std::printf("log.build_s size=%llu %.1f\n", static_cast<unsigned long long>(size),
              seconds_since(start));
  std::printf("log.append_per_s batch=10000 at_size=%llu %.0f\n",
              static_cast<unsigned long long>(size),
              static_cast<double>(batch) / seconds_since(last));
  std::fflush(stdout);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const bool build_only = std::erase(args, std::string("--build-only")) > 0;
  if (args.empty() || args.size() > 2) {
    std::fprintf(stderr, "usage: log_bench CACHE_DIR [ENTRIES] [--build-only]\n");
    return 2;
  }
  const std::string cache = args[0];
  const uint64_t size = args.size() > 1 ? std::stoull(args[1]) : 1000000;
  fs::create_directories(cache);
  if (build_only) {
    return ensure_big_log(cache + "/log-" + std::to_string(size), size) ? 0 : 1;
  }

  if (!append_rate(cache + "/append-1", 1, 300) ||
      !append_rate(cache + "/append-100", 100, 20000) ||
      !append_rate(cache + "/append-10000", 10000, 100000)) {
    return 1;
  }

  const std::string big = cache + "/log-" + std::to_string(size);
  if (!ensure_big_log(big, size)) {
    return 1;
  }
  Result<std::unique_ptr<log::Reader>> reader = log::Reader::open(big);
  if (!reader.ok()) {
    return fail("open", reader.status()) ? 0 : 1;
  }
  const uint64_t index = size / 3;
  Result<std::string> receipt = (*reader)->receipt(index, (*reader)->signed_checkpoint());
  if (!receipt.ok()) {
    return fail("receipt", receipt.status()) ? 0 : 1;
  }
  std::printf("log.receipt_bytes size=%llu %zu\n", static_cast<unsigned long long>(size),
              receipt->size());

  const Bytes entry = make_entry(index).data;
  const tlog::TlogProof proof = tlog::parse_tlog_proof(*receipt).value();
  const Digest root = (*reader)->checkpoint().root;
  const int rounds = 20000;
  auto start = Clock::now();
  int ok = 0;
  for (int i = 0; i < rounds; ++i) {
    ok +=
        merkle::verify_inclusion(merkle::hash_leaf(entry), proof.index, size, proof.inclusion, root)
            .ok();
  }
  std::printf("log.inclusion_verify_us size=%llu hashes=%zu %.2f\n",
              static_cast<unsigned long long>(size), proof.inclusion.size(),
              seconds_since(start) * 1e6 / rounds);
  const tlog::Policy policy =
      tlog::Policy::parse(*hallmark::read_file(big + "/policy", 1 << 16)).value();
  start = Clock::now();
  for (int i = 0; i < 2000; ++i) {
    ok += tlog::verify_receipt(entry, *receipt, policy).ok();
  }
  std::printf("log.receipt_verify_us size=%llu %.1f\n", static_cast<unsigned long long>(size),
              seconds_since(start) * 1e6 / 2000);
  if (ok != rounds + 2000) {
    std::fprintf(stderr, "log_bench: a verification failed\n");
    return 1;
  }

  const int lookups = 200;
  start = Clock::now();
  for (int i = 0; i < lookups; ++i) {
    const uint64_t want = (static_cast<uint64_t>(i) * 7919 * 104729) % size;
    Result<std::vector<log::LookupHit>> hits = log::lookup(big, manifest_key(want));
    if (!hits.ok() || hits->size() != 1 || (*hits)[0].index != want) {
      std::fprintf(stderr, "log_bench: lookup of entry %llu failed\n",
                   static_cast<unsigned long long>(want));
      return 1;
    }
  }
  std::printf("log.lookup_ms size=%llu %.3f\n", static_cast<unsigned long long>(size),
              seconds_since(start) * 1e3 / lookups);
  // The same through one open Reader (a server's case): index query, entry read and receipt.
  start = Clock::now();
  for (int i = 0; i < lookups; ++i) {
    const uint64_t want = (static_cast<uint64_t>(i) * 15485863) % size;
    Result<std::vector<log::LookupHit>> hits = (*reader)->lookup(manifest_key(want));
    if (!hits.ok() || hits->size() != 1 || (*hits)[0].index != want) {
      std::fprintf(stderr, "log_bench: lookup of entry %llu failed\n",
                   static_cast<unsigned long long>(want));
      return 1;
    }
  }
  std::printf("log.lookup_open_reader_ms size=%llu %.3f\n", static_cast<unsigned long long>(size),
              seconds_since(start) * 1e3 / lookups);
  std::fflush(stdout);

  start = Clock::now();
  Result<log::FsckReport> report = log::fsck(big);
  if (!report.ok() || !report->clean()) {
    std::fprintf(stderr, "log_bench: fsck failed\n");
    return 1;
  }
  std::printf("log.fsck_s size=%llu %.1f\n", static_cast<unsigned long long>(size),
              seconds_since(start));
  return 0;
}
