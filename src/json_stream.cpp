#include "json_stream.h"

#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "hallmark/canonical_json.h"

namespace hallmark::json_stream {
namespace {

constexpr size_t kBufferSize = 64 << 10;

// String bytes that need no attention: printable ASCII other than '"' and '\\'.
constexpr auto kPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x80; ++c) {
    t[static_cast<size_t>(c)] = c != '"' && c != '\\';
  }
  return t;
}();

bool is_space(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int hex_value(int c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

size_t utf8_encode(uint32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xc0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3f));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xe0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out[2] = static_cast<char>(0x80 | (cp & 0x3f));
    return 3;
  }
  out[0] = static_cast<char>(0xf0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
  out[3] = static_cast<char>(0x80 | (cp & 0x3f));
  return 4;
}

// strtod in the C locale whatever the process's locale is, as nlohmann/json reads numbers.
double c_strtod(const char* text, char** end) {
  static const locale_t c_locale = ::newlocale(LC_ALL_MASK, "C", locale_t{});
  return c_locale != locale_t{} ? ::strtod_l(text, end, c_locale) : std::strtod(text, end);
}

}  // namespace

Result<std::string> Source::copy(uint64_t begin, uint64_t end) const {
  std::string out;
  out.reserve(static_cast<size_t>(end - begin));
  std::vector<char> buffer(static_cast<size_t>(std::min<uint64_t>(end - begin, kBufferSize)));
  while (begin < end) {
    Result<std::string_view> got = read(begin, buffer);
    if (!got.ok()) {
      return got.status();
    }
    const size_t n = static_cast<size_t>(std::min<uint64_t>(got->size(), end - begin));
    out.append(got->data(), n);
    begin += n;
  }
  return out;
}

Result<std::string_view> MemorySource::read(uint64_t offset, std::span<char> /*buffer*/) const {
  if (offset >= bytes_.size()) {
    return std::string_view();
  }
  return bytes_.substr(static_cast<size_t>(offset));
}

Result<std::string_view> FdSource::read(uint64_t offset, std::span<char> buffer) const {
  if (offset >= size_ || buffer.empty()) {
    return std::string_view();
  }
  const size_t want = static_cast<size_t>(std::min<uint64_t>(buffer.size(), size_ - offset));
  while (true) {
    const ssize_t n = ::pread(fd_, buffer.data(), want, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      failure_ = errno_status("cannot read " + path_, errno);
      return failure_;
    }
    if (n == 0) {
      failure_ = io_error(path_ + " changed while it was being read");
      return failure_;
    }
    return std::string_view(buffer.data(), static_cast<size_t>(n));
  }
}

double Number::as_double() const {
  switch (kind) {
    case Kind::kSigned:
      return static_cast<double>(i);
    case Kind::kUnsigned:
      return static_cast<double>(u);
    case Kind::kFloat:
      break;
  }
  return d;
}

Parser::Parser(const Source& source, uint64_t begin, uint64_t end, size_t depth)
    : source_(source), pos_(begin), limit_(std::min(end, source.size())), depth_(depth) {}

bool Parser::fill() {
  if (!status_.ok() || pos_ >= limit_) {
    return false;
  }
  if (buffer_.empty()) {
    buffer_.resize(kBufferSize);
  }
  Result<std::string_view> got = source_.read(pos_, buffer_);
  if (!got.ok()) {
    status_ = got.status();
    return false;
  }
  if (got->empty()) {
    status_ = internal_error("json: a source returned nothing before its end");
    return false;
  }
  const size_t n = static_cast<size_t>(std::min<uint64_t>(got->size(), limit_ - pos_));
  cur_ = got->data();
  end_ = cur_ + n;
  pos_ += n;
  return true;
}

bool Parser::fail() {
  if (status_.ok()) {
    status_ = corrupt("not valid JSON");
  }
  return false;
}

int Parser::peek_slow() {
  while (true) {
    while (cur_ < end_ && is_space(static_cast<unsigned char>(*cur_))) {
      ++cur_;
    }
    if (cur_ < end_) {
      return static_cast<unsigned char>(*cur_);
    }
    if (!fill()) {
      return -1;
    }
  }
}

Status Parser::skip_bom() {
  if (cur_ == end_ && !fill()) {
    return status_;
  }
  if (static_cast<unsigned char>(*cur_) != 0xef) {
    return {};
  }
  ++cur_;
  if (get() != 0xbb || get() != 0xbf) {
    fail();
  }
  return status_;
}

Status Parser::expect_end() {
  if (peek() >= 0) {
    status_ = corrupt("trailing bytes after the JSON value");
  }
  return status_;
}

