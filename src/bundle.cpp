#include "hallmark/bundle.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "bundle_leaves.h"
#include "file_open.h"
#include "hallmark/sha256.h"
#include "json_stream.h"
#include "json_util.h"
#include "manifest_json.h"
#include "unique_fd.h"

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
    if ((*receipts)->size() > kMaxReceipts) {
      return corrupt("more than " + std::to_string(kMaxReceipts) + " receipts");
    }
    for (const json& r : **receipts) {
      if (!r.is_string()) {
        return corrupt("\"receipts\" must hold strings");
      }
      out.receipts.push_back(r.get<std::string>());
    }
  }
  return out;
}

// kInternal when sm.canonical does not parse: sign_manifest() and the parsers never make such
// a SignedManifest, so only a hand-built one can hold it, and writing its bytes anyway would
// give a bundle or log entry that no reader accepts.
Result<json> signed_manifest_json(const SignedManifest& sm, bool with_receipts) {
  Result<json> manifest = json_util::parse_strict(sm.canonical, "manifest");
  if (!manifest.ok()) {
    return internal_error("the signed manifest's canonical bytes do not parse: " +
                          manifest.status().message());
  }
  json out = {{"manifest", std::move(manifest).value()},
              {"signatures", signatures_json(sm.signatures)}};
  if (with_receipts) {
    out["receipts"] = sm.receipts;
  }
  return out;
}

// Where each top-level member's value lies in the bundle.
struct Span {
  bool present = false;
  uint64_t begin = 0, end = 0;
  uint64_t size() const { return end - begin; }
};
struct Layout {
  Span version, manifest, signatures, receipts, leaves, ancestors;
  std::string unknown;  // The first member that is none of these, if any.
  bool has_unknown = false;
};

Span* member_span(Layout& l, std::string_view name) {
  if (name == "hallmark_bundle") {
    return &l.version;
  }
  if (name == "manifest") {
    return &l.manifest;
  }
  if (name == "signatures") {
    return &l.signatures;
  }
  if (name == "receipts") {
    return &l.receipts;
  }
  if (name == "leaves") {
    return &l.leaves;
  }
  if (name == "ancestors") {
    return &l.ancestors;
  }
  return nullptr;
}

// Errors of reading are returned as they are; others get "bundle: " in front.
Status in_bundle(const Status& s) {
  return s.code() == Code::kIoError ? s : s.with_context("bundle");
}

// One pass over the whole bundle in O(1) memory: the JSON is checked as parse_strict would
// check it (but for duplicates below the top level, which the members' own parsers find), and
// the top-level members are located, without keeping any of them.
Result<Layout> scan_layout(const json_stream::Source& source) {
  json_stream::Parser p(source, 0, source.size());
  HALLMARK_TRY(in_bundle(p.skip_bom()));
  if (p.peek() != '{') {
    HALLMARK_TRY(in_bundle(p.skip_value()));
    HALLMARK_TRY(in_bundle(p.expect_end()));
    return corrupt("bundle is not a JSON object");
  }
  HALLMARK_TRY(in_bundle(p.begin_object()));
  Layout layout;
  std::string name;
  uint64_t length = 0;
  while (true) {
    Result<bool> more = p.next_member(name, 256, &length);
    HALLMARK_TRY(in_bundle(more.status()));
    if (!*more) {
      break;
    }
    p.peek();
    const uint64_t begin = p.offset();
    HALLMARK_TRY(in_bundle(p.skip_value()));
    Span* span = length == name.size() ? member_span(layout, name) : nullptr;
    if (span == nullptr) {
      if (!layout.has_unknown) {
        layout.has_unknown = true;
        layout.unknown = length > name.size() ? name + "…" : name;
      }
      continue;
    }
    if (span->present) {
      return corrupt("bundle: duplicate member \"" + name + "\"");
    }
    *span = Span{true, begin, p.offset()};
  }
  HALLMARK_TRY(in_bundle(p.expect_end()));
  return layout;
}

std::string too_large(std::string_view what, uint64_t size, uint64_t limit) {
  return std::string(what) + " is " + std::to_string(size) + " bytes, more than the " +
         std::to_string(limit) + " allowed";
}

// A small member's value, parsed strictly (parse_strict's rules and messages).
Result<json> small_member(const json_stream::Source& source, const Span& span,
                          std::string_view name, uint64_t limit) {
  if (span.size() > limit) {
    return corrupt("bundle: " + too_large("\"" + std::string(name) + "\"", span.size(), limit));
  }
  Result<std::string> text = source.copy(span.begin, span.end);
  HALLMARK_TRY(text);
  return json_util::parse_strict(*text, "bundle");
}

