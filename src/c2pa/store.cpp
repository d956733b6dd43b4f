#include "c2pa/store.h"

namespace hallmark::c2pa {
namespace {

constexpr std::string_view kSelf = "self#jumbf=";

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    const size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) {
      parts.push_back(path.substr(start, end - start));
    }
    if (slash == std::string_view::npos) {
      break;
    }
    start = slash + 1;
  }
  return parts;
}

Manifest read_manifest(const jumbf::Box& box) {
  Manifest m;
  m.box = &box;
  m.label = box.label;
  const std::string kind = jumbf::kind_of(box.uuid);
  m.is_update = kind == "c2um";
  if (kind != "c2ma" && kind != "c2um") {
    m.structure_error = "manifest box has an unknown type";
  }
  for (const jumbf::Box& child : box.children) {
    if (!child.is_super()) {
      continue;
    }
    const std::string ck = jumbf::kind_of(child.uuid);
    if (ck == "c2cl" && m.claim_box == nullptr) {
      m.claim_box = &child;
      m.claim_version = child.label == "c2pa.claim.v2" ? 2 : 1;
      if (const jumbf::Box* c = child.content("cbor")) {
        m.claim_bytes = c->payload;
      }
    } else if (ck == "c2cs" && m.signature_box == nullptr) {
      m.signature_box = &child;
      if (const jumbf::Box* c = child.content("cbor")) {
        m.signature_bytes = c->payload;
      }
    } else if (ck == "c2as" && m.assertion_store == nullptr) {
      m.assertion_store = &child;
      for (const jumbf::Box& a : child.children) {
        if (a.is_super()) {
          m.assertions.push_back({a.label, &a});
        }
      }
    } else if (ck == "c2db") {
      for (const jumbf::Box& a : child.children) {
        if (a.is_super()) {
          m.databoxes.push_back({a.label, &a});
        }
      }
    }
  }
  return m;
}

}  // namespace

int Store::find(std::string_view label) const {
  for (size_t i = 0; i < manifests.size(); ++i) {
    if (manifests[i].label == label) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

Result<Store> parse_store(std::shared_ptr<const Bytes> bytes) {
  Store store;
  store.bytes = std::move(bytes);
  Result<jumbf::Box> root = jumbf::parse(*store.bytes);
  if (!root.ok()) {
    return root.status();
  }
  store.root = std::move(root).value();
  if (jumbf::kind_of(store.root.uuid) != "c2pa" || store.root.label != "c2pa") {
    return corrupt("jumbf: not a c2pa manifest store");
  }
  for (const jumbf::Box& child : store.root.children) {
    if (child.is_super()) {
      store.manifests.push_back(read_manifest(child));
    }
  }
  return store;
}

std::string manifest_uri(std::string_view label) {
  return std::string(kSelf) + "/c2pa/" + std::string(label);
}
std::string assertion_uri(std::string_view label, std::string_view assertion) {
  return manifest_uri(label) + "/c2pa.assertions/" + std::string(assertion);
}
std::string signature_uri(std::string_view label) {
  return manifest_uri(label) + "/c2pa.signature";
}

std::string manifest_label_from_uri(std::string_view uri) {
  if (uri.substr(0, kSelf.size()) == kSelf) {
    uri.remove_prefix(kSelf.size());
  }
  const std::vector<std::string_view> parts = split_path(uri);
  // "/c2pa/<label>/..." is absolute; so is "c2pa/<label>/..." (written by early signers).
  if (parts.size() >= 2 && parts[0] == "c2pa") {
    return std::string(parts[1]);
  }
  return "";
}

const jumbf::Box* resolve_uri(const Store& store, const Manifest& manifest, std::string_view uri) {
  if (uri.substr(0, kSelf.size()) != kSelf) {
    return nullptr;
  }
  uri.remove_prefix(kSelf.size());
  std::vector<std::string_view> parts = split_path(uri);
  const bool absolute = uri.substr(0, 1) == "/" || (!parts.empty() && parts[0] == "c2pa");
  const jumbf::Box* box = nullptr;
  size_t i = 0;
  if (absolute) {
    if (parts.empty() || parts[0] != "c2pa") {
      return nullptr;
    }
    box = &store.root;
    i = 1;
  } else {
    box = manifest.box;
  }
  for (; i < parts.size() && box != nullptr; ++i) {
    box = box->child(parts[i]);
  }
  return box;
}

}  // namespace hallmark::c2pa
