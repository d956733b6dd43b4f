#include "c2pa/extract.h"

#include <algorithm>
#include <cstring>

#include "c2pa/cbor.h"

namespace hallmark::c2pa {
namespace {

constexpr uint64_t kMaxStore = 256ull << 20;  // Larger "stores" are refused, not allocated.
constexpr uint8_t kC2paBmffUuid[16] = {0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C,
                                       0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81};

uint32_t be16(const std::byte* p) {
  return (uint32_t(p[0]) << 8) | uint32_t(p[1]);
}
uint32_t be32(const std::byte* p) {
  return (be16(p) << 16) | be16(p + 2);
}
uint64_t be64(const std::byte* p) {
  return (uint64_t(be32(p)) << 32) | be32(p + 4);
}

std::string lower_ext(const std::string& path) {
  const size_t dot = path.rfind('.');
  const size_t slash = path.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
    return "";
  }
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

// Is this JUMBF store prefix (LBox 'jumb' LBox 'jumd' UUID...) a C2PA manifest store?
bool is_c2pa_store_prefix(ByteView b) {
  return b.size() >= 28 && std::memcmp(b.data() + 4, "jumb", 4) == 0 &&
         std::memcmp(b.data() + 12, "jumd", 4) == 0 && std::memcmp(b.data() + 16, "c2pa", 4) == 0;
}

// Trims a store read from a container to the length its own header gives (containers may pad).
Status trim_store(Bytes& store) {
  if (store.size() < 8) {
    return corrupt("manifest store truncated");
  }
  uint64_t size = be32(store.data());
  if (size == 1 && store.size() >= 16) {
    size = be64(store.data() + 8);
  } else if (size == 0) {
    size = store.size();
  }
  if (size < 8 || size > store.size()) {
    return corrupt("manifest store length " + std::to_string(size) + " exceeds its container");
  }
  store.resize(size);
  return {};
}

// The store's segments are read as c2pa-rs reads them (jpeg_io.rs read_cai): an APP11 segment
// whose JUMBF description names 'c2pa' starts the store, later segments with its box instance
// (En) continue it while their sequence number (Z) exceeds the count so far; one that does not
// ends the store (a duplicate or a segment out of place), and a second store is refused. The
// store's location, which the data hash must exclude exactly, spans every segment of that box
// instance (get_object_locations), so a duplicated segment moves what is hashed. A store that is
// present but cannot be read is a reader error, never "no manifest".
Result<Extracted> extract_jpeg(const FileSource& src) {
  Extracted ex;
  ex.format = Format::kJpeg;
  std::byte head[4];
  if (src.size() < 4) {
    return corrupt(src.path() + ": not a JPEG file");
  }
  HALLMARK_TRY(src.read(0, 2, head));
  if (head[0] != std::byte{0xFF} || head[1] != std::byte{0xD8}) {
    return corrupt(src.path() + ": not a JPEG file");
  }
  uint64_t pos = 2;
  Bytes store;
  uint32_t count = 0;  // Segments of the store read so far.
  int instance = -1;   // Its En; -1 once a segment out of sequence ended it.
  bool store_seen = false;
  int located = -1;  // The En the location follows.
  uint64_t range_start = 0;
  uint64_t range_length = 0;
  while (pos + 4 <= src.size()) {
    HALLMARK_TRY(src.read(pos, 2, head));
    if (head[0] != std::byte{0xFF}) {
      break;  // Not a marker: stop (c2pa-rs would not find segments past here either).
    }
    const auto marker = static_cast<uint8_t>(head[1]);
    if (marker == 0xFF) {
      ++pos;  // Fill byte.
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) {
      break;  // EOI, or SOS: entropy-coded data follows; metadata segments come before it.
    }
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
      pos += 2;
      continue;
    }
    HALLMARK_TRY(src.read(pos + 2, 2, head + 2));
    const uint32_t len = be16(head + 2);
    if (len < 2 || pos + 2 + len > src.size()) {
      const std::string why =
          "JPEG segment at offset " + std::to_string(pos) + " runs past the end";
      // Broken after a store began, or inside the store's own first segment: the provenance
      // is there and broken, not absent.
      bool cut_store = false;
      if (marker == 0xEB && src.size() - pos >= 4 + 28) {
        std::byte id[4];
        HALLMARK_TRY(src.read(pos + 4 + 24, 4, id));
        cut_store = std::memcmp(id, "c2pa", 4) == 0;
      }
      if (store_seen || cut_store) {
        ex.reader_error = "InvalidAsset: " + why;
        return ex;
      }
      return corrupt(src.path() + ": " + why);
    }
    const uint64_t seg_start = pos;
    const uint64_t seg_len = 2 + len;
    if (marker == 0xEB && len - 2 > 16) {
      HALLMARK_ASSIGN_OR_RETURN(Bytes payload, src.read(pos + 4, len - 2));
      const uint16_t en = static_cast<uint16_t>(be16(payload.data() + 2));
      const uint32_t z = be32(payload.data() + 4);
      const bool names_c2pa =
          payload.size() >= 28 && std::memcmp(payload.data() + 24, "c2pa", 4) == 0;
      if (located >= 0 && en == located) {
        range_length += seg_len;
      } else if (names_c2pa && located < 0) {
        located = en;
        range_start = seg_start;
        range_length = seg_len;
      }
      if (count > 0 && en == instance) {
        if (z <= count) {
          instance = -1;  // Out of sequence: the store ends here.
        } else {
          store.insert(store.end(), payload.begin() + 16, payload.end());
          ++count;
        }
      } else if (names_c2pa && payload.size() > 28) {
        if (store_seen) {
          ex.reader_error = "TooManyManifestStores";
          return ex;
        }
        store_seen = true;
        store.assign(payload.begin() + 8, payload.end());
        instance = en;
        count = 1;
      }
      if (store.size() > kMaxStore) {
        ex.reader_error = "manifest store larger than 256 MiB";
        return ex;
      }
    } else if (marker == 0xE1 && !ex.remote_url && len - 2 > 29 && len - 2 < (16u << 20)) {
      HALLMARK_ASSIGN_OR_RETURN(Bytes payload, src.read(pos + 4, len - 2));
      static constexpr char kXmpNs[] = "http://ns.adobe.com/xap/1.0/";
      if (std::memcmp(payload.data(), kXmpNs, sizeof kXmpNs) == 0) {
        ex.remote_url = remote_provenance(as_chars(ByteView(payload).subspan(sizeof kXmpNs)));
      }
    }
    pos = seg_start + seg_len;
  }
  if (store_seen) {
    if (Status trimmed = trim_store(store); !trimmed.ok()) {
      ex.reader_error = "JumbfParseError: " + trimmed.message();
      return ex;
    }
    ex.store = std::make_shared<const Bytes>(std::move(store));
    ex.manifest_range = Range{range_start, range_length};
  }
  return ex;
}

Result<Extracted> extract_png(const FileSource& src) {
  Extracted ex;
  ex.format = Format::kPng;
  static constexpr uint8_t kSig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  std::byte head[8];
  if (src.size() < 8) {
    return corrupt(src.path() + ": not a PNG file");
  }
  HALLMARK_TRY(src.read(0, 8, head));
  if (std::memcmp(head, kSig, 8) != 0) {
    return corrupt(src.path() + ": not a PNG file");
  }
  uint64_t pos = 8;
  bool store_seen = false;
  while (pos + 12 <= src.size()) {
    HALLMARK_TRY(src.read(pos, 8, head));
    const uint64_t len = be32(head);
    const std::string type(reinterpret_cast<const char*>(head + 4), 4);
    if (len > src.size() - pos - 12) {
      if (store_seen || type == "caBX") {
        ex.store = nullptr;
        ex.reader_error = "InvalidAsset: PNG chunk '" + type + "' runs past the end";
        return ex;
      }
      return corrupt(src.path() + ": PNG chunk '" + type + "' runs past the end");
    }
    if (type == "caBX") {
      // One store only (c2pa-rs png_io.rs): a second caBX chunk is refused, never a choice.
      if (store_seen) {
        ex.store = nullptr;
        ex.reader_error = "TooManyManifestStores";
        return ex;
      }
      store_seen = true;
      if (len > kMaxStore) {
        ex.reader_error = "manifest store larger than 256 MiB";
        return ex;
      }
      HALLMARK_ASSIGN_OR_RETURN(Bytes store, src.read(pos + 8, len));
      if (Status trimmed = trim_store(store); !trimmed.ok()) {
        ex.reader_error = "JumbfParseError: " + trimmed.message();
      } else {
        ex.store = std::make_shared<const Bytes>(std::move(store));
        ex.manifest_range = Range{pos, len + 12};
      }
    } else if (type == "iTXt" && !ex.remote_url && len < (16u << 20)) {
      HALLMARK_ASSIGN_OR_RETURN(Bytes data, src.read(pos + 8, len));
      static constexpr char kKey[] = "XML:com.adobe.xmp";
      if (len > sizeof kKey + 4 && std::memcmp(data.data(), kKey, sizeof kKey) == 0 &&
          data[sizeof kKey] == std::byte{0}) {
        // keyword NUL, compression flag, method, language NUL, translated keyword NUL, text.
        std::string_view rest = as_chars(ByteView(data).subspan(sizeof kKey + 2));
        const size_t a = rest.find('\0');
        const size_t b = a == std::string_view::npos ? a : rest.find('\0', a + 1);
        if (b != std::string_view::npos) {
          ex.remote_url = remote_provenance(rest.substr(b + 1));
        }
      }
    } else if (type == "IEND") {
      break;
    }
    pos += len + 12;
  }
  return ex;
}

}  // namespace

