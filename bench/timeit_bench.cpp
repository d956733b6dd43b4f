// Times a command precisely, for the bench sections:
//   timeit_bench [--ok CODES] REPS COMMAND [ARG...]
// Runs COMMAND REPS times (stdin, stdout and stderr on /dev/null) and prints one line
//   BEST_WALL_S MAX_RSS_KIB EXIT_CODE
// with the best wall time (steady clock around fork/exec/wait) of the REPS runs, the largest
// peak RSS of any run (wait4's ru_maxrss: the child alone) and the exit code of the last run.
// /usr/bin/time prints wall time in 10 ms steps, too coarse for the ms-scale targets.
// With --ok CODES (comma-separated, default "0") a run exiting with another code makes
// timeit_bench exit 1 after printing the line, so a section does not report a failed command's
// time as a figure.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>

namespace {

struct Run {
  double seconds = 0;
  long rss_kib = 0;
  int code = -1;
};

Run run_once(char** argv) {
  Run r;
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    std::perror("timeit_bench: fork");
    std::exit(2);
  }
  if (pid == 0) {
    const int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
      dup2(null, 0);
      dup2(null, 1);
      dup2(null, 2);
    }
    execvp(argv[0], argv);
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) {
    std::perror("timeit_bench: wait4");
    std::exit(2);
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.rss_kib = usage.ru_maxrss;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  int i = 1;
  std::set<int> ok_codes = {0};
  if (argc > 2 && std::string(argv[1]) == "--ok") {
    ok_codes.clear();
    std::stringstream list(argv[2]);
    for (std::string code; std::getline(list, code, ',');) {
      ok_codes.insert(std::atoi(code.c_str()));
    }
    i = 3;
  }
  if (argc - i < 2) {
    std::fprintf(stderr, "usage: timeit_bench [--ok CODES] REPS COMMAND [ARG...]\n");
    return 2;
  }
  const int reps = std::max(1, std::atoi(argv[i]));
  Run best;
  long rss = 0;
  bool all_ok = true;
  for (int n = 0; n < reps; ++n) {
    const Run r = run_once(argv + i + 1);
    if (n == 0 || r.seconds < best.seconds) {
      best = r;
    }
    rss = std::max(rss, r.rss_kib);
    all_ok = all_ok && ok_codes.count(r.code) > 0;
    best.code = r.code;
  }
  std::printf("%.6f %ld %d\n", best.seconds, rss, best.code);
  if (!all_ok) {
    std::fprintf(stderr, "timeit_bench: %s exited with %d\n", argv[i + 1], best.code);
    return 1;
  }
  return 0;
}
