#include "hallmark/bundle.h"

#include "hallmark/file_io.h"
#include "json_util.h"
#include "manifest_json.h"

namespace hallmark {
namespace {

using json_util::json;

json signatures_json(const std::vector<ManifestSignature>& sigs) {
  json out = json::array();
  for (const ManifestSignature& s : sigs) {
    out.push_back({{"key", s.key.to_string()}, {"sig", to_base64(s.signature)}});
  }
  return out;
}

// One signed manifest from {"manifest", "signatures", ["receipts"]} members of `obj`.
Result<SignedManifest> signed_manifest_from_json(const json& obj, bool receipts_allowed) {
  SignedManifest out;
  Result<const json*> manifest = json_util::get_object(obj, "manifest");
  HALLMARK_TRY(manifest);
  out.canonical = json_util::canonical(**manifest);
  Result<Manifest> parsed = manifest_json::from_json(**manifest);
  HALLMARK_TRY(parsed);
  out.manifest = std::move(parsed).value();

  Result<const json*> sigs = json_util::get_array(obj, "signatures");
  HALLMARK_TRY(sigs);
  if ((*sigs)->empty()) {
    return corrupt("\"signatures\" is empty");
  }
  if ((*sigs)->size() > 64) {
    return corrupt("more than 64 signatures");
  }
  for (const json& s : **sigs) {
    if (!s.is_object()) {
      return corrupt("\"signatures\" must hold objects");
    }
    HALLMARK_TRY(json_util::only_keys(s, {"key", "sig"}).with_context("\"signatures\""));
    ManifestSignature sig;
    Result<std::string> key = json_util::get_string(s, "key");
    HALLMARK_TRY(key.status().with_context("\"signatures\""));
    Result<keys::PublicKey> pub = keys::parse_public_key(*key);
    HALLMARK_TRY(pub.status().with_context("\"signatures\""));
    sig.key = *pub;
    Result<std::string> value = json_util::get_string(s, "sig");
    HALLMARK_TRY(value.status().with_context("\"signatures\""));
    Result<keys::Signature> bytes = fixed_from_base64<keys::kSignatureSize>(*value);
    if (!bytes.ok()) {
      return corrupt("\"signatures\": \"sig\" must be 64 bytes of base64");
    }
    sig.signature = *bytes;
    out.signatures.push_back(sig);
  }
  if (receipts_allowed && obj.contains("receipts")) {
    Result<const json*> receipts = json_util::get_array(obj, "receipts");
    HALLMARK_TRY(receipts);
    for (const json& r : **receipts) {
      if (!r.is_string()) {
        return corrupt("\"receipts\" must hold strings");
      }
      out.receipts.push_back(r.get<std::string>());
    }
  }
  return out;
}

json signed_manifest_json(const SignedManifest& sm, bool with_receipts) {
  Result<json> manifest = json_util::parse_strict(sm.canonical, "manifest");
  json out = {{"manifest", manifest.ok() ? *manifest : json::object()},
              {"signatures", signatures_json(sm.signatures)}};
  if (with_receipts) {
    out["receipts"] = sm.receipts;
  }
  return out;
}

}  // namespace

std::string SignedManifest::log_entry() const {
  return json_util::canonical(signed_manifest_json(*this, /*with_receipts=*/false));
}

Result<SignedManifest> sign_manifest(const Manifest& manifest, const keys::SecretKey& key) {
  HALLMARK_TRY(check_manifest(manifest));
  SignedManifest out;
  out.canonical = canonical_manifest(manifest);
  out.manifest = manifest;
  const std::string message = signing_message(out.canonical);
  ManifestSignature sig{key.public_key(), key.sign(as_bytes(message))};
  // minisign's habit: check our own signature before anything is written.
  if (!keys::verify(sig.key, as_bytes(message), sig.signature).ok()) {
    return internal_error("the signature just made does not verify");
  }
  out.signatures.push_back(sig);
  return out;
}

Status countersign(SignedManifest& sm, const keys::SecretKey& key) {
  for (const ManifestSignature& s : sm.signatures) {
    if (s.key == key.public_key()) {
      return invalid_argument("key " + key.public_key().id() + " has already signed this manifest");
    }
  }
  const std::string message = signing_message(sm.canonical);
  ManifestSignature sig{key.public_key(), key.sign(as_bytes(message))};
  if (!keys::verify(sig.key, as_bytes(message), sig.signature).ok()) {
    return internal_error("the signature just made does not verify");
  }
  sm.signatures.push_back(sig);
  return {};
}

Status verify_signature(const SignedManifest& sm, const ManifestSignature& sig) {
  return keys::verify(sig.key, as_bytes(signing_message(sm.canonical)), sig.signature);
}

std::string serialize_bundle(const Bundle& bundle) {
  json doc = json::object();
  doc["hallmark_bundle"] = 1;
  json sm = signed_manifest_json(bundle.signed_manifest, /*with_receipts=*/true);
  doc["manifest"] = std::move(sm["manifest"]);
  doc["signatures"] = std::move(sm["signatures"]);
  doc["receipts"] = std::move(sm["receipts"]);
  Bytes leaves;
  leaves.reserve(bundle.file_leaves.size() * 32);
  for (const Digest& d : bundle.file_leaves) {
    leaves.insert(leaves.end(), d.begin(), d.end());
  }
  doc["leaves"] = json::object();
  if (bundle.signed_manifest.manifest.file) {
    doc["leaves"]["file"] = to_base64(leaves);
  }
  doc["ancestors"] = json::array();
  for (const SignedManifest& a : bundle.ancestors) {
    doc["ancestors"].push_back(signed_manifest_json(a, /*with_receipts=*/true));
  }
  return doc.dump(2) + "\n";
}

Result<Bundle> parse_bundle(std::string_view text) {
  if (text.size() > kMaxBundleSize) {
    return corrupt("bundle is larger than 512 MiB");
  }
  Result<json> doc = json_util::parse_strict(text, "bundle");
  HALLMARK_TRY(doc);
  if (!doc->is_object()) {
    return corrupt("bundle is not a JSON object");
  }
  if (!doc->contains("hallmark_bundle") || !(*doc)["hallmark_bundle"].is_number_integer()) {
    return corrupt("not a hallmark bundle (no \"hallmark_bundle\" version)");
  }
  if ((*doc)["hallmark_bundle"] != 1) {
    return unsupported("bundle version " + (*doc)["hallmark_bundle"].dump() +
                       " is not supported (only 1)");
  }
  Status keys_ok = json_util::only_keys(
      *doc, {"hallmark_bundle", "manifest", "signatures", "receipts", "leaves", "ancestors"});
  HALLMARK_TRY(keys_ok.with_context("bundle"));

  Bundle out;
  Result<SignedManifest> sm = signed_manifest_from_json(*doc, /*receipts_allowed=*/true);
  HALLMARK_TRY(sm.status().with_context("bundle"));
  out.signed_manifest = std::move(sm).value();

  Result<const json*> leaves = json_util::get_object(*doc, "leaves");
  HALLMARK_TRY(leaves.status().with_context("bundle"));
  HALLMARK_TRY(json_util::only_keys(**leaves, {"file"}).with_context("bundle: \"leaves\""));
  if ((*leaves)->contains("file")) {
    Result<std::string> b64 = json_util::get_string(**leaves, "file");
    HALLMARK_TRY(b64.status().with_context("bundle: \"leaves\""));
    Result<Bytes> raw = from_base64(*b64);
    if (!raw.ok() || raw->size() % 32 != 0) {
      return corrupt("bundle: \"leaves\".\"file\" is not base64 of 32-byte hashes");
    }
    out.file_leaves.resize(raw->size() / 32);
    for (size_t i = 0; i < out.file_leaves.size(); ++i) {
      std::copy_n(raw->begin() + static_cast<ptrdiff_t>(i * 32), 32, out.file_leaves[i].begin());
    }
  }

  if (doc->contains("ancestors")) {
    Result<const json*> ancestors = json_util::get_array(*doc, "ancestors");
    HALLMARK_TRY(ancestors.status().with_context("bundle"));
    for (const json& a : **ancestors) {
      if (!a.is_object()) {
        return corrupt("bundle: \"ancestors\" must hold objects");
      }
      HALLMARK_TRY(json_util::only_keys(a, {"manifest", "signatures", "receipts"})
                       .with_context("bundle: \"ancestors\""));
      Result<SignedManifest> anc = signed_manifest_from_json(a, /*receipts_allowed=*/true);
      HALLMARK_TRY(anc.status().with_context("bundle: ancestor"));
      out.ancestors.push_back(std::move(anc).value());
    }
  }
  return out;
}

Result<Bundle> read_bundle(const std::string& path) {
  Result<std::string> text = read_file(path, kMaxBundleSize);
  HALLMARK_TRY(text);
  Result<Bundle> b = parse_bundle(*text);
  if (!b.ok()) {
    return b.status().with_context(path);
  }
  return b;
}

Result<SignedManifest> parse_log_entry(std::string_view text) {
  Result<json> doc = json_util::parse_strict(text, "log entry");
  HALLMARK_TRY(doc);
  if (!doc->is_object()) {
    return corrupt("log entry is not a JSON object");
  }
  HALLMARK_TRY(json_util::only_keys(*doc, {"manifest", "signatures"}).with_context("log entry"));
  Result<SignedManifest> sm = signed_manifest_from_json(*doc, /*receipts_allowed=*/false);
  HALLMARK_TRY(sm.status().with_context("log entry"));
  return sm;
}

}  // namespace hallmark
