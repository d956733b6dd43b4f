// c2pa.hash.boxes: a hash per named box of the asset (JPEG marker segments, PNG chunks), in
// file order, with the manifest store's own box left out. The box map follows c2pa-rs
// (asset_handlers/jpeg_io.rs and png_io.rs, get_box_map) name for name and byte for byte, and
// the check follows its BoxHash::verify_stream_hash, status codes included.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <variant>

#include "c2pa/bindings.h"
#include "crypto/digest.h"

namespace hallmark::c2pa {
namespace {

constexpr std::string_view kC2paBox = "C2PA";

struct AssetBox {
  std::string name;
  uint64_t start = 0;
  uint64_t length = 0;
};

// A box map that cannot be made: c2pa-rs reports it as a hash mismatch.
struct MapError {
  std::string what;
};

using BoxMap = std::vector<AssetBox>;

const char* jpeg_segment_name(uint8_t marker) {
  static const char* const kApp[] = {"APP0",  "APP1",  "APP2",  "APP3", "APP4",  "APP5",
                                     "APP6",  "APP7",  "APP8",  "APP9", "APP10", "APP11",
                                     "APP12", "APP13", "APP14", "APP15"};
  static const char* const kJpg[] = {"JPG0", "JPG1", "JPG2", "JPG3",  "JPG4",  "JPG5",  "JPG6",
                                     "JPG7", "JPG8", "JPG9", "JPG10", "JPG11", "JPG12", "JPG13"};
  if (marker >= 0xe0 && marker <= 0xef) {
    return kApp[marker - 0xe0];
  }
  if (marker >= 0xf0 && marker <= 0xfd) {
    return kJpg[marker - 0xf0];
  }
  switch (marker) {
    case 0xfe:
      return "COM";
    case 0xc4:
      return "DHT";
    case 0xcc:
      return "DAC";
    case 0xdb:
      return "DQT";
    case 0xdd:
      return "DRI";
    case 0xc0:
      return "SOF0";
    case 0xc1:
      return "SOF1";
    case 0xc2:
      return "SOF2";
    case 0xda:
      return "SOS";
    default:
      return nullptr;  // SOF3..SOF15, DNL, TEM, ...: c2pa-rs has no name for them.
  }
}

// Markers followed by a two-byte length, as c2pa-rs's get_seg_size counts them.
bool has_length(uint8_t m) {
  return (m >= 0xd0 && m <= 0xd7) || (m >= 0xe0 && m <= 0xef) || (m >= 0xc0 && m <= 0xcf) ||
         m == 0xda || m == 0xfe || m == 0xdb || m == 0xdd;
}

class ByteReader {
 public:
  explicit ByteReader(const FileSource& src) : src_(src) {}
  // False at the end of the file or on a read error.
  bool byte(uint64_t at, uint8_t* out) {
    if (at >= src_.size()) {
      return false;
    }
    if (at < base_ || at >= base_ + buffer_.size()) {
      const size_t n = static_cast<size_t>(std::min<uint64_t>(kWindow, src_.size() - at));
      buffer_.resize(n);
      if (!src_.read(at, n, buffer_.data()).ok()) {
        buffer_.clear();
        return false;
      }
      base_ = at;
    }
    *out = static_cast<uint8_t>(buffer_[static_cast<size_t>(at - base_)]);
    return true;
  }
  bool u16(uint64_t at, uint16_t* out) {
    uint8_t a, b;
    if (!byte(at, &a) || !byte(at + 1, &b)) {
      return false;
    }
    *out = static_cast<uint16_t>(a << 8 | b);
    return true;
  }
  bool u32(uint64_t at, uint32_t* out) {
    uint16_t a, b;
    if (!u16(at, &a) || !u16(at + 2, &b)) {
      return false;
    }
    *out = uint32_t{a} << 16 | b;
    return true;
  }
  bool bytes(uint64_t at, size_t n, std::byte* out) {
    return at + n <= src_.size() && src_.read(at, n, out).ok();
  }

