// Times hallmark's C2PA validation of one asset and reports the process's peak RSS, for
// bench/c2pa.bench.sh (one asset per process, so the peak belongs to that asset).
//   c2pa_bench FILE [--trust PEM] [--repeat N]
// Prints: "hallmark <file> bytes=<n> state=<state> median_ms=<x> min_ms=<y> peak_rss_kib=<k>".
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "hallmark/c2pa.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: c2pa_bench FILE [--trust PEM] [--repeat N]\n");
    return 2;
  }
  hallmark::C2paOptions options;
  options.find_sidecar = false;
  int repeat = 5;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--trust") {
      options.trust_anchor_paths.push_back(argv[i + 1]);
    } else if (flag == "--repeat") {
      repeat = std::max(1, std::atoi(argv[i + 1]));
    }
  }
  std::vector<double> ms;
  std::string state;
  for (int r = 0; r < repeat; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    hallmark::Result<hallmark::InputFile> input = hallmark::InputFile::open(argv[1]);
    if (!input.ok()) {
      std::fprintf(stderr, "c2pa_bench: %s\n", input.status().message().c_str());
      return 2;
    }
    const hallmark::Result<hallmark::C2paReport> report = hallmark::read_c2pa(*input, options);
    const auto t1 = std::chrono::steady_clock::now();
    if (!report.ok()) {
      std::fprintf(stderr, "c2pa_bench: %s\n", report.status().message().c_str());
      return 2;
    }
    state = report->manifest_present ? report->validation_state : report->reader_error;
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  FILE* f = std::fopen(argv[1], "rb");
  long long bytes = 0;
  if (f != nullptr) {
    std::fseek(f, 0, SEEK_END);
    bytes = std::ftell(f);
    std::fclose(f);
  }
  std::printf("hallmark %s bytes=%lld state=%s median_ms=%.2f min_ms=%.2f peak_rss_kib=%ld\n",
              argv[1], bytes, state.c_str(), ms[ms.size() / 2], ms[0], usage.ru_maxrss);
  return 0;
}
