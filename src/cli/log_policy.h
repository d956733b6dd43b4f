// Which transparency logs verify believes: --log-key VKEY (repeatable), else --log-policy FILE
// (C2SP tlog-policy), else the policy file of the log given with --log DIR, else
// $HALLMARK_HOME/log-policy (or ~/.config/hallmark/log-policy) if it exists, else none.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "hallmark/status.h"
#include "hallmark/tlog_policy.h"

namespace hallmark::cli {

Result<std::optional<tlog::Policy>> load_log_policy(const std::vector<std::string>& log_keys,
                                                    const std::string& policy_file,
                                                    const std::string& log_dir);

}  // namespace hallmark::cli
