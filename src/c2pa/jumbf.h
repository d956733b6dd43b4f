// ISO/IEC 19566-5 JUMBF boxes as C2PA uses them: a superbox ('jumb') starts with a description
// box ('jumd': type UUID, toggles, label, optional id, signature and private box) followed by
// content boxes or nested superboxes. Parsing is strict (every length must fit its parent) and
// bounded (nesting depth, box count). Boxes are views into the caller's buffer, which must
// outlive them. Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark::c2pa::jumbf {

using Uuid = std::array<uint8_t, 16>;

// C2PA's JUMBF type UUIDs share the suffix 0011-0010-8000-00AA00389B71 after a 4-byte tag;
// kind_of() returns that tag ("c2pa", "c2ma", "c2um", "c2as", "c2cl", "c2cs", "cbor", "json",
// "c2db", "c2vc", ...) or "" for any other UUID.
std::string kind_of(const Uuid& uuid);
bool is_embedded_file_uuid(const Uuid& uuid);  // 40CB0C32-BB8A-489D-A70B-2AD6F47F4369

struct Box {
  std::string type;  // Four characters: "jumb", "jumd", "cbor", "json", "bfdb", "bidb", ...
  ByteView whole;    // Header and payload.
  ByteView payload;  // After the 8 (or 16) byte header.

  // Superboxes only ("jumb"): the description and the boxes after it.
  Uuid uuid{};
  uint8_t toggles = 0;
  std::string label;  // Empty when the label bit is off.
  std::optional<uint32_t> id;
  ByteView description;  // The whole 'jumd' box.
  std::vector<Box> children;

  bool is_super() const { return type == "jumb"; }
  // First child superbox with this label, or nullptr.
  const Box* child(std::string_view label) const;
  // First child (non-super) content box of this type, or nullptr.
  const Box* content(std::string_view type) const;
};

struct Limits {
  int max_depth = 16;
  size_t max_boxes = 100000;
};

// Parses the single box that spans all of `data`. kCorrupt when malformed or not one box.
Result<Box> parse(ByteView data, const Limits& limits = {});

}  // namespace hallmark::c2pa::jumbf
