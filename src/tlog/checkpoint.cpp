#include "hallmark/checkpoint.h"

#include "hallmark/bytes.h"
#include "text.h"

namespace hallmark::tlog {

std::string Checkpoint::to_text() const {
  std::string out = origin + "\n" + std::to_string(size) + "\n" + to_base64(root) + "\n";
  for (const std::string& line : extensions) {
    out += line + "\n";
  }
  return out;
}

Result<Checkpoint> parse_checkpoint(std::string_view text) {
  if (text.empty() || text.back() != '\n') {
    return corrupt("checkpoint does not end with a newline");
  }
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t eol = text.find('\n');
    lines.push_back(text.substr(0, eol));
    text.remove_prefix(eol + 1);
  }
  if (lines.size() < 3) {
    return corrupt("checkpoint has fewer than 3 lines");
  }
  Checkpoint c;
  if (lines[0].empty()) {
    return corrupt("checkpoint origin is empty");
  }
  c.origin = std::string(lines[0]);
  const std::optional<uint64_t> size = text::parse_decimal(lines[1]);
  if (!size) {
    return corrupt("checkpoint tree size is not a decimal number");
  }
  c.size = *size;
  Result<Digest> root = fixed_from_base64<32>(lines[2]);
  if (!root.ok()) {
    return corrupt("checkpoint root is not 32 bytes of base64");
  }
  c.root = *root;
  for (size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) {
      return corrupt("checkpoint has an empty extension line");
    }
    c.extensions.emplace_back(lines[i]);
  }
  return c;
}

}  // namespace hallmark::tlog
