// A C2PA manifest store read from its JUMBF bytes: the manifests in order (the last is the
// active one), each with its claim, claim signature and assertion boxes. Only structure is
// checked here; validator.h judges content. Thread-safety: values, no shared state.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "c2pa/cbor.h"
#include "c2pa/jumbf.h"
#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark::c2pa {

struct AssertionRef {
  std::string label;  // As in the assertion store, e.g. "c2pa.ingredient__1".
  const jumbf::Box* box = nullptr;
};

struct Manifest {
  std::string label;
  const jumbf::Box* box = nullptr;
  bool is_update = false;  // 'c2um' manifest.
  int claim_version = 0;   // 1 for "c2pa.claim", 2 for "c2pa.claim.v2"; 0 when missing.
  const jumbf::Box* claim_box = nullptr;
  ByteView claim_bytes;  // CBOR of the claim (the COSE payload).
  const jumbf::Box* signature_box = nullptr;
  ByteView signature_bytes;  // COSE_Sign1_Tagged.
  const jumbf::Box* assertion_store = nullptr;
  std::vector<AssertionRef> assertions;
  std::vector<AssertionRef> databoxes;  // c2pa.databoxes, hashed-URI targets too.
  std::string structure_error;          // Non-empty when the manifest box is malformed.
};

struct Store {
  std::shared_ptr<const Bytes> bytes;  // Owns the data every view points into.
  jumbf::Box root;
  std::vector<Manifest> manifests;

  // Index of the manifest with this label, or -1.
  int find(std::string_view label) const;
};

// kCorrupt when `bytes` is not a JUMBF C2PA manifest store.
Result<Store> parse_store(std::shared_ptr<const Bytes> bytes);

// "self#jumbf=/c2pa/<label>/c2pa.assertions/<assertion>" and friends.
std::string manifest_uri(std::string_view manifest_label);
std::string assertion_uri(std::string_view manifest_label, std::string_view assertion_label);
std::string signature_uri(std::string_view manifest_label);
// The manifest label named by a JUMBF URI ("self#jumbf=/c2pa/<label>/..."), "" if none.
std::string manifest_label_from_uri(std::string_view uri);
// Resolves a JUMBF URI, absolute or relative to `manifest`, to a box in the store.
const jumbf::Box* resolve_uri(const Store& store, const Manifest& manifest, std::string_view uri);

}  // namespace hallmark::c2pa
