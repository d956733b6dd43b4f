// Writers for `hallmark check` results: text (one line per file, colour on a terminal),
// the versioned JSON report, JUnit XML and SARIF 2.1.0. Each streams: files are written as
// they come, so memory does not grow with the tree (JUnit spools its test cases to a
// temporary file because its counts come first).
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "hallmark/check.h"

namespace hallmark::cli {

class CheckWriter {
 public:
  virtual ~CheckWriter() = default;
  virtual void file(const FileCheck& fc) = 0;
  virtual void finish(const CheckSummary& summary) = 0;
};

struct TextStyle {
  bool color = false;    // ANSI colours (a terminal, and NO_COLOR unset).
  bool verbose = false;  // Also list skipped files and details.
  bool quiet = false;    // Only failures and errors.
};

// `format` is text, json, junit or sarif; nullptr for anything else. `out` must outlive the
// writer.
std::unique_ptr<CheckWriter> make_check_writer(const std::string& format, std::ostream& out,
                                               const TextStyle& style);

}  // namespace hallmark::cli
