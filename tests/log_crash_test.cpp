// Crash safety: a writer process appends 10,000 entries in batches and is killed with SIGKILL
// at random moments, then restarted, many times. After every kill the published log must pass
// fsck, and every index a writer reported before dying must hold the entry it was given.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <random>

#include "hallmark/log.h"
#include "hallmark/tlog_proof.h"
#include "test_util.h"

namespace hallmark::log {
namespace {

constexpr uint64_t kEntries = 10000;
constexpr int kMinKills = 50;

std::string entry_text(uint64_t id) {
  return "entry " + std::to_string(id) + " " + std::string(id % 200, '.');
}

// The writer: appends entries first, first+1, ... in random batches; after each append
// reports "id index\n" for every entry on `fd`. Never returns.
[[noreturn]] void run_writer(const std::string& dir, uint64_t first, uint64_t seed, int fd) {
  Result<std::unique_ptr<Log>> log = Log::open(dir);
  if (!log.ok()) {
    _exit(3);
  }
  std::mt19937_64 rng(seed);
  uint64_t next = first;
  while (next < kEntries) {
    const uint64_t batch = std::min<uint64_t>(kEntries - next, 1 + rng() % 100);
    std::vector<Entry> entries;
    for (uint64_t id = next; id < next + batch; ++id) {
      entries.push_back({to_bytes(entry_text(id)), {"id:" + std::to_string(id)}});
    }
    Result<AppendResult> r = (*log)->append(entries);
    if (!r.ok()) {
      _exit(4);
    }
    std::string report;
    for (uint64_t i = 0; i < batch; ++i) {
      report += std::to_string(next + i) + " " + std::to_string(r->entries[i].index) + "\n";
    }
    const char* p = report.data();
    size_t left = report.size();
    while (left > 0) {
      const ssize_t n = ::write(fd, p, left);
      if (n <= 0) {
        _exit(5);
      }
      p += n;
      left -= static_cast<size_t>(n);
    }
    next += batch;
  }
  _exit(0);
}

TEST_CASE("log_crash: appends killed with SIGKILL at random moments lose no reported entry") {
  test::TempDir tmp;
  const std::string dir = (tmp / "log").string();
  REQUIRE(init(dir, "example.com/crash-test").ok());
  const uint64_t seed = 20261127;
  std::mt19937_64 rng(seed);
  std::map<uint64_t, uint64_t> reported;  // id -> index, as the writers reported them.
  uint64_t confirmed = 0;                 // Ids 0..confirmed-1 were all reported.
  int kills = 0;
  int runs = 0;
  int interrupted = 0;      // Kills that left sequenced entries or a checkpoint unpublished.
  double append_us = 2000;  // Running estimate of one append's duration.
  const auto start = std::chrono::steady_clock::now();

  while (confirmed < kEntries) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      run_writer(dir, confirmed, seed + static_cast<uint64_t>(runs), fds[1]);
    }
    ++runs;
    ::close(fds[1]);
    // Let the writer make some progress (a random number of reported entries), then kill it a
    // random moment later: usually inside its next append. Tied to progress rather than to the
    // clock, so the test kills often enough on fast disks and still advances on slow ones; the
    // moment is drawn from the time an append has been taking, so it lands inside one on a
    // loaded machine too.
    const size_t kill_after_lines = 1 + rng() % 150;
    const uint64_t window_us = std::max<uint64_t>(3000, static_cast<uint64_t>(1.5 * append_us));
    const auto kill_delay = std::chrono::microseconds(rng() % window_us);
    auto last_report = std::chrono::steady_clock::now();
    std::string buffer;
    bool eof = false;
    size_t lines = 0;
    std::optional<std::chrono::steady_clock::time_point> deadline;
    while (!eof) {
      int timeout_ms = 1000;
      if (deadline) {
        const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
            *deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
          break;
        }
        timeout_ms = static_cast<int>((left.count() + 999) / 1000);
      }
      pollfd p{fds[0], POLLIN, 0};
      if (::poll(&p, 1, timeout_ms) > 0) {
        char chunk[4096];
        const ssize_t n = ::read(fds[0], chunk, sizeof chunk);
        if (n <= 0) {
          eof = true;
        } else {
          buffer.append(chunk, static_cast<size_t>(n));
          lines += static_cast<size_t>(std::count(chunk, chunk + n, '\n'));
          // Reports come once per append: their spacing estimates an append's duration.
          const auto now = std::chrono::steady_clock::now();
          const double gap = std::chrono::duration<double, std::micro>(now - last_report).count();
          append_us = 0.8 * append_us + 0.2 * gap;
          last_report = now;
          if (!deadline && lines >= kill_after_lines) {
            deadline = std::chrono::steady_clock::now() + kill_delay;
          }
        }
      }
    }
    if (!eof) {
      ::kill(pid, SIGKILL);
      ++kills;
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    if (!eof) {
      CHECK((WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 0)));
    } else {
      REQUIRE_MESSAGE((WIFEXITED(status) && WEXITSTATUS(status) == 0),
                      "writer failed with status " << status);
    }
    // Reports written before the kill are still in the pipe; only complete lines count.
    char chunk[4096];
    ssize_t n;
    while ((n = ::read(fds[0], chunk, sizeof chunk)) > 0) {
      buffer.append(chunk, static_cast<size_t>(n));
    }
    ::close(fds[0]);
    size_t pos = 0;
    while (true) {
      const size_t eol = buffer.find('\n', pos);
      if (eol == std::string::npos) {
        break;
      }
      const std::string line = buffer.substr(pos, eol - pos);
      pos = eol + 1;
      const size_t space = line.find(' ');
      const uint64_t id = std::stoull(line.substr(0, space));
      const uint64_t index = std::stoull(line.substr(space + 1));
      // A restarted writer re-appends unreported entries; the log must keep their index.
      const auto [it, fresh] = reported.emplace(id, index);
      CHECK(it->second == index);
      (void)fresh;
    }
    while (reported.count(confirmed) != 0) {
      ++confirmed;
    }
    // Whatever the moment of the kill, the published log is whole.
    Result<FsckReport> report = fsck(dir);
    REQUIRE_MESSAGE(report.ok(), report.status().message());
    INFO("after run " << runs << ": " << (report->problems.empty() ? "" : report->problems[0]));
    REQUIRE(report->clean());
    for (const std::string& w : report->warnings) {
      if (w.find("interrupted append") != std::string::npos) {
        ++interrupted;
        break;
      }
    }
    REQUIRE(runs < 500);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MESSAGE(kills << " kills (" << interrupted << " mid-append), " << runs << " runs, " << seconds
                << " s");
  CHECK(kills >= kMinKills);
  CHECK(interrupted > 0);
  CHECK(reported.size() == kEntries);

