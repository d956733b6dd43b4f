// One set of worker threads for all the hashing a command does, so that the threads at work
// never exceed one budget (the cores, or -j) however the work nests: check and sign run their
// files as tasks on it, and each file's bindings run their chunks and packet batches on the
// same pool.
//
// A thread that waits for a TaskGroup runs queued tasks itself meanwhile, so a pool of
// concurrency N starts at most N - 1 threads (the waiting caller is the N-th), and nested waits
// cannot deadlock: a task that waits for its own group's tasks runs those that are still queued,
// and the others are already running on a thread that will finish them. A waiter inside a task
// runs only its own group's tasks (so a file's wait never picks up a whole other file); a waiter
// outside any task (the command's own thread) runs any queued task. Threads start when there is
// work for them, so a pool that only ever sees one task at a time starts none.
//
// Thread-safety: a WorkerPool is shared by any number of threads. A TaskGroup is used by one
// thread, its owner (run, run_one, wait, wait_until); its tasks run on any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "hallmark/status.h"

namespace hallmark {

class TaskGroup;

class WorkerPool {
 public:
  // `concurrency`: how many tasks may run at once, counting the thread that waits; 0 means one
  // per core. 1 starts no thread: every task runs on the thread that queues it.
  explicit WorkerPool(unsigned concurrency = 0);
  // Precondition: every TaskGroup of this pool is gone (each waits for its tasks when destroyed).
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  unsigned concurrency() const { return concurrency_; }
  // The most threads that were running this pool's tasks at the same moment, since it was made.
  // Never more than concurrency() while at most one thread outside the pool waits on it.
  unsigned peak_busy() const;
  // How many threads the pool has started (at most concurrency() - 1).
  unsigned threads_started() const;

 private:
  friend class TaskGroup;
  struct Task {
    TaskGroup* group = nullptr;
    std::function<Status()> fn;
  };

  void submit(TaskGroup* group, std::function<Status()> fn);
  // A queued task that `group`'s waiter may run (any task if `any`); false if none.
  bool take(TaskGroup* group, bool any, Task& out);
  // Runs `task`; `lock` is held on entry and on return, released while the task runs.
  void execute(Task& task, std::unique_lock<std::mutex>& lock);
  void work();
  void wake_helper();

  const unsigned concurrency_;
  mutable std::mutex mu_;
  std::condition_variable work_ready_;  // Pool threads wait here for tasks.
  std::deque<Task> inner_;              // Queued from inside a task: run first.
  std::deque<Task> outer_;              // Queued from outside any task.
  std::vector<TaskGroup*> helpers_;     // Groups waited on from outside any task.
  std::vector<std::thread> threads_;
  unsigned idle_ = 0;  // Pool threads waiting for a task.
  unsigned busy_ = 0;  // Threads running a task of this pool.
  unsigned peak_busy_ = 0;
  bool stopping_ = false;
};

// Tasks whose end one thread waits for. A task returns void or a Status; the first failed
// Status is what wait() returns, and the first exception a task throws is rethrown by wait()
// or wait_until() on the waiting thread. Once a task has failed (either way), the group's tasks
// that have not started yet are skipped. A task must not wait for its own group or an enclosing
// one. With a null pool, or a pool of concurrency 1, run() runs each task at once.
class TaskGroup {
 public:
  explicit TaskGroup(WorkerPool* pool);
  // Waits for the tasks still running or queued (their errors are dropped): a task may use
  // what the owner's stack holds until then.
  ~TaskGroup();
  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;

  template <typename F>
  void run(F&& task) {
    if constexpr (std::is_same_v<std::invoke_result_t<F&>, Status>) {
      submit(std::function<Status()>(std::forward<F>(task)));
    } else {
      submit(std::function<Status()>([t = std::forward<F>(task)]() mutable {
        t();
        return Status{};
      }));
    }
  }

  // Runs the oldest queued task of this group on the calling thread; false if none is queued.
  bool run_one();
  // Waits until every task has ended, running queued ones meanwhile. The first failed Status
  // (OK if none); rethrows the first exception.
  Status wait();
  // Waits until ready() is true, running queued tasks meanwhile. ready() is called on this
  // thread, without the pool's lock, at first and again whenever a task of this group ends;
  // it must become true through this group's tasks (or be true already). Rethrows the first
  // exception a task threw.
  void wait_until(const std::function<bool()>& ready);

  bool inline_only() const { return pool_ == nullptr; }

 private:
  friend class WorkerPool;
  void submit(std::function<Status()> fn);
  void run_here(std::function<Status()>& fn);
  void record(Status s, std::exception_ptr e);
  void rethrow();
  template <typename Done>
  void help_until(std::unique_lock<std::mutex>& lock, Done done);

  WorkerPool* pool_;  // Null: every task runs inline.
  // Guarded by pool_->mu_ (or owner-only when inline).
  uint64_t queued_ = 0;
  uint64_t unfinished_ = 0;
  uint64_t completed_ = 0;
  bool waiting_ = false;
  bool failed_ = false;
  Status error_;
  std::exception_ptr exception_;
  std::condition_variable cv_;
};

}  // namespace hallmark
