#include "hallmark/worker_pool.h"

#include <algorithm>
#include <system_error>

namespace hallmark {
namespace {

// How many tasks (of any pool) the calling thread is running, one inside the other.
thread_local unsigned t_depth = 0;

}  // namespace

WorkerPool::WorkerPool(unsigned concurrency)
    : concurrency_(concurrency != 0 ? concurrency
                                    : std::max(1u, std::thread::hardware_concurrency())) {}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& t : threads_) {
    t.join();
  }
}

unsigned WorkerPool::peak_busy() const {
  std::lock_guard lock(mu_);
  return peak_busy_;
}

unsigned WorkerPool::threads_started() const {
  std::lock_guard lock(mu_);
  return static_cast<unsigned>(threads_.size());
}

void WorkerPool::submit(TaskGroup* group, std::function<Status()> fn) {
  std::unique_lock lock(mu_);
  (t_depth > 0 ? inner_ : outer_).push_back(Task{group, std::move(fn)});
  ++group->queued_;
  ++group->unfinished_;
  // Threads woken but not yet running keep their task in the queue: one idle thread per
  // queued task, so that two tasks queued before a woken thread runs wake two threads.
  const size_t queued = inner_.size() + outer_.size();
  const bool idle_for_it = idle_ >= queued;
  if (idle_for_it) {
    work_ready_.notify_one();
  } else if (threads_.size() + 1 < concurrency_) {
    // A thread is started only when a task finds none free: no work, no threads.
    try {
      threads_.emplace_back([this] { work(); });
    } catch (const std::system_error&) {
      // None to be had: the waiters run the tasks themselves.
    }
  }
  if (group->waiting_) {
    group->cv_.notify_one();
  } else if (!idle_for_it) {
    wake_helper();  // No thread is free: the command's own thread may run it.
  }
}

void WorkerPool::wake_helper() {
  if (!helpers_.empty()) {
    helpers_.front()->cv_.notify_one();
  }
}

bool WorkerPool::take(TaskGroup* group, bool any, Task& out) {
  for (std::deque<Task>* q : {&inner_, &outer_}) {
    for (auto it = q->begin(); it != q->end(); ++it) {
      if (any || it->group == group) {
        out = std::move(*it);
        q->erase(it);
        return true;
      }
    }
  }
  return false;
}

void WorkerPool::execute(Task& task, std::unique_lock<std::mutex>& lock) {
  TaskGroup* group = task.group;
  --group->queued_;
  const bool outermost = t_depth == 0;
  if (outermost) {
    peak_busy_ = std::max(peak_busy_, ++busy_);
  }
  const bool skip = group->failed_;
  lock.unlock();
  Status status;
  std::exception_ptr exception;
  if (!skip) {
    ++t_depth;
    try {
      status = task.fn();
    } catch (...) {
      exception = std::current_exception();
    }
    --t_depth;
  }
  task.fn = nullptr;  // What it holds is released here, not under the lock.
  lock.lock();
  if (outermost) {
    --busy_;
  }
  group->record(std::move(status), exception);
  --group->unfinished_;
  ++group->completed_;
  // Under the lock: once it is released the waiter may return and destroy the group.
  if (group->waiting_) {
    group->cv_.notify_one();
  }
}

void WorkerPool::work() {
  std::unique_lock lock(mu_);
  while (true) {
    Task task;
    if (take(nullptr, /*any=*/true, task)) {
      execute(task, lock);
      continue;
    }
    if (stopping_) {
      return;
    }
    ++idle_;
    work_ready_.wait(lock);
    --idle_;
  }
}

TaskGroup::TaskGroup(WorkerPool* pool)
    : pool_(pool != nullptr && pool->concurrency() > 1 ? pool : nullptr) {}

TaskGroup::~TaskGroup() {
  if (pool_ != nullptr) {
    std::unique_lock lock(pool_->mu_);
    try {
      help_until(lock, [&] { return unfinished_ == 0; });
    } catch (...) {
      // A destructor does not throw; nothing is left running either way.
    }
  }
}

void TaskGroup::record(Status s, std::exception_ptr e) {
  if (e && !exception_) {
    exception_ = e;
    failed_ = true;
  }
  if (!s.ok() && error_.ok()) {
    error_ = std::move(s);
    failed_ = true;
  }
}

void TaskGroup::run_here(std::function<Status()>& fn) {
  if (failed_) {
    return;
  }
  Status s;
  std::exception_ptr e;
  try {
    s = fn();
  } catch (...) {
    e = std::current_exception();
  }
  record(std::move(s), e);
  ++completed_;
}

void TaskGroup::submit(std::function<Status()> fn) {
  if (pool_ == nullptr) {
    run_here(fn);
    return;
  }
  pool_->submit(this, std::move(fn));
}

bool TaskGroup::run_one() {
  if (pool_ == nullptr) {
    return false;
  }
  std::unique_lock lock(pool_->mu_);
  WorkerPool::Task task;
  if (!pool_->take(this, /*any=*/false, task)) {
    return false;
  }
  pool_->execute(task, lock);
  return true;
}

// Runs queued tasks until done() (evaluated under the lock) holds; sleeps when none can be run.
template <typename Done>
void TaskGroup::help_until(std::unique_lock<std::mutex>& lock, Done done) {
  const bool helper = t_depth == 0;
  waiting_ = true;
  if (helper) {
    pool_->helpers_.push_back(this);
  }
  struct Restore {
    TaskGroup* g;
    bool helper;
    ~Restore() {
      g->waiting_ = false;
      if (helper) {
        auto& h = g->pool_->helpers_;
        h.erase(std::find(h.begin(), h.end(), g));
        // Another helper may have been passed over while this one was the one woken.
        if (!h.empty()) {
          h.front()->cv_.notify_one();
        }
      }
    }
  } restore{this, helper};
  while (!done()) {
    WorkerPool::Task task;
    if (pool_->take(this, helper, task)) {
      pool_->execute(task, lock);
    } else {
      cv_.wait(lock);
    }
  }
}

void TaskGroup::rethrow() {
  if (exception_) {
    std::exception_ptr e = std::exchange(exception_, nullptr);
    std::rethrow_exception(e);
  }
}

Status TaskGroup::wait() {
  if (pool_ != nullptr) {
    std::unique_lock lock(pool_->mu_);
    help_until(lock, [&] { return unfinished_ == 0; });
  }
  rethrow();
  return error_;
}

void TaskGroup::wait_until(const std::function<bool()>& ready) {
  if (pool_ == nullptr) {
    rethrow();
    return;  // Every task has run already; ready() can become true no other way.
  }
  std::unique_lock lock(pool_->mu_);
  // ready() runs without the lock; a task that ends meanwhile bumps completed_, so its
  // notification is not lost.
  uint64_t seen = completed_ - 1;
  help_until(lock, [&] {
    // Until nothing has ended since ready() was last false: held from here to the sleep.
    while (completed_ != seen) {
      seen = completed_;
      lock.unlock();
      bool ok = false;
      try {
        ok = ready();
      } catch (...) {
        lock.lock();
        throw;
      }
      lock.lock();
      if (ok) {
        return true;
      }
    }
    return exception_ != nullptr;
  });
  rethrow();
}

}  // namespace hallmark
