// The manifest's canonical bytes with every field set, held in tests/data/manifest-golden.json
// and reviewed against hallmark-manifest(5). A field the writer drops, renames or reorders
// changes the bytes; a member the parser ignores is caught by removing each one in turn.
#include <set>

#include "hallmark/bundle.h"
#include "hallmark/canonical_json.h"
#include "hallmark/manifest.h"
#include "json_util.h"
#include "test_util.h"

namespace hallmark {
namespace {

using json = json_util::json;
namespace fs = std::filesystem;
using test::data_dir;
using test::read_text;

// Every field of Manifest set, claims and media binding included.
Manifest full_manifest() {
  Manifest m;
  m.created = "2026-11-27T02:30:58Z";
  m.generator = "hallmark/0.2.0";
  m.title = "harbour.mp4";
  m.creator = {"Alice Example",
               *keys::parse_public_key("ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")};
  m.source_type = "digitalCapture";
  m.actions = {{"c2pa.cropped", "sky trimmed"}, {"com.example.retouched", "dust removed"}};
  m.parents = {
      {"sha256:" + std::string(64, 'a'),
       "parentOf",
       {{"file", sha256(as_bytes("parent file"))}, {"media", sha256(as_bytes("parent media"))}}}};
  m.file = FileBindingInfo{123456789, 1 << 20, sha256(as_bytes("file root"))};
  MediaBindingInfo media;
  media.version = 2;
  media.format = "mp4";
  media.content_root = sha256(as_bytes("content"));
  media.metadata = sha256(as_bytes("metadata"));
  media.rendering = sha256(as_bytes("rendering"));
  media.trailer = sha256(as_bytes("trailer"));
  media.trailer_size = 4096;
  MediaStreamInfo video;
  video.kind = "video";
  video.ordinal = 0;
  video.codec = "h264";
  video.root = sha256(as_bytes("video root"));
  video.leaf_count = 250;
  video.config = sha256(as_bytes("avcC"));
  video.aux_root = sha256(as_bytes("sei"));
  video.timing = StreamTiming{{-1, 40}, {248, 25}};
  video.leaf_info = sha256(as_bytes("video leaf info"));
  MediaStreamInfo audio;
  audio.kind = "audio";
  audio.ordinal = 1;
  audio.codec = "aac";
  audio.root = sha256(as_bytes("audio root"));
  audio.leaf_count = 431;
  audio.timing = StreamTiming{{0, 1}, {441, 44}};
  audio.leaf_info = sha256(as_bytes("audio leaf info"));
  media.streams = {video, audio};
  m.media = media;
  for (const ClaimField& f : claim_fields()) {
    if (f.text != nullptr) {
      m.claims.*f.text = std::string(f.label) + " claim";
    } else {
      m.claims.*f.number = 6;
    }
  }
  m.claims.captured = "2024:05:17 14:03:22";
  m.claims.captured_offset = "+02:00";
  m.claims.thumbnail = digest_id(sha256(as_bytes("thumbnail")));
  m.claims.location_present = true;
  m.claims.location = "48.858400,2.294500,35.0";
  return m;
}

// Member paths of a JSON value: "bindings.media.streams[].timing.start", ...
void member_paths(const json& v, const std::string& at, std::set<std::string>& out) {
  if (v.is_object()) {
    for (const auto& [k, child] : v.items()) {
      const std::string p = at.empty() ? k : at + "." + k;
      out.insert(p);
      member_paths(child, p, out);
    }
  } else if (v.is_array()) {
    for (const json& child : v) {
      member_paths(child, at + "[]", out);
    }
  }
}

// Removes the member at `path` (every element along "[]" steps). True if one was removed.
bool remove_member(json& v, std::string_view path) {
  const size_t dot = path.find('.');
  std::string head(path.substr(0, dot));
  const bool each = head.ends_with("[]");
  if (each) {
    head.resize(head.size() - 2);
  }
  if (!v.is_object() || !v.contains(head)) {
    return false;
  }
  if (dot == std::string_view::npos && !each) {
    v.erase(head);
    return true;
  }
  json& child = v[head];
  bool removed = false;
  if (each) {
    for (json& e : child) {
      removed = remove_member(e, path.substr(dot + 1)) || removed;
    }
    return removed;
  }
  return remove_member(child, path.substr(dot + 1));
}

TEST_CASE("manifest golden: every field, in canonical bytes that do not drift") {
  const Manifest m = full_manifest();
  const std::string canonical = canonical_manifest(m);
  std::string golden = read_text(data_dir() / "manifest-golden.json");
  REQUIRE_MESSAGE(!golden.empty(), "tests/data/manifest-golden.json is missing");
  if (golden.back() == '\n') {
    golden.pop_back();
  }
  CHECK(canonical == golden);
  Result<Manifest> back = parse_manifest(golden);
  REQUIRE_MESSAGE(back.ok(), back.status().message());
  CHECK(*back == m);
}

TEST_CASE("manifest golden: the parser reads every member the writer writes") {
  const std::string canonical = canonical_manifest(full_manifest());
  const json doc = json::parse(canonical);
  std::set<std::string> paths;
  member_paths(doc, "", paths);
  CHECK(paths.size() > 40);
  const Result<Manifest> whole = parse_manifest(canonical);
  REQUIRE_MESSAGE(whole.ok(), whole.status().message());
  for (const std::string& p : paths) {
    CAPTURE(p);
    json cut = doc;
    REQUIRE(remove_member(cut, p));
    // Either the member is required (refused without it) or it is optional and its absence
    // reads as another manifest: never silently the same one.
    Result<Manifest> r = parse_manifest(json_util::canonical(cut));
    CHECK((!r.ok() || !(*r == *whole)));
  }
}

TEST_CASE("manifest golden: every member is documented in hallmark-manifest(5)") {
  const std::string man = read_text(fs::path(HALLMARK_SOURCE_DIR) / "man" / "hallmark-manifest.5");
  REQUIRE(!man.empty());
  std::set<std::string> paths;
  member_paths(json::parse(canonical_manifest(full_manifest())), "", paths);
  std::set<std::string> names;
  for (const std::string& p : paths) {
    const size_t last = p.find_last_of('.');
    std::string name = last == std::string::npos ? p : p.substr(last + 1);
    if (name.ends_with("[]")) {
      name.resize(name.size() - 2);
    }
    names.insert(name);
  }
  for (const std::string& n : names) {
    CAPTURE(n);
    CHECK(man.find(n) != std::string::npos);
  }
}

TEST_CASE("sign_manifest: what is kept is what the signed bytes say") {
  const keys::SecretKey key = keys::SecretKey::generate();
  Manifest m = full_manifest();
  m.creator.key = key.public_key();
  m.creator.name = "caf\xe9";  // Latin-1: written as U+FFFD, so the signed name is that.
  Result<SignedManifest> sm = sign_manifest(m, key);
  REQUIRE_MESSAGE(sm.ok(), sm.status().message());
  CHECK(sm->manifest.creator.name == "caf\xef\xbf\xbd");
  CHECK(*parse_manifest(sm->canonical) == sm->manifest);
  // A value the parser refuses is refused before signing, not signed into a bundle that no
  // reader can open.
  m.claims.caption = std::string(kMaxClaimText + 1, 'x');
  Result<SignedManifest> refused = sign_manifest(m, key);
  CHECK(refused.status().code() == Code::kInvalidArgument);
  CHECK(refused.status().message().find("caption") != std::string::npos);
}

TEST_CASE("serialize_bundle: a signed manifest whose bytes do not parse is an error") {
  const keys::SecretKey key = keys::SecretKey::generate();
  Manifest m = full_manifest();
  m.creator.key = key.public_key();
  Result<SignedManifest> sm = sign_manifest(m, key);
  REQUIRE(sm.ok());
  Bundle b;
  b.signed_manifest = *sm;
  CHECK(serialize_bundle(b).ok());
  b.signed_manifest.canonical = "{\"version\":1,";  // Hand-built, and broken.
  CHECK(serialize_bundle(b).status().code() == Code::kInternal);
  CHECK(b.signed_manifest.log_entry().status().code() == Code::kInternal);
  b.signed_manifest = *sm;
  b.ancestors.push_back(*sm);
  b.ancestors.back().canonical = "not json";
  CHECK(serialize_bundle(b).status().code() == Code::kInternal);
}

}  // namespace
}  // namespace hallmark
