#include "hallmark/bundle.h"

#include <cmath>

#include "hallmark/file_io.h"
#include "json_util.h"
#include "manifest_json.h"

namespace hallmark {
namespace {

using json_util::json;

std::string digests_base64(const std::vector<Digest>& digests) {
  Bytes raw;
  raw.reserve(digests.size() * 32);
  for (const Digest& d : digests) {
    raw.insert(raw.end(), d.begin(), d.end());
  }
  return to_base64(raw);
}

Result<std::vector<Digest>> digests_from_base64(const json& value, std::string_view what) {
  if (!value.is_string()) {
    return corrupt(std::string(what) + " must be a base64 string");
  }
  Result<Bytes> raw = from_base64(value.get_ref<const std::string&>());
  if (!raw.ok() || raw->size() % 32 != 0) {
    return corrupt(std::string(what) + " is not base64 of 32-byte hashes");
  }
  std::vector<Digest> out(raw->size() / 32);
  for (size_t i = 0; i < out.size(); ++i) {
    std::copy_n(raw->begin() + static_cast<ptrdiff_t>(i * 32), 32, out[i].begin());
  }
  return out;
}

json media_leaves_json(const MediaLeaves& m) {
  json times = json::array();
  for (double t : m.times) {
    times.push_back(std::isfinite(t) ? json(std::round(t * 1e6) / 1e6) : json(nullptr));
  }
  json out = {{"leaves", digests_base64(m.leaves)}};
  if (!m.aux_leaves.empty()) {
    out["aux_leaves"] = digests_base64(m.aux_leaves);
  }
  if (!m.times.empty()) {
    out["times"] = std::move(times);
  }
  if (!m.unit_names.empty()) {
    out["unit_names"] = m.unit_names;
  }
  if (!m.keyframes.empty()) {
    out["keyframes"] = m.keyframes;
  }
  out["discarded"] = m.discarded;
  out["visible_first"] = m.visible_first;
  out["visible_end"] = m.visible_end;
  return out;
}

Result<MediaLeaves> media_leaves_from_json(const json& j) {
  if (!j.is_object()) {
    return corrupt("must be an object");
  }
  HALLMARK_TRY(json_util::only_keys(j, {"leaves", "aux_leaves", "times", "unit_names", "keyframes",
                                        "discarded", "visible_first", "visible_end"}));
  MediaLeaves m;
  if (!j.contains("leaves")) {
    return corrupt("\"leaves\" is missing");
  }
  Result<std::vector<Digest>> leaves = digests_from_base64(j["leaves"], "\"leaves\"");
  HALLMARK_TRY(leaves);
  m.leaves = std::move(leaves).value();
  if (j.contains("aux_leaves")) {
    Result<std::vector<Digest>> aux = digests_from_base64(j["aux_leaves"], "\"aux_leaves\"");
    HALLMARK_TRY(aux);
    m.aux_leaves = std::move(aux).value();
  }
  if (j.contains("times")) {
    Result<const json*> times = json_util::get_array(j, "times");
    HALLMARK_TRY(times);
    for (const json& t : **times) {
      if (t.is_null()) {
        m.times.push_back(std::nan(""));
      } else if (t.is_number()) {
        m.times.push_back(t.get<double>());
      } else {
        return corrupt("\"times\" must hold numbers or null");
      }
    }
  }
  if (j.contains("unit_names")) {
    Result<const json*> names = json_util::get_array(j, "unit_names");
    HALLMARK_TRY(names);
    for (const json& n : **names) {
      if (!n.is_string()) {
        return corrupt("\"unit_names\" must hold strings");
      }
      m.unit_names.push_back(n.get<std::string>());
    }
  }
  constexpr uint64_t kMax = uint64_t{1} << 53;
  if (j.contains("keyframes")) {
    Result<const json*> keyframes = json_util::get_array(j, "keyframes");
    HALLMARK_TRY(keyframes);
    for (const json& k : **keyframes) {
      if (!k.is_number_unsigned() || k.get<uint64_t>() >= kMax) {
        return corrupt("\"keyframes\" must hold leaf indices");
      }
      m.keyframes.push_back(k.get<uint64_t>());
    }
  }
  for (auto [key, field] :
       {std::pair{"discarded", &m.discarded}, std::pair{"visible_first", &m.visible_first},
        std::pair{"visible_end", &m.visible_end}}) {
    if (j.contains(key)) {
      Result<uint64_t> v = json_util::get_uint(j, key, kMax);
      HALLMARK_TRY(v);
      *field = *v;
    }
  }
  return m;
}

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
  doc["leaves"] = json::object();
  if (bundle.signed_manifest.manifest.file) {
    doc["leaves"]["file"] = digests_base64(bundle.file_leaves);
  }
  if (!bundle.media_leaves.empty()) {
    json media = json::object();
    for (const auto& [label, leaves] : bundle.media_leaves) {
      media[label] = media_leaves_json(leaves);
    }
    doc["leaves"]["media"] = std::move(media);
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
  HALLMARK_TRY(
      json_util::only_keys(**leaves, {"file", "media"}).with_context("bundle: \"leaves\""));
  if ((*leaves)->contains("file")) {
    Result<std::vector<Digest>> file = digests_from_base64((**leaves)["file"], "\"file\"");
    HALLMARK_TRY(file.status().with_context("bundle: \"leaves\""));
    out.file_leaves = std::move(file).value();
  }
  if ((*leaves)->contains("media")) {
    Result<const json*> media = json_util::get_object(**leaves, "media");
    HALLMARK_TRY(media.status().with_context("bundle: \"leaves\""));
    for (auto it = (*media)->begin(); it != (*media)->end(); ++it) {
      Result<MediaLeaves> m = media_leaves_from_json(it.value());
      HALLMARK_TRY(m.status().with_context("bundle: \"leaves\".\"media\".\"" + it.key() + "\""));
      out.media_leaves.emplace(it.key(), std::move(m).value());
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