 private:
  static constexpr size_t kWindow = 64 * 1024;
  const FileSource& src_;
  Bytes buffer_;
  uint64_t base_ = 0;
};

// The entropy-coded data after a scan header: up to the first 0xFF that is followed by
// neither a stuffed 0x00 nor a restart marker. The end of the file first is an error.
bool entropy_size(ByteReader& r, uint64_t from, uint64_t* size) {
  uint64_t n = 0;
  while (true) {
    uint8_t b;
    if (!r.byte(from + n, &b)) {
      return false;
    }
    if (b == 0xff) {
      uint8_t next;
      if (!r.byte(from + n + 1, &next)) {
        return false;
      }
      if (next != 0x00 && !(next >= 0xd0 && next <= 0xd7)) {
        break;
      }
      ++n;
    }
    ++n;
  }
  *size = n;
  return true;
}

std::variant<BoxMap, MapError> jpeg_box_map(const FileSource& src) {
  ByteReader r(src);
  BoxMap out;
  uint64_t pos = 0;
  std::optional<size_t> c2pa_index;  // The store's box, which later APP11 segments extend.
  uint16_t c2pa_en = 0;
  while (true) {
    uint8_t ff, marker;
    if (!r.byte(pos, &ff) || ff != 0xff || !r.byte(pos + 1, &marker)) {
      break;  // Not a marker: c2pa-rs's segment reader stops here (trailing data included).
    }
    if (marker == 0xd8 || marker == 0xd9) {
      out.push_back({marker == 0xd8 ? "SOI" : "EOI", pos, 2});
      pos += 2;
      continue;
    }
    if (marker >= 0xd0 && marker <= 0xd7) {  // A stray restart marker: not a box.
      pos += 2;
      continue;
    }
    const char* name = jpeg_segment_name(marker);
    uint16_t len = 0;
    if (!r.u16(pos + 2, &len) || len < 2) {
      break;
    }
    const uint64_t segment_end = pos + 2 + len;
    if (segment_end > src.size()) {
      break;
    }
    if (marker == 0xeb) {
      // APP11: JPEG XT boxes. The store's segments (JUMBF of type "c2pa") make one box.
      const uint64_t data = pos + 4;
      const uint64_t data_len = len - 2u;
      if (data_len > 16) {
        uint16_t en = 0;
        r.u16(data + 2, &en);
        std::byte type[4] = {};
        const bool is_c2pa =
            data_len >= 28 && r.bytes(data + 24, 4, type) && std::memcmp(type, "c2pa", 4) == 0;
        if (c2pa_index && en == c2pa_en) {
          out[*c2pa_index].length += data_len + 4;
        } else if (is_c2pa) {
          c2pa_en = en;
          c2pa_index = out.size();
          out.push_back({std::string(kC2paBox), pos, data_len + 4});
        } else {
          out.push_back({"APP11", pos, uint64_t{len} + 2});
        }
      }
      pos = segment_end;
      continue;
    }
    if (name == nullptr) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", marker);
      return MapError{std::string("Unknown segment marker ") + hex};
    }
    uint64_t length = has_length(marker) ? uint64_t{len} + 2 : 2;
    uint64_t next = segment_end;
    if (marker == 0xda) {
      uint64_t entropy = 0;
      if (!entropy_size(r, segment_end, &entropy)) {
        return MapError{"the scan data runs to the end of the file"};
      }
      length += entropy;
      next = segment_end + entropy;
    }
    out.push_back({name, pos, length});
    pos = next;
  }
  return out;
}

std::variant<BoxMap, MapError> png_box_map(const FileSource& src) {
  ByteReader r(src);
  BoxMap out{{"PNGh", 0, 8}};
  uint64_t pos = 8;
  while (pos + 12 <= src.size()) {
    uint32_t len = 0;
    std::byte type[4];
    if (!r.u32(pos, &len) || !r.bytes(pos + 4, 4, type)) {
      break;
    }
    const std::string name(reinterpret_cast<const char*>(type), 4);
    out.push_back({name == "caBX" ? std::string(kC2paBox) : name, pos, uint64_t{len} + 12});
    pos += uint64_t{len} + 12;
    if (name == "IEND") {
      break;
    }
  }
  return out;
}

bool equal_bytes(const Bytes& a, ByteView b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

Status hash_range(const FileSource& src, uint64_t start, uint64_t length, crypto::Hasher& h) {
  Bytes buffer(static_cast<size_t>(std::min<uint64_t>(length, 1 << 20)));
  while (length > 0) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(length, buffer.size()));
    HALLMARK_TRY(src.read(start, n, buffer.data()));
    h.update(ByteView(buffer.data(), n));
    start += n;
    length -= n;
  }
  return {};
}

}  // namespace

