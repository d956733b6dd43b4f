#include "hallmark/timing.h"

#include <numeric>

namespace hallmark {

std::string Rational::to_string() const {
  return std::to_string(num) + "/" + std::to_string(den);
}

std::optional<Rational> Rational::parse(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == text.size() ||
      text.size() > 41) {
    return std::nullopt;
  }
  const auto number = [](std::string_view t, bool sign_ok) -> std::optional<int64_t> {
    bool negative = false;
    if (sign_ok && !t.empty() && t[0] == '-') {
      negative = true;
      t.remove_prefix(1);
    }
    if (t.empty() || t.size() > 18 || (t.size() > 1 && t[0] == '0')) {
      return std::nullopt;
    }
    int64_t v = 0;
    for (char c : t) {
      if (c < '0' || c > '9') {
        return std::nullopt;
      }
      v = v * 10 + (c - '0');
    }
    if (negative && v == 0) {
      return std::nullopt;  // "-0" is not written.
    }
    return negative ? -v : v;
  };
  const std::optional<int64_t> num = number(text.substr(0, slash), true);
  const std::optional<int64_t> den = number(text.substr(slash + 1), false);
  if (!num || !den || *den <= 0 || std::gcd(*num < 0 ? -*num : *num, *den) != 1) {
    return std::nullopt;
  }
  return Rational{*num, *den};
}

}  // namespace hallmark
