// The hallmark command line: parses arguments with CLI11, calls libhallmark, prints.
#pragma once

namespace hallmark::cli {

// Runs the command line; returns the process exit code (0 done/verified, 1 checked and not
// verified, 2 could not run).
int run(int argc, char** argv);

}  // namespace hallmark::cli