std::vector<BindingStatus> check_box_hash(const cbor::Item& a, std::string_view claim_alg,
                                          const AssetView& asset) {
  auto mismatch = [](std::string why) {
    return std::vector<BindingStatus>{
        {BindingStatus::kFailure, "assertion.boxesHash.mismatch",
         "asset hash error: hash verification( " + std::move(why) + " )"}};
  };
  auto unknown_box = [] {
    return std::vector<BindingStatus>{{BindingStatus::kFailure, "assertion.boxesHash.unknownBox",
                                       "asset hash error: hash verification( "
                                       "assertion.boxesHash.unknownBox )"}};
  };
  auto malformed = [] {
    return std::vector<BindingStatus>{
        {BindingStatus::kFailure, "assertion.boxesHash.malformed",
         "asset hash error: C2PA Validation Error: assertion.boxesHash.malformed"}};
  };
  // The assertion's shape, as c2pa-rs deserializes it: names (text), hash and pad (bytes).
  const cbor::Item* boxes = a.find("boxes");
  if (boxes == nullptr || !boxes->is_array()) {
    return malformed();
  }
  for (const cbor::Item& bm : boxes->items) {
    const cbor::Item* names = bm.find("names");
    const cbor::Item* hash = bm.find("hash");
    const cbor::Item* pad = bm.find("pad");
    if (!bm.is_map() || names == nullptr || !names->is_array() || hash == nullptr ||
        !hash->is_bytes() || pad == nullptr || !pad->is_bytes() ||
        !std::all_of(names->items.begin(), names->items.end(),
                     [](const cbor::Item& n) { return n.is_text(); })) {
      return malformed();
    }
  }
  if (boxes->items.empty()) {
    return mismatch("No box hash found");
  }
  const Format format = asset.extracted ? asset.extracted->format : Format::kUnknown;
  std::variant<BoxMap, MapError> made;
  if (format == Format::kJpeg) {
    made = jpeg_box_map(*asset.src);
  } else if (format == Format::kPng) {
    made = png_box_map(*asset.src);
  } else {
    return mismatch("Box hash not supported for this format");
  }
  if (const MapError* e = std::get_if<MapError>(&made)) {
    return mismatch(e->what);
  }
  const BoxMap& source = std::get<BoxMap>(made);
  if (source.empty()) {
    return mismatch("No data boxes found");
  }
  size_t next = 0;
  // The PNG signature may be left out of the assertion.
  if (source[0].name == "PNGh") {
    const cbor::Item& first = boxes->items[0];
    const cbor::Item* names = first.find("names");
    if (names && names->is_array() && !names->items.empty() && names->items[0].str != "PNGh") {
      next = 1;
    }
  }
  bool additional_exclusions = false;
  for (const cbor::Item& bm : boxes->items) {
    const cbor::Item* names = bm.find("names");
    bool skip_c2pa = false;
    uint64_t start = 0, length = 0;
    for (const cbor::Item& name : names->items) {
      if (next >= source.size() || name.str != source[next].name) {
        return unknown_box();
      }
      const AssetBox& box = source[next];
      if (length == 0) {
        start = box.start;
        length = box.length;
        if (box.name == kC2paBox) {
          if (names->items.size() != 1) {
            return mismatch("Malformed C2PA box hash");
          }
          skip_c2pa = true;
        }
      } else {
        length = box.start - start + box.length;
      }
      ++next;
    }
    const cbor::Item* exclusions = bm.find("exclusions");
    if (exclusions != nullptr && (!exclusions->is_array() || exclusions->items.empty())) {
      return malformed();
    }
    const cbor::Item* excluded = bm.find("excluded");
    const bool exclude = excluded && excluded->type == cbor::Type::kBool && excluded->value != 0;
    if (skip_c2pa || exclude) {
      additional_exclusions |= exclude && !skip_c2pa;
      continue;
    }
    if (exclusions != nullptr) {
      // c2pa-rs lets an exclusion cover only a permitted part of a metadata box; hallmark
      // knows no such parts, so any exclusion leaves the box unverified.
      for (const cbor::Item& e : exclusions->items) {
        const cbor::Item* index = e.find("boxIndex");
        int64_t i = 0;
        if (!e.is_map() || (index == nullptr && names->items.size() != 1) ||
            (index != nullptr &&
             (!index->as_int64(&i) || i < 0 || static_cast<size_t>(i) >= names->items.size()))) {
          return malformed();
        }
      }
      return mismatch("box hash exclusion is not contained within any permitted range for its box");
    }
    std::string alg = bm.text_of("alg");
    if (alg.empty()) {
      alg = claim_alg.empty() ? "sha256" : std::string(claim_alg);
    }
    Result<std::unique_ptr<crypto::Hasher>> hasher = crypto::Hasher::create(alg);
    if (!hasher.ok()) {
      return {{BindingStatus::kFailure, "algorithm.unsupported", "unsupported hash " + alg}};
    }
    if (!hash_range(*asset.src, start, length, **hasher).ok()) {
      return mismatch("the box cannot be read");
    }
    if (!equal_bytes((*hasher)->finish(), as_bytes(bm.find("hash")->str))) {
      return mismatch("Hashes do not match");
    }
  }
  std::vector<BindingStatus> out{
      {BindingStatus::kSuccess, "assertion.boxesHash.match", "boxes hash valid"}};
  if (additional_exclusions) {
    out.push_back({BindingStatus::kInformational, "assertion.boxesHash.additionalExclusionsPresent",
                   "additional box hash exclusions found"});
  }
  return out;
}

}  // namespace hallmark::c2pa
