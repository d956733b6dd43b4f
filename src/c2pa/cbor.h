// A small, strict CBOR (RFC 8949) reader for C2PA: claims, assertions and COSE structures.
// It keeps what a generic JSON mapping loses: byte strings, tags, and the exact encoded bytes of
// every item (C2PA hashes and signs encoded bytes, never a re-encoding).
// Limits: nesting depth, item count and string sizes are bounded by the input, so hostile input
// cannot make it allocate more than a small multiple of its own size.
// Thread-safety: pure functions over immutable input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark::c2pa::cbor {

enum class Type {
  kUnsigned,  // value = n
  kNegative,  // value = n, meaning -1 - n
  kBytes,     // str
  kText,      // str (UTF-8 as found)
  kArray,     // items
  kMap,       // entries, in encoded order
  kTag,       // value = tag number, items[0] = tagged item
  kBool,      // value = 0 or 1
  kNull,
  kUndefined,
  kFloat,   // number
  kSimple,  // value = simple value
};

struct MapEntry;

struct Item {
  Type type = Type::kNull;
  uint64_t value = 0;
  double number = 0;
  std::string str;
  std::vector<Item> items;
  std::vector<MapEntry> entries;  // first = key, second = value.
  // Where the whole encoded item sits in the buffer given to parse(); the caller keeps that
  // buffer alive while using `raw`.
  ByteView raw;

  bool is_text() const { return type == Type::kText; }
  bool is_bytes() const { return type == Type::kBytes; }
  bool is_map() const { return type == Type::kMap; }
  bool is_array() const { return type == Type::kArray; }
  bool is_int() const { return type == Type::kUnsigned || type == Type::kNegative; }
  // The integer value if it fits in int64_t; false otherwise.
  bool as_int64(int64_t* out) const;

  // Map lookup by text key or integer key; nullptr when absent or when this is not a map.
  const Item* find(std::string_view key) const;
  const Item* find_int(int64_t key) const;
  // Text value of a text-keyed member, or "" when absent or not text.
  std::string text_of(std::string_view key) const;
};

struct MapEntry {
  Item first;
  Item second;
};

struct Limits {
  int max_depth = 64;
  size_t max_items = 1 << 20;  // Items in one parse (each costs ~200 bytes of memory).
};

// Decodes exactly one item that spans all of `data`. kCorrupt on malformed or truncated input,
// trailing bytes or excess depth. Duplicate map keys are kept (find() returns the first).
Result<Item> parse(ByteView data, const Limits& limits = {});
// Decodes one item from the start of `data`; *consumed receives its encoded length.
Result<Item> parse_prefix(ByteView data, size_t* consumed, const Limits& limits = {});

// Diagnostic notation (RFC 8949 section 8), for debugging and tests.
std::string to_diagnostic(const Item& item);

// Encoding helpers used to build Sig_structure and timestamp imprints.
void append_head(Bytes& out, int major, uint64_t value);
void append_bytes(Bytes& out, ByteView bytes);
void append_text(Bytes& out, std::string_view text);

}  // namespace hallmark::c2pa::cbor