namespace {

// The top-level boxes into `boxes`, up to the first malformed one (kCorrupt).
Status walk_top_level(const FileSource& src, std::vector<BmffBox>& boxes) {
  uint64_t pos = 0;
  std::byte head[32];
  while (pos < src.size()) {
    if (src.size() - pos < 8) {
      return corrupt(src.path() + ": truncated BMFF box header at offset " + std::to_string(pos));
    }
    HALLMARK_TRY(src.read(pos, 8, head));
    BmffBox box;
    box.offset = pos;
    box.type.assign(reinterpret_cast<const char*>(head + 4), 4);
    uint64_t size = be32(head);
    if (size == 1) {
      if (src.size() - pos < 16) {
        return corrupt(src.path() + ": truncated BMFF box header");
      }
      HALLMARK_TRY(src.read(pos + 8, 8, head + 8));
      size = be64(head + 8);
      box.header_size = 16;
    } else if (size == 0) {
      size = src.size() - pos;
    }
    if (size < box.header_size || size > src.size() - pos) {
      const std::string why = src.path() + ": BMFF box '" + box.type + "' at offset " +
                              std::to_string(pos) + " has a bad size";
      if (box.type == "uuid" && src.size() - pos >= box.header_size + 16u) {
        // Kept (cut short) so that the caller sees which box broke.
        std::byte uuid[16];
        HALLMARK_TRY(src.read(pos + box.header_size, 16, uuid));
        box.uuid_hex = to_hex(ByteView(uuid, 16));
        box.size = src.size() - pos;
        boxes.push_back(std::move(box));
      }
      return corrupt(why);
    }
    box.size = size;
    if (box.type == "uuid") {
      if (size < box.header_size + 16u) {
        return corrupt(src.path() + ": BMFF uuid box too small");
      }
      std::byte uuid[16];
      HALLMARK_TRY(src.read(pos + box.header_size, 16, uuid));
      box.uuid_hex = to_hex(ByteView(uuid, 16));
    }
    boxes.push_back(std::move(box));
    if (boxes.size() > 1000000) {
      return corrupt(src.path() + ": too many BMFF boxes");
    }
    pos += size;
  }
  return {};
}

bool is_c2pa_uuid(const BmffBox& box) {
  return box.type == "uuid" &&
         box.uuid_hex == to_hex(ByteView(reinterpret_cast<const std::byte*>(kC2paBmffUuid), 16));
}

}  // namespace

