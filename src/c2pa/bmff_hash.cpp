// c2pa.hash.bmff (v1), .v2 and .v3 as c2pa-rs computes them (assertions/bmff_hash.rs,
// asset_handlers/bmff_io.rs): the box tree is walked through the same container boxes, each
// exclusion's XPath selects boxes (filtered by length, version, flags and data), whole boxes
// or subsets of them are left out, and for v2/v3 the file offset of every top-level box that
// is not wholly excluded is hashed (8 bytes, big-endian) just before the box's bytes.
#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include "c2pa/bindings.h"
#include "crypto/digest.h"

namespace hallmark::c2pa {
namespace {

constexpr int kMaxDepth = 32;
constexpr size_t kMaxBoxes = 1 << 20;
constexpr size_t kBuffer = 1 << 20;

struct TreeBox {
  uint64_t offset = 0, size = 0;
  std::optional<uint8_t> version;
  std::optional<uint32_t> flags;
  bool top = false;
};

using BoxMap = std::map<std::string, std::vector<TreeBox>>;

bool is_container(const std::string& t) {
  static const std::set<std::string> kContainers = {"moov", "trak", "mdia", "minf", "stbl", "moof",
                                                    "traf", "edts", "udta", "dinf", "tref", "treg",
                                                    "mvex", "mfra", "meta", "schi"};
  return kContainers.count(t) > 0;
}

bool is_full_box(const std::string& t) {
  static const std::set<std::string> kFull = {
      "meta", "mvhd", "tkhd", "mdhd", "hdlr", "vmhd", "smhd", "hmhd", "nmhd", "dref",
      "stsd", "stts", "ctts", "stss", "stsh", "stsc", "stsz", "stz2", "stco", "co64",
      "elst", "mehd", "trex", "mfhd", "tfhd", "trun", "tfdt", "tfra", "mfro", "sidx",
      "saio", "saiz", "sbgp", "sgpd", "iloc", "iinf", "infe", "pitm", "iref", "ipma",
      "emsg", "pssh", "cslg", "subs", "padb", "stdp", "sdtp", "url ", "urn ", "schm",
      "tenc", "senc", "ssix", "prft", "leva", "elng", "kind", "iprp"};
  return kFull.count(t) > 0;
}

uint32_t be32(const std::byte* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

class TreeBuilder {
 public:
  TreeBuilder(const FileSource& src, BoxMap& map) : src_(src), map_(map) {}

  Status walk(uint64_t start, uint64_t end, const std::string& parent, int depth) {
    if (depth > kMaxDepth) {
      return corrupt("bmff: boxes nested too deeply");
    }
    uint64_t pos = start;
    while (pos < end) {
      if (end - pos < 8) {
        return corrupt("bmff: truncated box header");
      }
      std::byte h[16];
      HALLMARK_TRY(src_.read(pos, 8, h));
      uint64_t size = be32(h);
      const std::string type(reinterpret_cast<const char*>(h + 4), 4);
      uint64_t header = 8;
      if (size == 1) {
        if (end - pos < 16) {
          return corrupt("bmff: truncated large box header");
        }
        HALLMARK_TRY(src_.read(pos + 8, 8, h + 8));
        size = (uint64_t(be32(h + 8)) << 32) | be32(h + 12);
        header = 16;
      } else if (size == 0) {
        break;  // c2pa-rs stops at a zero-sized box.
      }
      if (size < header || size > end - pos) {
        return corrupt("bmff: box '" + type + "' extends beyond its parent");
      }
      if (++count_ > kMaxBoxes) {
        return corrupt("bmff: too many boxes");
      }
      TreeBox box;
      box.offset = pos;
      box.size = size;
      box.top = depth == 0;
      const std::string path = parent + "/" + type;
      uint64_t body = pos + header;
      if (type == "uuid") {
        if (size >= header + 20) {
          std::byte u[20];
          HALLMARK_TRY(src_.read(body, 20, u));
          static constexpr uint8_t kC2pa[16] = {0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C,
                                                0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81};
          if (std::memcmp(u, kC2pa, 16) == 0) {
            box.version = static_cast<uint8_t>(u[16]);
            box.flags = be32(u + 16) & 0xFFFFFF;
          }
        }
      } else {
        bool full = is_full_box(type);
        if (type == "meta" && size >= header + 8) {
          std::byte m[8];
          HALLMARK_TRY(src_.read(body, 8, m));
          full = std::memcmp(m + 4, "hdlr", 4) != 0;  // QuickTime 'meta' is a plain box.
        }
        if (full && size >= header + 4) {
          std::byte vf[4];
          HALLMARK_TRY(src_.read(body, 4, vf));
          box.version = static_cast<uint8_t>(vf[0]);
          box.flags = be32(vf) & 0xFFFFFF;
          if (is_container(type)) {
            body += 4;
          }
        }
      }
      map_[path].push_back(box);
      if (is_container(type)) {
        HALLMARK_TRY(walk(body, pos + size, path, depth + 1));
      }
      pos += size;
    }
    return {};
  }

 private:
  const FileSource& src_;
  BoxMap& map_;
  size_t count_ = 0;
};

struct Span {
  uint64_t start, end;
};

Status hash_file(const FileSource& src, std::vector<Span> excl, std::vector<uint64_t> offsets,
                 crypto::Hasher& h) {
  std::sort(excl.begin(), excl.end(),
            [](const Span& a, const Span& b) { return a.start < b.start; });
  std::sort(offsets.begin(), offsets.end());
  std::vector<Span> merged;
  for (const Span& s : excl) {
    if (!merged.empty() && s.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  // Inclusion ranges.
  std::vector<Span> incl;
  uint64_t pos = 0;
  for (const Span& e : merged) {
    if (e.start > pos) {
      incl.push_back({pos, std::min(e.start, src.size())});
    }
    pos = std::max(pos, e.end);
  }
  if (pos < src.size()) {
    incl.push_back({pos, src.size()});
  }
  Bytes buffer(kBuffer);
  auto feed = [&](uint64_t a, uint64_t b) -> Status {
    while (a < b) {
      const size_t n = static_cast<size_t>(std::min<uint64_t>(b - a, buffer.size()));
      HALLMARK_TRY(src.read(a, n, buffer.data()));
      h.update(ByteView(buffer.data(), n));
      a += n;
    }
    return {};
  };
  size_t next = 0;
  for (const Span& r : incl) {
    uint64_t at = r.start;
    while (next < offsets.size() && offsets[next] < r.start) {
      ++next;  // A box start that lies inside an exclusion is not hashed (as in c2pa-rs).
    }
    while (next < offsets.size() && offsets[next] <= r.end) {
      const uint64_t o = offsets[next++];
      HALLMARK_TRY(feed(at, o));
      std::byte be[8];
      for (int i = 0; i < 8; ++i) {
        be[i] = std::byte((o >> (56 - 8 * i)) & 0xFF);
      }
      h.update(ByteView(be, 8));
      at = o;
    }
    HALLMARK_TRY(feed(at, r.end));
  }
  return {};
}

bool get_u64(const cbor::Item* item, uint64_t* out) {
  if (item == nullptr || item->type != cbor::Type::kUnsigned) {
    return false;
  }
  *out = item->value;
  return true;
}

// The byte ranges the assertion's exclusions select in `src`, and the offsets of the top-level
// boxes left (at least partly) in (c2pa-rs bmff_to_jumbf_exclusions).
Status exclusions_for(const FileSource& src, const cbor::Item& a, std::vector<Span>& excl,
                      std::vector<uint64_t>& top) {
  BoxMap map;
  TreeBuilder builder(src, map);
  HALLMARK_TRY(builder.walk(0, src.size(), "", 0));
  for (const auto& [path, boxes] : map) {
    for (const TreeBox& b : boxes) {
      if (b.top) {
        top.push_back(b.offset);
      }
    }
  }
  if (const cbor::Item* list = a.find("exclusions"); list != nullptr && list->is_array()) {
    for (const cbor::Item& e : list->items) {
      const std::string xpath = e.text_of("xpath");
      auto it = map.find(xpath);
      if (it == map.end()) {
        continue;
      }
      for (const TreeBox& b : it->second) {
        uint64_t want = 0;
        if (get_u64(e.find("length"), &want) && want != b.size) {
          continue;
        }
        if (get_u64(e.find("version"), &want) && b.version && want != *b.version) {
          continue;
        }
        if (const cbor::Item* f = e.find("flags"); f != nullptr && f->is_bytes() && b.flags) {
          uint32_t desired = 0;
          if (f->str.size() >= 3) {
            desired = (uint32_t(uint8_t(f->str[0])) << 16) | (uint32_t(uint8_t(f->str[1])) << 8) |
                      uint32_t(uint8_t(f->str[2]));
          }
          const cbor::Item* exact = e.find("exact");
          const bool is_exact =
              exact == nullptr || exact->type != cbor::Type::kBool || exact->value;
          if (is_exact ? desired != *b.flags : (desired | *b.flags) != desired) {
            continue;
          }
        }
        bool data_ok = true;
        if (const cbor::Item* data = e.find("data"); data != nullptr && data->is_array()) {
          for (const cbor::Item& d : data->items) {
            uint64_t off = 0;
            const cbor::Item* value = d.find("value");
            if (!get_u64(d.find("offset"), &off) || value == nullptr || !value->is_bytes() ||
                off > b.size || value->str.size() > b.size - off) {
              data_ok = false;
              break;
            }
            Result<Bytes> got = src.read(b.offset + off, value->str.size());
            if (!got.ok() || std::memcmp(got->data(), value->str.data(), value->str.size()) != 0) {
              data_ok = false;
              break;
            }
          }
        }
        if (!data_ok) {
          continue;
        }
        if (const cbor::Item* subset = e.find("subset"); subset != nullptr && subset->is_array()) {
          for (const cbor::Item& s : subset->items) {
            uint64_t off = 0, len = 0;
            if (!get_u64(s.find("offset"), &off) || !get_u64(s.find("length"), &len) ||
                off > b.size) {
              continue;
            }
            const uint64_t n = len == 0 ? b.size - off : std::min(len, b.size - off);
            excl.push_back({b.offset + off, b.offset + off + n});
          }
        } else {
          excl.push_back({b.offset, b.offset + b.size});
          top.erase(std::remove(top.begin(), top.end(), b.offset), top.end());
        }
      }
    }
  }
  return {};
}

// Merkle proof check as c2pa-rs's MerkleMap::check_merkle_tree: layer sizes from the leaves up,
// a missing right sibling carries the node up unchanged, and the walk stops at the stored row.
bool check_merkle(const cbor::Item& mm, std::string_view alg, Bytes hash, uint64_t location,
                  const cbor::Item* proof) {
  const cbor::Item* row = mm.find("hashes");
  uint64_t count = 0;
  if (row == nullptr || !row->is_array() || !get_u64(mm.find("count"), &count) || count == 0 ||
      count > (1ull << 32)) {
    return false;
  }
  uint64_t index = location;
  if (proof != nullptr && proof->is_array()) {
    std::vector<uint64_t> layers;
    for (uint64_t n = count;; n = (n + 1) / 2) {
      layers.push_back(n);
      if (n == 1) {
        break;
      }
    }
    size_t used = 0;
    for (uint64_t layer : layers) {
      if (layer == row->items.size()) {
        break;
      }
      const bool right = index % 2 == 1;
      const bool has_sibling = right ? index - 1 < layer : index + 1 < layer;
      if (has_sibling) {
        if (used >= proof->items.size() || !proof->items[used].is_bytes()) {
          return false;
        }
        const std::string& sib = proof->items[used++].str;
        Bytes joined;
        const ByteView s = as_bytes(sib);
        if (right) {
          joined.insert(joined.end(), s.begin(), s.end());
          joined.insert(joined.end(), hash.begin(), hash.end());
        } else {
          joined.insert(joined.end(), hash.begin(), hash.end());
          joined.insert(joined.end(), s.begin(), s.end());
        }
        Result<Bytes> h = crypto::digest(alg, joined);
        if (!h.ok()) {
          return false;
        }
        hash = std::move(h).value();
      }
      index /= 2;
    }
  }
  if (index >= row->items.size() || !row->items[index].is_bytes()) {
    return false;
  }
  const std::string& want = row->items[index].str;
  return want.size() == hash.size() && std::memcmp(want.data(), hash.data(), hash.size()) == 0;
}

// The C2PA 'merkle' uuid boxes of a fragment: their CBOR maps.
Result<std::vector<std::pair<Bytes, cbor::Item>>> merkle_boxes(const FileSource& src) {
  std::vector<std::pair<Bytes, cbor::Item>> out;
  HALLMARK_ASSIGN_OR_RETURN(std::vector<BmffBox> boxes, bmff_top_level_boxes(src));
  for (const BmffBox& b : boxes) {
    if (b.type != "uuid" || b.uuid_hex != "d8fec3d61b0e483c92975828877ec481") {
      continue;
    }
    const uint64_t body = b.offset + b.header_size + 16;
    const uint64_t len = b.size - b.header_size - 16;
    if (len > (16u << 20)) {
      return corrupt("bmff: merkle box too large");
    }
    HALLMARK_ASSIGN_OR_RETURN(Bytes data, src.read(body, len));
    const std::string_view text = as_chars(data);
    const size_t nul = text.find('\0', 4);
    if (len < 5 || nul == std::string_view::npos || text.substr(4, nul - 4) != "merkle") {
      continue;
    }
    Bytes cbor_bytes(data.begin() + nul + 1, data.end());
    out.emplace_back(std::move(cbor_bytes), cbor::Item{});
    size_t used = 0;
    Result<cbor::Item> item = cbor::parse_prefix(out.back().first, &used);  // Padding may follow.
    if (!item.ok()) {
      return item.status();
    }
    out.back().second = std::move(item).value();
  }
  return out;
}

Result<Bytes> hash_excluding(const FileSource& src, const cbor::Item& a, std::string_view alg,
                             bool v2) {
  std::vector<Span> excl;
  std::vector<uint64_t> top;
  HALLMARK_TRY(exclusions_for(src, a, excl, top));
  HALLMARK_ASSIGN_OR_RETURN(std::unique_ptr<crypto::Hasher> h, crypto::Hasher::create(alg));
  HALLMARK_TRY(hash_file(src, excl, v2 ? top : std::vector<uint64_t>{}, *h));
  return h->finish();
}

// A fragmented MP4 given as an init segment (the asset) and fragment files (c2pa-rs
// BmffHash::verify_stream_segment, once per fragment).
template <typename Mismatch>
std::vector<BindingStatus> check_fragments(const cbor::Item& a, const cbor::Item& merkle,
                                           const std::string& alg, bool v2, const AssetView& asset,
                                           Mismatch mismatch) {
  if (a.find("hash") != nullptr) {
    return mismatch("Hash value should not be present for a fragmented BMFF asset");
  }
  for (const cbor::Item& mm : merkle.items) {
    const cbor::Item* init = mm.find("initHash");
    if (init == nullptr || !init->is_bytes()) {
      return mismatch("fragmented MP4 must have initHash");
    }
    const std::string mm_alg = mm.text_of("alg").empty() ? alg : mm.text_of("alg");
    Result<Bytes> got = hash_excluding(*asset.src, a, mm_alg, v2);
    if (!got.ok() || got->size() != init->str.size() ||
        std::memcmp(got->data(), init->str.data(), got->size()) != 0) {
      return mismatch("BMFF inithash mismatch");
    }
  }
  for (const FileSource* fragment : asset.fragments) {
    Result<std::vector<std::pair<Bytes, cbor::Item>>> boxes = merkle_boxes(*fragment);
    if (!boxes.ok() || boxes->empty()) {
      return mismatch("Fragment had no MerkleMap");
    }
    for (const auto& [raw, bm] : *boxes) {
      uint64_t unique = 0, local = 0, location = 0;
      get_u64(bm.find("uniqueId"), &unique);
      get_u64(bm.find("localId"), &local);
      get_u64(bm.find("location"), &location);
      const cbor::Item* mm = nullptr;
      for (const cbor::Item& m : merkle.items) {
        uint64_t u = 0, l = 0;
        if (get_u64(m.find("uniqueId"), &u) && get_u64(m.find("localId"), &l) && u == unique &&
            l == local) {
          mm = &m;
          break;
        }
      }
      if (mm == nullptr) {
        return mismatch("Fragment had no MerkleMap");
      }
      const std::string mm_alg = mm->text_of("alg").empty() ? alg : mm->text_of("alg");
      Result<Bytes> leaf = hash_excluding(*fragment, a, mm_alg, v2);
      if (!leaf.ok() ||
          !check_merkle(*mm, mm_alg, std::move(leaf).value(), location, bm.find("hashes"))) {
        return mismatch("Fragment not valid");
      }
    }
  }
  return {{BindingStatus::kSuccess, "assertion.bmffHash.match", "BMFF hash valid"}};
}

}  // namespace

std::vector<BindingStatus> check_bmff_hash(const cbor::Item& a, std::string_view label,
                                           std::string_view claim_alg, const AssetView& asset) {
  const std::string name = a.text_of("name").empty() ? "unnamed" : a.text_of("name");
  auto mismatch = [&](std::string what) {
    return std::vector<BindingStatus>{
        {BindingStatus::kFailure, "assertion.bmffHash.mismatch",
         "asset hash error, name: " + name + ", error: hash verification( " + what + " )"}};
  };
  const FileSource& src = *asset.src;
  std::string alg = a.text_of("alg");
  if (alg.empty()) {
    alg = claim_alg.empty() ? "sha256" : std::string(claim_alg);
  }
  const bool v2 = label == "c2pa.hash.bmff.v2" || label == "c2pa.hash.bmff.v3";
  const cbor::Item* merkle = a.find("merkle");
  if (merkle != nullptr && merkle->is_array() && !merkle->items.empty() &&
      asset.fragments.empty()) {
    for (const cbor::Item& m : merkle->items) {
      if (m.find("initHash") != nullptr) {
        return mismatch("BMFF inithash must not be present for non-fragmented media");
      }
    }
  }
  std::vector<Span> excl;
  std::vector<uint64_t> top;
  if (Status st = exclusions_for(src, a, excl, top); !st.ok()) {
    return mismatch(st.message());
  }
  bool extra = false;
  static const std::set<std::string> kMandatory = {"/uuid", "/ftyp", "/mfra"};
  if (const cbor::Item* list = a.find("exclusions"); list != nullptr && list->is_array()) {
    for (const cbor::Item& e : list->items) {
      extra = extra || !kMandatory.count(e.text_of("xpath"));
    }
  }
  if (!asset.fragments.empty() && merkle != nullptr && merkle->is_array()) {
    return check_fragments(a, *merkle, alg, v2, asset, mismatch);
  }
  Result<std::unique_ptr<crypto::Hasher>> hasher = crypto::Hasher::create(alg);
  if (!hasher.ok()) {
    return {{BindingStatus::kFailure, "algorithm.unsupported", hasher.status().message()}};
  }
  const cbor::Item* hash = a.find("hash");
  if (hash == nullptr || !hash->is_bytes()) {
    return mismatch("BMFF hash missing");
  }
  if (Status s = hash_file(src, excl, v2 ? top : std::vector<uint64_t>{}, **hasher); !s.ok()) {
    return mismatch(s.message());
  }
  const Bytes got = (*hasher)->finish();
  if (got.size() != hash->str.size() ||
      std::memcmp(got.data(), hash->str.data(), got.size()) != 0) {
    return mismatch("Hashes do not match");
  }
  std::vector<BindingStatus> out;
  out.push_back({BindingStatus::kSuccess, "assertion.bmffHash.match", "BMFF hash valid"});
  if (extra) {
    out.push_back({BindingStatus::kInformational, "assertion.bmffHash.additionalExclusionsPresent",
                   "extra BMFF hash exclusion(s) found"});
  }
  return out;
}

}  // namespace hallmark::c2pa
