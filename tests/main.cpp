// The doctest runner, with what doctest 2.4 lacks: a case that skips itself at run time
// (test_util.h: skip_case, needs_shared) is reported as skipped, and a run in which every case
// skipped itself exits 77, which ctest reports as skipped (SKIP_RETURN_CODE), never as passed.
#if defined(HALLMARK_EXPECT_ASSERTS) && defined(NDEBUG)
#error "configured with HALLMARK_ASSERTS=ON, yet NDEBUG is defined: assert() would not run"
#endif

#define DOCTEST_CONFIG_IMPLEMENT
#include <iostream>
#include <string_view>

#include "test_util.h"

namespace {

using hallmark::test::run_state;

// Follows the running case for skip_case() and shared_path(); after the run, before doctest's
// summary, names the cases that skipped themselves and the shared data that is missing.
class SkipListener : public doctest::IReporter {
 public:
  explicit SkipListener(const doctest::ContextOptions&) {}

  void test_case_start(const doctest::TestCaseData& tc) override {
    run_state().current = &tc;
    run_state().current_skipped = false;
    ++run_state().cases_run;
  }
  void test_case_end(const doctest::CurrentTestCaseStats&) override {
    if (run_state().current_skipped) {
      ++run_state().cases_skipped;
    }
    run_state().current = nullptr;
  }
  void test_case_skipped(const doctest::TestCaseData& tc) override {
    if (tc.m_skip && hallmark::test::shared_cases().count(tc.m_name) != 0) {
      ++shared_skipped_;
    }
  }
  void test_run_end(const doctest::TestRunStats&) override {
    for (const std::string& s : run_state().skipped) {
      std::cout << "[hallmark] skipped: " << s << "\n";
    }
    if (shared_skipped_ > 0) {
      std::cout << "[hallmark] the shared data is not at " << hallmark::test::shared_root().string()
                << ": " << shared_skipped_
                << " cases that read it were skipped (HALLMARK_SHARED names the folder; "
                   "HALLMARK_REQUIRE_SHARED=1 makes them fail)\n";
    }
  }

  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}

 private:
  size_t shared_skipped_ = 0;
};

REGISTER_LISTENER("hallmark-skips", 1, SkipListener);

// True if the arguments ask doctest for a list of cases or suites (-ltc, --list-test-cases,
// -dt-ltc=true, ...).
bool lists(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    while (!a.empty() && a.front() == '-') {
      a.remove_prefix(1);
    }
    if (a.substr(0, 3) == "dt-") {
      a.remove_prefix(3);
    }
    a = a.substr(0, a.find('='));
    if (a == "ltc" || a == "list-test-cases" || a == "lts" || a == "list-test-suites") {
      return true;
    }
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  // ctest learns the cases from this list when the binary is built: it names every case,
  // those whose shared data is missing here too, so that ctest can report them as skipped.
  if (lists(argc, argv)) {
    context.setOption("no-skip", true);
  }
  const int rc = context.run();
  const auto& s = run_state();
  if (rc == 0 && s.cases_run > 0 && s.cases_skipped == s.cases_run) {
    return 77;
  }
  return rc;
}