Result<std::vector<BmffBox>> bmff_top_level_boxes(const FileSource& src) {
  std::vector<BmffBox> boxes;
  HALLMARK_TRY(walk_top_level(src, boxes));
  return boxes;
}

namespace {

// Does a top-level 'merkle' box hold what c2pa-rs decodes it as (a BmffMerkleMap: uniqueId,
// localId and location as 32-bit unsigned integers, hashes an optional list of byte strings)?
bool merkle_map_ok(ByteView cbor_bytes) {
  size_t used = 0;
  Result<cbor::Item> m = cbor::parse_prefix(cbor_bytes, &used);  // Padding may follow.
  if (!m.ok() || !m->is_map()) {
    return false;
  }
  for (const char* key : {"uniqueId", "localId", "location"}) {
    const cbor::Item* v = m->find(key);
    if (v == nullptr || v->type != cbor::Type::kUnsigned || v->value > UINT32_MAX) {
      return false;
    }
  }
  const cbor::Item* hashes = m->find("hashes");
  if (hashes == nullptr || hashes->type == cbor::Type::kNull) {
    return true;
  }
  return hashes->is_array() && std::all_of(hashes->items.begin(), hashes->items.end(),
                                           [](const cbor::Item& h) { return h.is_bytes(); });
}

// The C2PA 'uuid' boxes at the top level, as c2pa-rs reads them: one store, in a box whose
// purpose is "manifest" or "original"; a second such box is refused (TooManyManifestStores),
// never a choice. An "update" box needs an "original" one to extend; hallmark does not merge
// update stores, so it reports them unread rather than judging the original without them.
// A 'merkle' box that does not decode refuses the file as well.
Result<Extracted> extract_bmff(const FileSource& src) {
  Extracted ex;
  ex.format = Format::kBmff;
  if (Status walked = walk_top_level(src, ex.bmff_boxes); !walked.ok()) {
    // Broken after a C2PA box: the provenance is there and broken, not absent.
    if (std::any_of(ex.bmff_boxes.begin(), ex.bmff_boxes.end(), is_c2pa_uuid)) {
      ex.reader_error = "InvalidAsset: " + walked.message();
      return ex;
    }
    return walked;
  }
  const std::string c2pa_uuid =
      to_hex(ByteView(reinterpret_cast<const std::byte*>(kC2paBmffUuid), 16));
  bool saw_c2pa_box = false;
  int stores = 0;
  bool original = false;
  bool update = false;
  for (const BmffBox& box : ex.bmff_boxes) {
    if (box.type != "uuid" || box.uuid_hex != c2pa_uuid) {
      continue;
    }
    saw_c2pa_box = true;
    const uint64_t body = box.offset + box.header_size + 16;
    const uint64_t body_len = box.size - box.header_size - 16;
    const size_t peek = static_cast<size_t>(std::min<uint64_t>(body_len, 4 + 64 + 8));
    HALLMARK_ASSIGN_OR_RETURN(Bytes head, src.read(body, peek));
    if (head.size() < 5) {
      continue;
    }
    const std::string_view rest = as_chars(ByteView(head).subspan(4));
    const size_t nul = rest.find('\0');
    if (nul == std::string_view::npos) {
      continue;
    }
    const std::string purpose(rest.substr(0, nul));
    if (purpose == "merkle") {
      const uint64_t map_off = 4 + nul + 1;
      if (body_len - map_off > (16u << 20)) {
        ex.store = nullptr;
        ex.reader_error = "merkle box larger than 16 MiB";
        return ex;
      }
      HALLMARK_ASSIGN_OR_RETURN(Bytes map, src.read(body + map_off, body_len - map_off));
      if (!merkle_map_ok(map)) {
        ex.store = nullptr;
        ex.reader_error = "CborError: a merkle box does not hold a merkle map";
        return ex;
      }
      continue;
    }
    if (purpose == "update") {
      update = true;
      continue;
    }
    if (purpose != "manifest" && purpose != "original") {
      continue;
    }
    original = original || purpose == "original";
    if (++stores > 1) {
      ex.store = nullptr;
      ex.reader_error = "TooManyManifestStores";
      return ex;
    }
    const uint64_t store_off = 4 + nul + 1 + 8;
    if (store_off > body_len) {
      continue;
    }
    if (body_len - store_off > kMaxStore) {
      ex.store = nullptr;
      ex.reader_error = "manifest store larger than 256 MiB";
      return ex;
    }
    HALLMARK_ASSIGN_OR_RETURN(Bytes store, src.read(body + store_off, body_len - store_off));
    if (Status trimmed = trim_store(store); !trimmed.ok()) {
      ex.reader_error = "JumbfParseError: " + trimmed.message();
      continue;
    }
    ex.store = std::make_shared<const Bytes>(std::move(store));
    ex.manifest_range = Range{box.offset, box.size};
  }
  if (update) {
    ex.store = nullptr;
    ex.reader_error = original ? "update manifest boxes are not supported"
                               : "C2PAValidation: update manifest without original manifest";
    return ex;
  }
  if (saw_c2pa_box && !ex.store && ex.reader_error.empty()) {
    ex.reader_error = "C2PA box present without a readable manifest";
  }
  return ex;
}

// PDF: the store is kept as an embedded file stream; find the stream whose data is a C2PA
// store. Only uncompressed stores are found.
Result<Extracted> extract_pdf(const FileSource& src) {
  Extracted ex;
  ex.format = Format::kPdf;
  if (src.size() > (512ull << 20)) {
    return ex;
  }
  HALLMARK_ASSIGN_OR_RETURN(Bytes all, src.read(0, src.size()));
  const std::string_view text = as_chars(all);
  size_t at = 0;
  while ((at = text.find("jumb", at)) != std::string_view::npos) {
    if (at >= 4 && is_c2pa_store_prefix(ByteView(all).subspan(at - 4))) {
      const uint64_t size = be32(all.data() + at - 4);
      if (size >= 8 && size <= all.size() - (at - 4)) {
        Bytes store(all.begin() + (at - 4), all.begin() + (at - 4 + size));
        ex.store = std::make_shared<const Bytes>(std::move(store));
        ex.manifest_range = Range{at - 4, size};
        break;
      }
    }
    at += 4;
  }
  return ex;
}

}  // namespace