bool Parser::value_depth() {
  if (depth_ > kMaxJsonDepth) {
    status_ = corrupt("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    return false;
  }
  return true;
}

bool Parser::open(char bracket) {
  if (peek() != bracket) {
    return fail();
  }
  if (!value_depth()) {
    return false;
  }
  ++cur_;
  ++depth_;
  open_.push_back(bracket == '{' ? kObjectFirst : kArrayFirst);
  return true;
}

Status Parser::begin_object() {
  open('{');
  return status_;
}

Status Parser::begin_array() {
  open('[');
  return status_;
}

int Parser::close_or_comma() {
  const int c = peek();
  const Open o = open_.back();
  const char closing = o == kObject || o == kObjectFirst ? '}' : ']';
  if (c == closing) {
    ++cur_;
    open_.pop_back();
    --depth_;
    return 0;
  }
  if (o == kObject || o == kArray) {
    if (c != ',') {
      fail();
      return -1;
    }
    ++cur_;
  } else {
    open_.back() = o == kObjectFirst ? kObject : kArray;
  }
  if (closing == '}') {
    // A member name and its colon.
    if (peek() != '"' || !scan_string(name_, name_max_, &name_length_)) {
      fail();
      return -1;
    }
    if (!value_depth()) {  // As nlohmann/json judges the member name's depth.
      return -1;
    }
    if (peek() != ':') {
      fail();
      return -1;
    }
    ++cur_;
  }
  return 1;
}

Result<bool> Parser::next_member(std::string& name, size_t max_name, uint64_t* name_length) {
  if (open_.empty() || (open_.back() != kObject && open_.back() != kObjectFirst)) {
    return status_ = internal_error("json: next_member outside an object");
  }
  name.clear();
  name_ = &name;
  name_max_ = max_name;
  const int more = close_or_comma();
  name_ = nullptr;
  if (more < 0) {
    return status_;
  }
  if (name_length != nullptr) {
    *name_length = name_length_;
  }
  return more == 1;
}

Result<bool> Parser::next_element() {
  if (open_.empty() || (open_.back() != kArray && open_.back() != kArrayFirst)) {
    return status_ = internal_error("json: next_element outside an array");
  }
  const int more = close_or_comma();
  if (more < 0) {
    return status_;
  }
  return more == 1;
}

bool Parser::skip() {
  const size_t base = open_.size();
  while (true) {
    // At a value.
    const int c = peek();
    if (c == '{' || c == '[') {
      if (!open(static_cast<char>(c))) {
        return false;
      }
    } else {
      bool ok = false;
      switch (c) {
        case '"':
          ok = scan_string(nullptr, 0, nullptr);
          break;
        case 't':
          ok = scan_literal("true");
          break;
        case 'f':
          ok = scan_literal("false");
          break;
        case 'n':
          ok = scan_literal("null");
          break;
        default:
          ok = (c == '-' || (c >= '0' && c <= '9')) && scan_number(nullptr, 0);
      }
      if (!ok) {
        return fail();
      }
      if (!value_depth()) {
        return false;
      }
    }
    // After a value or an opening bracket: close containers until one has another value.
    while (open_.size() > base) {
      const int more = close_or_comma();
      if (more < 0) {
        return false;
      }
      if (more == 1) {
        break;
      }
    }
    if (open_.size() == base) {
      return true;
    }
  }
}

Status Parser::skip_value() {
  skip();
  return status_;
}

Result<uint64_t> Parser::skip_elements() {
  if (open_.empty() || (open_.back() != kArray && open_.back() != kArrayFirst)) {
    return status_ = internal_error("json: skip_elements outside an array");
  }
  uint64_t n = 0;
  while (true) {
    const int more = close_or_comma();
    if (more < 0) {
      return status_;
    }
    if (more == 0) {
      return n;
    }
    if (!skip()) {
      return status_;
    }
    ++n;
  }
}

Status Parser::string(std::string* out, size_t max, uint64_t* length) {
  if (out != nullptr) {
    out->clear();
  }
  if (peek() != '"') {
    fail();
    return status_;
  }
  if (scan_string(out, max, length)) {
    value_depth();
  }
  return status_;
}

Status Parser::number(Number& out, size_t max_chars) {
  const int c = peek();
  std::string token;
  if ((c != '-' && (c < '0' || c > '9')) || !scan_number(&token, max_chars)) {
    fail();
    return status_;
  }
  if (!value_depth()) {
    return status_;
  }
  char* end = nullptr;
  if (token.find_first_of(".eE") == std::string::npos) {
    // An integer token, as nlohmann/json keeps it when it fits.
    errno = 0;
    if (token[0] == '-') {
      const long long v = std::strtoll(token.c_str(), &end, 10);
      if (errno == 0 && *end == '\0') {
        out = Number{Number::Kind::kSigned, static_cast<int64_t>(v), 0, 0};
        return {};
      }
    } else {
      const unsigned long long v = std::strtoull(token.c_str(), &end, 10);
      if (errno == 0 && *end == '\0') {
        out = Number{Number::Kind::kUnsigned, 0, static_cast<uint64_t>(v), 0};
        return {};
      }
    }
  }
  const double d = c_strtod(token.c_str(), &end);
  if (!std::isfinite(d)) {
    return status_ = corrupt("number out of range");
  }
  out = Number{Number::Kind::kFloat, 0, 0, d};
  return {};
}

Status Parser::null() {
  if (peek() != 'n' || !scan_literal("null")) {
    fail();
    return status_;
  }
  value_depth();
  return status_;
}

bool Parser::scan_literal(std::string_view word) {
  for (char w : word) {
    if (get() != static_cast<unsigned char>(w)) {
      return fail();
    }
  }
  return true;
}

bool Parser::scan_number(std::string* token, size_t max_chars) {
  bool ok = true;
  auto take = [&](int c) {
    if (token != nullptr) {
      if (token->size() >= max_chars) {
        status_ = corrupt("a number longer than " + std::to_string(max_chars) + " characters");
        return false;
      }
      token->push_back(static_cast<char>(c));
    }
    ++cur_;
    return true;
  };
  auto next = [&]() -> int {
    if (cur_ == end_ && !fill()) {
      return -1;
    }
    return static_cast<unsigned char>(*cur_);
  };
  auto digits = [&]() {  // One or more.
    int c = next();
    if (c < '0' || c > '9') {
      return fail();
    }
    while (c >= '0' && c <= '9') {
      if (!take(c)) {
        return false;
      }
      c = next();
    }
    return true;
  };
  int c = next();
  if (c == '-') {
    ok = take(c);
    c = next();
  }
  if (!ok) {
    return false;
  }
  if (c == '0') {
    if (!take(c)) {
      return false;
    }
  } else if (!digits()) {
    return false;
  }
  c = next();
  if (c == '.') {
    if (!take(c) || !digits()) {
      return false;
    }
    c = next();
  }
  if (c == 'e' || c == 'E') {
    if (!take(c)) {
      return false;
    }
    c = next();
    if ((c == '+' || c == '-') && !take(c)) {
      return false;
    }
    if (!digits()) {
      return false;
    }
  }
  return status_.ok();
}

bool Parser::unicode_escape(uint32_t& cp) {
  auto four_hex = [&](uint32_t& v) -> bool {
    v = 0;
    for (int i = 0; i < 4; ++i) {
      const int h = hex_value(get());
      if (h < 0) {
        return false;
      }
      v = v << 4 | static_cast<uint32_t>(h);
    }
    return true;
  };
  if (!four_hex(cp)) {
    return fail();
  }
  if (cp >= 0xdc00 && cp <= 0xdfff) {
    return fail();  // A low surrogate alone.
  }
  if (cp >= 0xd800 && cp <= 0xdbff) {
    uint32_t low = 0;
    if (get() != '\\' || get() != 'u' || !four_hex(low) || low < 0xdc00 || low > 0xdfff) {
      return fail();
    }
    cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
  }
  return true;
}

bool Parser::scan_string(std::string* out, size_t max, uint64_t* length) {
  ++cur_;  // The opening quote, already peeked.
  uint64_t n = 0;
  auto emit = [&](const char* p, size_t k) {
    if (out != nullptr && n < max) {
      out->append(p, static_cast<size_t>(std::min<uint64_t>(k, max - n)));
    }
    n += k;
  };
  while (true) {
    if (cur_ == end_ && !fill()) {
      return fail();
    }
    const char* p = cur_;
    while (p < end_ && kPlain[static_cast<unsigned char>(*p)]) {
      ++p;
    }
    if (p > cur_) {
      emit(cur_, static_cast<size_t>(p - cur_));
      cur_ = p;
      continue;
    }
    const int c = static_cast<unsigned char>(*cur_++);
    if (c == '"') {
      if (length != nullptr) {
        *length = n;
      }
      return true;
    }
    char utf8[4];
    if (c == '\\') {
      const int e = get();
      char one = 0;
      switch (e) {
        case '"':
        case '\\':
        case '/':
          one = static_cast<char>(e);
          break;
        case 'b':
          one = '\b';
          break;
        case 'f':
          one = '\f';
          break;
        case 'n':
          one = '\n';
          break;
        case 'r':
          one = '\r';
          break;
        case 't':
          one = '\t';
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!unicode_escape(cp)) {
            return false;
          }
          emit(utf8, utf8_encode(cp, utf8));
          continue;
        }
        default:
          return fail();
      }
      emit(&one, 1);
      continue;
    }
    if (c < 0x20) {
      return fail();  // Control characters must be escaped.
    }
    // A UTF-8 sequence: the lead byte's ranges for the first continuation byte (RFC 3629).
    int more = 0;
    int lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      more = 1;
    } else if (c == 0xe0) {
      more = 2, lo = 0xa0;
    } else if ((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef) {
      more = 2;
    } else if (c == 0xed) {
      more = 2, hi = 0x9f;
    } else if (c == 0xf0) {
      more = 3, lo = 0x90;
    } else if (c >= 0xf1 && c <= 0xf3) {
      more = 3;
    } else if (c == 0xf4) {
      more = 3, hi = 0x8f;
    } else {
      return fail();
    }
    utf8[0] = static_cast<char>(c);
    for (int i = 1; i <= more; ++i) {
      const int b = get();
      if (b < lo || b > hi) {
        return fail();
      }
      utf8[i] = static_cast<char>(b);
      lo = 0x80, hi = 0xbf;
    }
    emit(utf8, static_cast<size_t>(more + 1));
  }
}

}  // namespace hallmark::json_stream