// The ancestors, one at a time. Each is checked in full, but only those the history can reach
// are kept, each once: the manifests named as parents by the bundle's own manifest, by those,
// and so on. (Any other ancestor is never consulted, so a bundle cannot make its reader hold
// copies or strangers it will not use.) Those kept are parsed a second time rather than held
// while the rest is read.
Status parse_ancestors(const json_stream::Source& source, const Span& span, const Manifest& head,
                       std::vector<SignedManifest>& out) {
  {
    // Counted first, so that too many are refused before any is parsed.
    json_stream::Parser count(source, span.begin, span.end, /*depth=*/1);
    if (count.peek() == '[' && count.begin_array().ok()) {
      Result<uint64_t> n = count.skip_elements();
      if (n.ok() && *n > kMaxAncestors) {
        return corrupt("bundle: more than " + std::to_string(kMaxAncestors) + " ancestors");
      }
    }
  }
  std::set<Digest> seen;  // Of the bytes of each ancestor: a copy is the same ancestor.
  auto parse_one = [&](uint64_t begin, uint64_t end,
                       bool first_pass) -> Result<std::optional<SignedManifest>> {
    Result<std::string> text = source.copy(begin, end);
    HALLMARK_TRY(text);
    if (first_pass && !seen.insert(sha256(as_bytes(*text))).second) {
      return std::optional<SignedManifest>();
    }
    Result<json> a = json_util::parse_strict(*text, "bundle");
    HALLMARK_TRY(a);
    HALLMARK_TRY(json_util::only_keys(*a, {"manifest", "signatures", "receipts"})
                     .with_context("bundle: \"ancestors\""));
    Result<SignedManifest> sm = signed_manifest_from_json(*a, /*receipts_allowed=*/true);
    HALLMARK_TRY(sm.status().with_context("bundle: ancestor"));
    return std::optional<SignedManifest>(std::move(sm).value());
  };
  struct Ref {
    uint64_t begin, end;
    std::vector<std::string> parents;
  };
  std::vector<Ref> refs;
  std::map<std::string, size_t> first;  // Manifest id -> its first ancestor.
  json_stream::Parser p(source, span.begin, span.end, /*depth=*/1);
  if (p.peek() != '[') {
    HALLMARK_TRY(p.status());
    return corrupt("bundle: \"ancestors\" must be an array");
  }
  HALLMARK_TRY(in_bundle(p.begin_array()));
  while (true) {
    Result<bool> more = p.next_element();
    HALLMARK_TRY(in_bundle(more.status()));
    if (!*more) {
      break;
    }
    if (p.peek() != '{') {
      HALLMARK_TRY(p.status());
      return corrupt("bundle: \"ancestors\" must hold objects");
    }
    if (refs.size() == kMaxAncestors) {  // The file changed since it was counted.
      return corrupt("bundle: more than " + std::to_string(kMaxAncestors) + " ancestors");
    }
    const uint64_t begin = p.offset();
    HALLMARK_TRY(in_bundle(p.skip_value()));
    const uint64_t size = p.offset() - begin;
    if (size > kMaxAncestorSize) {
      return corrupt("bundle: " +
                     too_large("ancestor " + std::to_string(refs.size()), size, kMaxAncestorSize));
    }
    Result<std::optional<SignedManifest>> sm = parse_one(begin, p.offset(), /*first_pass=*/true);
    HALLMARK_TRY(sm);
    Ref ref{begin, p.offset(), {}};
    if (*sm) {
      for (const ParentRef& parent : (*sm)->manifest.parents) {
        ref.parents.push_back(parent.manifest_id);
      }
      first.emplace((*sm)->id(), refs.size());
    }
    refs.push_back(std::move(ref));
  }

  std::vector<bool> keep(refs.size(), false);
  std::vector<std::string> todo;
  for (const ParentRef& parent : head.parents) {
    todo.push_back(parent.manifest_id);
  }
  while (!todo.empty()) {
    const std::string id = std::move(todo.back());
    todo.pop_back();
    const auto it = first.find(id);
    if (it == first.end() || keep[it->second]) {
      continue;
    }
    keep[it->second] = true;
    todo.insert(todo.end(), refs[it->second].parents.begin(), refs[it->second].parents.end());
  }
  for (size_t i = 0; i < refs.size(); ++i) {
    if (keep[i]) {
      Result<std::optional<SignedManifest>> sm =
          parse_one(refs[i].begin, refs[i].end, /*first_pass=*/false);
      HALLMARK_TRY(sm);
      out.push_back(std::move(**sm));
    }
  }
  return {};
}