std::optional<std::string> remote_provenance(std::string_view xmp) {
  std::optional<std::string> url = xmp_provenance(xmp);
  if (url && url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0) {
    return std::nullopt;  // A local reference ("self#jumbf=..."), not a remote manifest.
  }
  return url;
}

std::optional<std::string> xmp_provenance(std::string_view xmp) {
  const size_t at = xmp.find("dcterms:provenance");
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view rest = xmp.substr(at + 18);
  size_t i = 0;
  while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t' || rest[i] == '\n')) {
    ++i;
  }
  if (i < rest.size() && rest[i] == '=') {  // Attribute form: dcterms:provenance="url".
    ++i;
    while (i < rest.size() && rest[i] == ' ') {
      ++i;
    }
    if (i >= rest.size() || (rest[i] != '"' && rest[i] != '\'')) {
      return std::nullopt;
    }
    const char quote = rest[i];
    const size_t end = rest.find(quote, i + 1);
    if (end == std::string_view::npos) {
      return std::nullopt;
    }
    return std::string(rest.substr(i + 1, end - i - 1));
  }
  if (i < rest.size() && rest[i] == '>') {  // Element form: <dcterms:provenance>url</...>.
    const size_t end = rest.find('<', i + 1);
    if (end == std::string_view::npos) {
      return std::nullopt;
    }
    return std::string(rest.substr(i + 1, end - i - 1));
  }
  return std::nullopt;
}

