// One worker pool for all of a command's hashing: nested task groups never run more tasks at
// once than the pool's concurrency, waits inside tasks do not deadlock, failures and exceptions
// reach the waiter; and `check -j 2` over several videos never has more than two threads at
// work, counting the files and their packet hashing together.
#include "hallmark/worker_pool.h"

#include <atomic>
#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "hallmark/check.h"
#include "hallmark/sign.h"
#include "test_util.h"

namespace hallmark {
namespace {

namespace fs = std::filesystem;

// Counts the tasks running at the same moment, independently of the pool's own count.
struct Concurrency {
  std::atomic<unsigned> now{0};
  std::atomic<unsigned> peak{0};
  void enter() {
    const unsigned n = ++now;
    unsigned p = peak.load();
    while (n > p && !peak.compare_exchange_weak(p, n)) {
    }
  }
  void leave() { --now; }
};

void spin_for(std::chrono::microseconds d) {
  const auto end = std::chrono::steady_clock::now() + d;
  while (std::chrono::steady_clock::now() < end) {
  }
}

// The threads of this process now (Linux: one entry per thread in /proc/self/task).
unsigned process_threads() {
  unsigned n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator("/proc/self/task")) {
    ++n;
  }
  return n;
}

TEST_CASE("worker pool: nested groups stay within the concurrency, every task runs once") {
  for (unsigned concurrency : {1u, 2u, 3u}) {
    CAPTURE(concurrency);
    WorkerPool pool(concurrency);
    Concurrency c;
    std::atomic<unsigned> leaves{0};
    TaskGroup outer(&pool);
    for (int file = 0; file < 8; ++file) {
      outer.run([&] {
        // A "file": its own work, then chunks on the same pool, waited for inside the task.
        c.enter();
        spin_for(std::chrono::microseconds(200));
        c.leave();
        TaskGroup inner(&pool);
        for (int chunk = 0; chunk < 16; ++chunk) {
          inner.run([&] {
            c.enter();
            spin_for(std::chrono::microseconds(100));
            ++leaves;
            c.leave();
          });
        }
        REQUIRE(inner.wait().ok());
      });
    }
    REQUIRE(outer.wait().ok());
    CHECK(leaves.load() == 8u * 16u);
    CHECK(c.peak.load() <= concurrency);
    CHECK(pool.peak_busy() <= concurrency);
    CHECK(pool.threads_started() <= concurrency - 1);
    if (concurrency > 1) {
      // The pool does run tasks side by side: two that each wait for the other both end.
      std::atomic<unsigned> arrived{0};
      std::atomic<bool> met{true};
      TaskGroup pair(&pool);
      for (int i = 0; i < 2; ++i) {
        pair.run([&] {
          ++arrived;
          const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
          while (arrived.load() < 2) {
            if (std::chrono::steady_clock::now() > give_up) {
              met = false;
              return;
            }
            std::this_thread::yield();
          }
        });
      }
      REQUIRE(pair.wait().ok());
      CHECK(met.load());
      CHECK(pool.peak_busy() >= 2);
      CHECK(pool.peak_busy() <= concurrency);
    }
  }
}

TEST_CASE("worker pool: the first failure is returned, an exception rethrown on the waiter") {
  WorkerPool pool(2);
  {
    TaskGroup g(&pool);
    g.run([] { return Status{}; });
    g.run([] { return io_error("first"); });
    const Status s = g.wait();
    CHECK(s.code() == Code::kIoError);
    CHECK(s.message() == "first");
  }
  {
    TaskGroup g(&pool);
    g.run([] { throw std::runtime_error("boom"); });
    CHECK_THROWS_WITH_AS((void)g.wait(), "boom", std::runtime_error);
  }
  {
    // Inline (no pool): the same rules.
    TaskGroup g(nullptr);
    g.run([] { return verify_failed("inline"); });
    CHECK(g.wait().message() == "inline");
  }
}

TEST_CASE("worker pool: wait_until returns once its condition holds, running tasks meanwhile") {
  WorkerPool pool(2);
  std::atomic<int> done{0};
  TaskGroup g(&pool);
  for (int i = 0; i < 50; ++i) {
    g.run([&] {
      spin_for(std::chrono::microseconds(50));
      ++done;
    });
  }
  g.wait_until([&] { return done.load() >= 10; });
  CHECK(done.load() >= 10);
  REQUIRE(g.wait().ok());
  CHECK(done.load() == 50);
}

// Several small videos, signed: the tree check runs over.
struct VideoTree {
  test::TempDir dir;
  fs::path root = dir / "videos";
  keys::SecretKey alice = keys::SecretKey::generate();
  TrustStore trust;
};

bool make_video_tree(VideoTree& t) {
  const test::TempDir* samples = test::samples();
  if (samples == nullptr) {
    return false;
  }
  fs::create_directories(t.root);
  REQUIRE(t.trust.add({"alice", t.alice.public_key(), {}, {}, {}}).ok());
  for (int i = 0; i < 6; ++i) {
    const fs::path to = t.root / ("clip-" + std::to_string(i) + ".mp4");
    fs::copy_file(*samples / "clip.mp4", to);
    REQUIRE(sign_file(to.string(), "", t.alice, {.creator_name = "alice"}).ok());
    // Remuxed since (the index moved to the front): the bytes differ, so each check binds
    // the media, hashing its packets, not only the file.
    const fs::path remuxed = t.dir / "remuxed.mp4";
    REQUIRE(test::run(test::kFfmpeg + " -i " + test::quote(to) +
                      " -map 0 -c copy -movflags +faststart " + test::quote(remuxed)));
    fs::rename(remuxed, to);
  }
  return true;
}

TEST_CASE("check -j 2 over several videos: at most two threads at work, hashing included") {
  VideoTree t;
  if (!make_video_tree(t)) {
    return;
  }
  auto check = [&](CheckOptions o) {
    o.paths = {t.root.string()};
    uint64_t passed = 0;
    Result<CheckSummary> s = run_check(o, t.trust, [&](const FileCheck& fc) {
      CHECK(fc.outcome != FileCheck::Outcome::kError);
      if (fc.outcome == FileCheck::Outcome::kPassed) {
        ++passed;
        // Passed on its media binding: the packets were hashed.
        REQUIRE(fc.report.has_value());
        CHECK(!fc.report->file_root_matches);
        CHECK((fc.report->media && fc.report->media->content_matches));
      }
    });
    REQUIRE(s.ok());
    CHECK(passed == 6);
  };

  SUBCASE("on the caller's pool: the pool counts its tasks, files and packet batches alike") {
    WorkerPool pool(2);
    CheckOptions o;
    o.pool = &pool;
    check(o);
    CHECK(pool.peak_busy() <= 2);
    CHECK(pool.threads_started() <= 1);
  }

  SUBCASE("with -j 2: the process never has more than one thread besides its own") {
    // Counted by the kernel, not by the pool: a hashing thread started anywhere (the files'
    // media bindings each started their own before) would show here.
    const unsigned before = process_threads();
    std::atomic<bool> stop{false};
    std::atomic<unsigned> peak{0};
    std::thread sampler([&] {
      while (!stop.load()) {
        peak = std::max(peak.load(), process_threads());
        std::this_thread::sleep_for(std::chrono::microseconds(100));
      }
    });
    CheckOptions o;
    o.jobs = 2;
    check(o);
    stop = true;
    sampler.join();
    // The test's own thread, the sampler, and the one pool thread that -j 2 allows.
    CHECK(peak.load() <= before + 1 + 1);
    CHECK(peak.load() >= before + 1);  // The sampler did see itself.
  }
}

}  // namespace
}  // namespace hallmark
