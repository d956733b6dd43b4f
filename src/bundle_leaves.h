// Internal: the "leaves" member of a bundle, read as a stream within what the signed manifest's
// bindings allow (man/hallmark-manifest.5, "Limits"). Used by bundle.cpp; exposed for tests
// and the fuzzer. Not part of the public API. Thread-safe (values and pure functions).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "hallmark/bundle.h"
#include "json_stream.h"

namespace hallmark::bundle_leaves {

struct Limits {
  // False: no bound at all, only the format's own rules (tests and fuzzing compare with that).
  bool bounded = true;
  uint64_t file_leaves = 0;                 // ceil(size / chunk_size); 0 without a file binding.
  std::map<std::string, uint64_t> streams;  // leaf_count of each signed stream, by label.

  // The most bytes a "leaves" member written for these bindings can take, with room for any
  // reasonable formatting (UINT64_MAX when unbounded).
  uint64_t max_bytes() const;
};

// The limits the manifest's signed bindings set.
Limits limits_for(const Manifest& manifest);

// Reads the value of a "leaves" member at the parser's position to its end, into `file` and
// `media` (which the caller passes empty). kCorrupt with a message that starts with
// "\"leaves\"" and names the member for anything malformed or over a limit: no per-leaf array
// (leaves, aux_leaves, times, unit_names) longer than its stream's leaf_count, the file leaves
// no more than the file binding's, no stream that the manifest does not sign, no unit name
// longer than kMaxUnitNameSize bytes, nor more than kMaxUnitNameBytesPerLeaf per leaf in all.
// Memory: the values kept, plus one base64 string of at most the largest leaf table.
Status parse(json_stream::Parser& parser, const Limits& limits, std::vector<Digest>& file,
             std::map<std::string, MediaLeaves>& media);

// The first error parse() would report, found without keeping any value: to name what is
// wrong with a "leaves" member too large to parse.
Status check(json_stream::Parser& parser, const Limits& limits);

}  // namespace hallmark::bundle_leaves