Format detect_format(const FileSource& src, const std::string& path) {
  const std::string ext = lower_ext(path);
  if (ext == "jpg" || ext == "jpeg") {
    return Format::kJpeg;
  }
  if (ext == "png") {
    return Format::kPng;
  }
  if (ext == "mp4" || ext == "m4a" || ext == "m4v" || ext == "mov" || ext == "heic" ||
      ext == "heif" || ext == "avif" || ext == "m4s" || ext == "3gp") {
    return Format::kBmff;
  }
  if (ext == "pdf") {
    return Format::kPdf;
  }
  if (ext == "c2pa") {
    return Format::kC2pa;
  }
  std::byte b[12] = {};
  const size_t n = static_cast<size_t>(std::min<uint64_t>(src.size(), 12));
  if (!src.read(0, n, b).ok()) {
    return Format::kUnknown;
  }
  if (n >= 3 && b[0] == std::byte{0xFF} && b[1] == std::byte{0xD8} && b[2] == std::byte{0xFF}) {
    return Format::kJpeg;
  }
  if (n >= 8 && std::memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0) {
    return Format::kPng;
  }
  if (n >= 8 && std::memcmp(b + 4, "ftyp", 4) == 0) {
    return Format::kBmff;
  }
  if (n >= 5 && std::memcmp(b, "%PDF-", 5) == 0) {
    return Format::kPdf;
  }
  if (n >= 8 && std::memcmp(b + 4, "jumb", 4) == 0) {
    return Format::kC2pa;
  }
  if (n >= 4 && (std::memcmp(b, "RIFF", 4) == 0)) {
    return Format::kRiff;
  }
  if (n >= 4 && std::memcmp(b, "GIF8", 4) == 0) {
    return Format::kGif;
  }
  if (n >= 4 && (std::memcmp(b, "II*\0", 4) == 0 || std::memcmp(b, "MM\0*", 4) == 0)) {
    return Format::kTiff;
  }
  if (ext == "mp3" || (n >= 3 && std::memcmp(b, "ID3", 3) == 0)) {
    return Format::kMp3;
  }
  return Format::kUnknown;
}

Result<Extracted> extract(const FileSource& src, Format format) {
  switch (format) {
    case Format::kJpeg:
      return extract_jpeg(src);
    case Format::kPng:
      return extract_png(src);
    case Format::kBmff:
      return extract_bmff(src);
    case Format::kPdf:
      return extract_pdf(src);
    case Format::kC2pa: {
      Extracted ex;
      ex.format = Format::kC2pa;
      if (src.size() > kMaxStore) {
        return corrupt(src.path() + ": manifest store larger than 256 MiB");
      }
      HALLMARK_ASSIGN_OR_RETURN(Bytes store, src.read(0, src.size()));
      ex.store = std::make_shared<const Bytes>(std::move(store));
      return ex;
    }
    default: {
      Extracted ex;
      ex.format = format;
      return ex;  // No embedding support for this format: no manifest found.
    }
  }
}

}  // namespace hallmark::c2pa
