#include "c2pa/bindings.h"

#include <algorithm>
#include <cstring>

#include "crypto/digest.h"

namespace hallmark::c2pa {
namespace {

constexpr size_t kBuffer = 1 << 20;

struct Span {
  uint64_t start, end;  // [start, end)
};

std::string hash_error(std::string_view name, std::string_view what) {
  return "asset hash error, name: " + std::string(name) + ", error: hash verification( " +
         std::string(what) + " )";
}

// Feeds [start, end) of the file to the hasher in bounded chunks.
Status feed(const FileSource& src, uint64_t start, uint64_t end, crypto::Hasher& h, Bytes& buffer) {
  while (start < end) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(end - start, buffer.size()));
    HALLMARK_TRY(src.read(start, n, buffer.data()));
    h.update(ByteView(buffer.data(), n));
    start += n;
  }
  return {};
}

// Sorted, merged exclusions; false if one runs past `size`.
bool normalise(std::vector<Span>& spans, uint64_t size) {
  for (const Span& s : spans) {
    if (s.end < s.start || s.end > size) {
      return false;
    }
  }
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.start < b.start; });
  std::vector<Span> merged;
  for (const Span& s : spans) {
    if (!merged.empty() && s.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  spans = std::move(merged);
  return true;
}

// Hash of [from, to) minus `excluded` (sorted, merged).
Status hash_minus(const FileSource& src, uint64_t from, uint64_t to,
                  const std::vector<Span>& excluded, crypto::Hasher& h, Bytes& buffer) {
  uint64_t pos = from;
  for (const Span& e : excluded) {
    if (e.end <= pos || e.start >= to) {
      continue;
    }
    if (e.start > pos) {
      HALLMARK_TRY(feed(src, pos, e.start, h, buffer));
    }
    pos = std::max(pos, e.end);
  }
  if (pos < to) {
    HALLMARK_TRY(feed(src, pos, to, h, buffer));
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

std::string alg_of(const cbor::Item& a, std::string_view claim_alg) {
  std::string alg = a.text_of("alg");
  return alg.empty() ? std::string(claim_alg.empty() ? "sha256" : claim_alg) : alg;
}

ByteView bytes_of(const cbor::Item* item) {
  if (item == nullptr || !item->is_bytes()) {
    return {};
  }
  return as_bytes(item->str);
}

}  // namespace

std::vector<BindingStatus> check_data_hash(const cbor::Item& a, std::string_view claim_alg,
                                           const AssetView& asset) {
  std::vector<BindingStatus> out;
  const std::string name = a.text_of("name").empty() ? "unnamed" : a.text_of("name");
  auto fail = [&](std::string why) {
    out.push_back({BindingStatus::kFailure, "assertion.dataHash.mismatch", std::move(why)});
    return out;
  };
  const FileSource& src = *asset.src;
  std::vector<Span> excl;
  if (const cbor::Item* ex = a.find("exclusions")) {
    if (!ex->is_array()) {
      out.push_back({BindingStatus::kFailure, "assertion.dataHash.malformed",
                     "data hash exclusions are not an array"});
      return out;
    }
    for (const cbor::Item& e : ex->items) {
      uint64_t start = 0, length = 0;
      if (!get_u64(e.find("start"), &start) || !get_u64(e.find("length"), &length)) {
        out.push_back({BindingStatus::kFailure, "assertion.dataHash.malformed",
                       "data hash exclusion is malformed"});
        return out;
      }
      if (start > UINT64_MAX - length) {
        return fail(hash_error(name, "exclusion range overflows"));
      }
      excl.push_back({start, start + length});
    }
  }
  const ByteView want = bytes_of(a.find("hash"));
  const std::string alg = alg_of(a, claim_alg);
  Result<std::unique_ptr<crypto::Hasher>> hasher = crypto::Hasher::create(alg);
  if (!hasher.ok()) {
    out.push_back({BindingStatus::kFailure, "algorithm.unsupported", "unsupported hash " + alg});
    return out;
  }
  // The manifest store must be excluded exactly (c2pa-rs rejects looser ranges, which could
  // hide other content); further exclusions are reported.
  bool location_ok = true;
  bool extra = false;
  if (asset.embedded && asset.extracted->manifest_range) {
    const Range& r = *asset.extracted->manifest_range;
    if (asset.binding_from_update) {
      for (Span& s : excl) {
        if (s.start == r.start) {
          s.end = r.start + r.length;
        }
      }
    }
    location_ok = std::any_of(excl.begin(), excl.end(), [&](const Span& s) {
      return s.start == r.start && s.end - s.start == r.length;
    });
    extra = excl.size() > 1;
  }
  std::vector<Span> merged = excl;
  bool hashed_ok = false;
  if (normalise(merged, src.size())) {
    Bytes buffer(kBuffer);
    if (hash_minus(src, 0, src.size(), merged, **hasher, buffer).ok()) {
      const Bytes got = (*hasher)->finish();
      hashed_ok = got.size() == want.size() && std::equal(got.begin(), got.end(), want.begin());
    }
  }
  if (hashed_ok) {
    out.push_back({BindingStatus::kSuccess, "assertion.dataHash.match", "data hash valid"});
  } else {
    fail(hash_error(name, "Hashes do not match"));
  }
  if (hashed_ok && !location_ok) {
    fail("data hash exclusion does not match the manifest location in the asset");
  }
  if (extra && location_ok) {
    out.push_back({BindingStatus::kInformational, "assertion.dataHash.additionalExclusionsPresent",
                   "additional data hash exclusions found"});
  }
  return out;
}

}  // namespace hallmark::c2pa
