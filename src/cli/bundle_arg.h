// Command-line arguments that name a bundle: FILE (meaning FILE.hallmark) or BUNDLE itself.
#pragma once

#include <string>
#include <utility>

#include "hallmark/bundle.h"

namespace hallmark::cli {

// The bundle for `target` and its path: `target` itself if it ends in .hallmark, else
// TARGET.hallmark, else `target` read as a bundle. kNotFound naming both when neither exists.
Result<std::pair<std::string, Bundle>> find_bundle(const std::string& target);

}  // namespace hallmark::cli
