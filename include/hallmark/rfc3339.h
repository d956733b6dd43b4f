// Timestamps as hallmark writes them: RFC 3339 in UTC with a 'Z' and whole seconds,
// "2026-11-27T02:30:58Z". Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "hallmark/status.h"

namespace hallmark {

// Seconds since the Unix epoch, now.
int64_t unix_now();

// "YYYY-MM-DDTHH:MM:SSZ" for years 0000-9999; seconds outside that range are clamped.
std::string format_rfc3339(int64_t unix_seconds);
// "YYYY-MM-DD", the date part only.
std::string format_date(int64_t unix_seconds);

// Parses exactly "YYYY-MM-DDTHH:MM:SSZ" (hallmark's own form: what manifests and trust files
// hold). kCorrupt otherwise, including impossible dates such as February 30.
Result<int64_t> parse_rfc3339(std::string_view text);
// Parses "YYYY-MM-DD" (midnight UTC) or the full form; for command-line flags.
Result<int64_t> parse_date_or_time(std::string_view text);

}  // namespace hallmark
