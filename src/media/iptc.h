// IPTC IIM (the "IPTC-NAA" record in Photoshop image resources, JPEG APP13): the caption,
// by-line and copyright notice that news photos carry. Pure parsing of bytes; hostile input
// gives empty results, never a crash. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "hallmark/bytes.h"

namespace hallmark::media::internal {

struct IptcFacts {
  std::optional<std::string> caption;    // 2:120 Caption-Abstract
  std::optional<std::string> byline;     // 2:80 By-line (the first)
  std::optional<std::string> copyright;  // 2:116 Copyright Notice
};

// `resources` is a sequence of Photoshop image resource blocks ("8BIM", id, Pascal name, size,
// data, each padded to even length); the IPTC-NAA block (id 0x0404) is read as IIM datasets.
IptcFacts read_iptc(ByteView resources);

}  // namespace hallmark::media::internal