// The bundle in `source`: first the layout, then the small members (version, manifest,
// signatures, receipts), then the leaves within what the manifest's bindings allow, then the
// ancestors one at a time. Nothing is kept that the limits do not allow.
Result<Bundle> parse_source(const json_stream::Source& source) {
  Result<Layout> layout = scan_layout(source);
  HALLMARK_TRY(layout);
  const Layout& l = *layout;
  if (!l.version.present) {
    return corrupt("not a hallmark bundle (no \"hallmark_bundle\" version)");
  }
  const Status not_integer = corrupt("bundle: \"hallmark_bundle\" must be the integer 1");
  if (l.version.size() > 64) {
    return not_integer;
  }
  Result<json> version = small_member(source, l.version, "hallmark_bundle", 64);
  HALLMARK_TRY(version);
  if (!version->is_number_integer()) {
    return not_integer;
  }
  if (*version != 1) {
    return unsupported("bundle version " + version->dump() + " is not supported (only 1)");
  }
  if (l.has_unknown) {
    return corrupt("bundle: unknown member \"" + l.unknown + "\"");
  }

  // The signed manifest, its signatures and receipts: small, and parsed as they always were.
  json signed_part = json::object();
  for (const auto& [span, name, limit] :
       {std::tuple{&l.manifest, "manifest", kMaxBundleManifestSize},
        std::tuple{&l.signatures, "signatures", kMaxBundleSignaturesSize},
        std::tuple{&l.receipts, "receipts", kMaxBundleReceiptsSize}}) {
    if (span->present) {
      Result<json> value = small_member(source, *span, name, limit);
      HALLMARK_TRY(value);
      signed_part[name] = std::move(value).value();
    }
  }
  Bundle out;
  Result<SignedManifest> sm = signed_manifest_from_json(signed_part, /*receipts_allowed=*/true);
  HALLMARK_TRY(sm.status().with_context("bundle"));
  out.signed_manifest = std::move(sm).value();

  // The leaves: no larger than the signed bindings allow, and read as a stream.
  if (!l.leaves.present) {
    return corrupt("bundle: \"leaves\" is missing");
  }
  const bundle_leaves::Limits limits = bundle_leaves::limits_for(out.signed_manifest.manifest);
  if (l.leaves.size() > limits.max_bytes()) {
    // Name what is over its limit if a check can tell, else the size.
    json_stream::Parser p(source, l.leaves.begin, l.leaves.end, /*depth=*/1);
    HALLMARK_TRY(in_bundle(bundle_leaves::check(p, limits)));
    return corrupt("bundle: \"leaves\" is " + std::to_string(l.leaves.size()) +
                   " bytes, more than the " + std::to_string(limits.max_bytes()) +
                   " its signed bindings allow");
  }
  json_stream::Parser p(source, l.leaves.begin, l.leaves.end, /*depth=*/1);
  HALLMARK_TRY(in_bundle(bundle_leaves::parse(p, limits, out.file_leaves, out.media_leaves)));

  if (l.ancestors.present) {
    HALLMARK_TRY(parse_ancestors(source, l.ancestors, out.signed_manifest.manifest, out.ancestors));
  }
  return out;
}

}  // namespace

Result<std::string> SignedManifest::log_entry() const {
  Result<json> j = signed_manifest_json(*this, /*with_receipts=*/false);
  HALLMARK_TRY(j);
  return json_util::canonical(*j);
}

Result<SignedManifest> sign_manifest(const Manifest& manifest, const keys::SecretKey& key) {
  HALLMARK_TRY(check_manifest(manifest));
  SignedManifest out;
  out.canonical = canonical_manifest(manifest);
  // What is kept is what the signed bytes say, read back as any verifier will read them: a
  // manifest that does not survive its own canonical form (text that is not UTF-8, a value
  // out of bounds) is refused here rather than signed into a bundle nobody can read.
  Result<Manifest> back = parse_manifest(out.canonical);
  if (!back.ok()) {
    return invalid_argument("the manifest cannot be signed: " + back.status().message());
  }
  out.manifest = std::move(back).value();
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

Result<std::string> serialize_bundle(const Bundle& bundle) {
  json doc = json::object();
  doc["hallmark_bundle"] = 1;
  Result<json> signed_part = signed_manifest_json(bundle.signed_manifest, /*with_receipts=*/true);
  HALLMARK_TRY(signed_part);
  json& sm = *signed_part;
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
    Result<json> aj = signed_manifest_json(a, /*with_receipts=*/true);
    HALLMARK_TRY(aj);
    doc["ancestors"].push_back(std::move(aj).value());
  }
  return doc.dump(2) + "\n";
}

Result<Bundle> parse_bundle(std::string_view text) {
  if (text.size() > kMaxBundleSize) {
    return corrupt("bundle is larger than 512 MiB");
  }
  return parse_source(json_stream::MemorySource(text));
}

Result<Result<Bundle>> load_bundle(const std::string& path, const ReadOptions& options) {
  UniqueFd fd;
  struct stat st;
  HALLMARK_TRY(open_regular(path, fd, st, options));
  const auto size = static_cast<uint64_t>(st.st_size);
  if (size > kMaxBundleSize) {
    return corrupt(path + " is too large (" + std::to_string(size) + " bytes, limit " +
                   std::to_string(kMaxBundleSize) + ")");
  }
  const json_stream::FdSource source(fd.get(), size, path);
  Result<Result<Bundle>> out(parse_source(source));
  if (!source.failure().ok()) {
    return source.failure();
  }
  return out;
}

Result<Bundle> read_bundle(const std::string& path) {
  Result<Result<Bundle>> b = load_bundle(path);
  HALLMARK_TRY(b);
  if (!b->ok()) {
    return b->status().with_context(path);
  }
  return std::move(b).value();
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