  // Finally: fsck is clean with nothing left pending, the log holds each entry exactly once,
  // at the index its writer reported, and receipts from the log verify.
  Result<FsckReport> report = fsck(dir);
  REQUIRE(report.ok());
  CHECK(report->clean());
  // Harmless leftovers of killed appends may remain (partial tiles of never-recorded sizes
  // that no checkpoint refers to); nothing may be left unpublished.
  for (const std::string& w : report->warnings) {
    CAPTURE(w);
    CHECK(w.find("written for no recorded checkpoint") != std::string::npos);
  }
  CHECK(report->size == kEntries);
  Result<std::unique_ptr<Reader>> reader = Reader::open(dir);
  REQUIRE(reader.ok());
  for (const auto& [id, index] : reported) {
    Result<Bytes> entry = (*reader)->tiles().entry(index);
    REQUIRE(entry.ok());
    if (as_chars(*entry) != entry_text(id)) {
      FAIL("entry " << index << " is not id " << id);
    }
  }
  const tlog::Policy policy = tlog::Policy::parse(test::read_text(tmp / "log" / "policy")).value();
  for (uint64_t id : {uint64_t{0}, uint64_t{4999}, kEntries - 1}) {
    Result<std::vector<LookupHit>> hits = lookup(dir, "id:" + std::to_string(id));
    REQUIRE(hits.ok());
    REQUIRE(hits->size() == 1);
    CHECK((*hits)[0].index == reported[id]);
    CHECK(tlog::verify_receipt((*hits)[0].entry, (*hits)[0].receipt, policy).ok());
  }
}

}  // namespace
}  // namespace hallmark::log
