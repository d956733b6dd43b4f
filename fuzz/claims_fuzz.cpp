// libFuzzer target: the metadata-claims comparison. The input is split into an EXIF blob and
// an IPTC resource block for the signed side and another pair for the file now; their claims
// are read as the media binding reads them and compared, for both binding versions. Checks: a
// comparison of claims with themselves finds nothing, every change names a known field, and
// every description is valid UTF-8 that says something.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "hallmark/claims.h"
#include "media/exif.h"
#include "media/iptc.h"
#include "text.h"

namespace {

hallmark::Claims read(hallmark::ByteView exif, hallmark::ByteView iptc) {
  hallmark::Claims c = hallmark::media::internal::read_exif(exif, true).claims;
  const auto i = hallmark::media::internal::read_iptc(iptc);
  c.caption = i.caption;
  if (!c.artist) {
    c.artist = i.byline;
  }
  return c;
}

bool known(std::string_view field) {
  if (field == "camera" || field == "location") {
    return true;
  }
  for (const hallmark::ClaimField& f : hallmark::claim_fields()) {
    if (f.name == field) {
      return true;
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const hallmark::ByteView in(reinterpret_cast<const std::byte*>(data), size);
  const size_t q = size / 4;
  const hallmark::Claims s = read(in.subspan(0, q), in.subspan(q, q));
  const hallmark::Claims a = read(in.subspan(2 * q, q), in.subspan(3 * q));
  for (unsigned version : {1u, 2u}) {
    if (!hallmark::compare_claims(s, s, version).empty()) {
      __builtin_trap();
    }
    for (const hallmark::ClaimChange& c : hallmark::compare_claims(s, a, version)) {
      const std::string d = c.describe();
      if (!known(c.field) || d.empty() || !hallmark::text::valid_utf8(d)) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
