// Internal: JSON read as a stream of tokens from a byte source, a buffer at a time, so that a
// document of any size is checked or walked in O(1) memory and only the values a caller asks
// for are ever held. Accepts exactly what json_util::parse_strict accepts (RFC 8259 with
// nlohmann's UTF-8 and surrogate rules, at most kMaxJsonDepth levels), except that member names
// are not checked for duplicates here: callers that keep members do that. Not part of the
// public API.
//
// Thread-safety: a MemorySource may be read from several threads at once; an FdSource and a
// Parser are one reader's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/status.h"

namespace hallmark::json_stream {

// Bytes read by offset.
class Source {
 public:
  virtual ~Source() = default;
  virtual uint64_t size() const = 0;
  // Some of the bytes from `offset` (at least one when offset < size()): a view into the
  // source's own memory, or into `buffer`, which it fills. kIoError if they cannot be read.
  virtual Result<std::string_view> read(uint64_t offset, std::span<char> buffer) const = 0;
  // Bytes [begin, end) as a string. Precondition: begin <= end <= size().
  Result<std::string> copy(uint64_t begin, uint64_t end) const;
};

// A source over memory the caller keeps alive while the source is in use.
class MemorySource final : public Source {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  uint64_t size() const override { return bytes_.size(); }
  Result<std::string_view> read(uint64_t offset, std::span<char> buffer) const override;

 private:
  std::string_view bytes_;
};

// A source over the first `size` bytes of an open file, read with pread. The descriptor stays
// the caller's. A file that ends before `size` is kIoError "PATH changed while it was being
// read". Not thread-safe: failure() is one reader's record.
class FdSource final : public Source {
 public:
  FdSource(int fd, uint64_t size, std::string path)
      : fd_(fd), size_(size), path_(std::move(path)) {}
  uint64_t size() const override { return size_; }
  Result<std::string_view> read(uint64_t offset, std::span<char> buffer) const override;
  // The first read that failed, or OK: tells an I/O error apart from what was read.
  const Status& failure() const { return failure_; }

 private:
  int fd_;
  uint64_t size_;
  std::string path_;
  mutable Status failure_;
};

// A JSON number as nlohmann/json reads it: an integer token that fits int64 (negative) or
// uint64 (otherwise) is an integer; anything else is a double.
struct Number {
  enum class Kind { kSigned, kUnsigned, kFloat };
  Kind kind = Kind::kUnsigned;
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  double as_double() const;
};

// Reads the bytes [begin, end) of a source as JSON tokens. Errors are kCorrupt "not valid JSON"
// (a syntax error, or input that ends too soon), "nested deeper than N levels" or "number out
// of range", or the source's kIoError; once a call fails the parser is spent.
class Parser {
 public:
  // Values read sit inside `depth` open containers of an enclosing document (0 for a whole
  // document), so nesting is limited as it would be in the whole.
  Parser(const Source& source, uint64_t begin, uint64_t end, size_t depth = 0);
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // Offset in the source of the next byte not yet consumed.
  uint64_t offset() const { return pos_ - static_cast<uint64_t>(end_ - cur_); }

  // Skips whitespace and returns the next byte without consuming it; -1 at the end of the range
  // (or when the source failed: the next call reports it).
  int peek() {
    if (cur_ < end_ && *cur_ != ' ' && *cur_ != '\n' && *cur_ != '\t' && *cur_ != '\r') {
      return static_cast<unsigned char>(*cur_);
    }
    return peek_slow();
  }
  // Skips a UTF-8 byte order mark at the current position, as nlohmann/json does at the start
  // of a document.
  Status skip_bom();
  // OK if only whitespace is left; kCorrupt "trailing bytes after the JSON value" otherwise.
  Status expect_end();
  // The first failure, or OK.
  const Status& status() const { return status_; }

  // One whole value, checked but not kept.
  Status skip_value();
  // Inside an array: checks the elements not yet read, and the closing bracket; their count.
  Result<uint64_t> skip_elements();
  // A string value. Its decoded bytes go to *out (if out is not null) while they fit in `max`
  // bytes; *length (if not null) gets the full decoded length, which may exceed `max` (the
  // string is still read to its end and checked).
  Status string(std::string* out, size_t max, uint64_t* length);
  // A number value; kCorrupt "a number longer than N characters" past `max_chars`.
  Status number(Number& out, size_t max_chars);
  // The literal null.
  Status null();

  // Containers. begin_object()/begin_array() consume the opening bracket. next_member() reads
  // the separator and the member name (up to `max_name` bytes kept, as string()) and its colon,
  // leaving the parser at the value; it returns false, having consumed the closing brace, when
  // there are no more members. next_element() likewise for arrays.
  Status begin_object();
  Result<bool> next_member(std::string& name, size_t max_name, uint64_t* name_length = nullptr);
  Status begin_array();
  Result<bool> next_element();

 private:
  // The internals return false on failure, with status_ set (so no Status per token).
  bool fill();
  int peek_slow();
  int get() {
    if (cur_ == end_ && !fill()) {
      return -1;
    }
    return static_cast<unsigned char>(*cur_++);
  }
  bool fail();         // The syntax error (or the source's failure) into status_.
  bool value_depth();  // False if a value here would be nested too deep.
  bool open(char bracket);
  // In the innermost container: past the closing bracket (0) or a separator and, in an
  // object, the next member's name and colon (1); -1 on failure.
  int close_or_comma();
  bool skip();
  bool scan_string(std::string* out, size_t max, uint64_t* length);
  bool scan_number(std::string* token, size_t max_chars);
  bool scan_literal(std::string_view word);
  bool unicode_escape(uint32_t& cp);

  const Source& source_;
  uint64_t pos_;  // Offset in the source just past the bytes in [cur_, end_).
  uint64_t limit_;
  const char* cur_ = nullptr;
  const char* end_ = nullptr;
  size_t depth_;
  // Per open container: its kind, and whether a member or element has been read yet.
  enum Open : char { kObjectFirst, kObject, kArrayFirst, kArray };
  std::vector<Open> open_;
  Status status_;
  std::vector<char> buffer_;
  std::string* name_ = nullptr;  // Where close_or_comma() puts a member name, if anywhere.
  size_t name_max_ = 0;
  uint64_t name_length_ = 0;
};

}  // namespace hallmark::json_stream
