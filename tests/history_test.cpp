#include "hallmark/history.h"

#include <chrono>

#include "hallmark/file_io.h"
#include "hallmark/sign.h"
#include "hallmark/verify.h"
#include "test_util.h"

namespace hallmark {
namespace {

// capture (alice) -> crop (editor) -> publish (countersigned by the publisher).
struct Chain {
  test::TempDir dir;
  keys::SecretKey alice = keys::SecretKey::generate();
  keys::SecretKey editor = keys::SecretKey::generate();
  keys::SecretKey publisher = keys::SecretKey::generate();
  keys::SecretKey stranger = keys::SecretKey::generate();
  TrustStore trust;
  std::string original = (dir / "original.jpg").string();
  std::string cropped = (dir / "cropped.jpg").string();

  Chain() {
    REQUIRE(trust.add({"alice", alice.public_key(), {}, {}, {}}).ok());
    REQUIRE(trust.add({"editor", editor.public_key(), {}, {}, {}}).ok());
    REQUIRE(trust.add({"publisher", publisher.public_key(), {}, {}, {}}).ok());
    test::write_text(original, "the original picture, as captured");
    test::write_text(cropped, "the cropped picture");
  }

  void sign_original(std::string source_type = "digitalCapture") {
    REQUIRE(
        sign_file(original, "", alice, {.creator_name = "alice", .source_type = source_type}).ok());
  }

  void sign_crop(const keys::SecretKey& key, std::string name = "editor") {
    Result<Bundle> parent = read_bundle(original + ".hallmark");
    REQUIRE(parent.ok());
    SignOptions o{.creator_name = name, .actions = {{"c2pa.cropped", ""}}};
    o.parents.push_back({"parentOf", *parent});
    o.overwrite = true;  // Some tests sign the crop again.
    REQUIRE(sign_file(cropped, "", key, o).ok());
  }

  Report verify() {
    Result<Report> r = verify_file(cropped, {}, trust);
    REQUIRE(r.ok());
    return *r;
  }

  Bundle bundle() { return *read_bundle(cropped + ".hallmark"); }
  void save(const Bundle& b) {
    REQUIRE(write_file_atomic(cropped + ".hallmark", serialize_bundle(b).value()).ok());
  }
};

TEST_CASE("history: capture -> crop -> publisher countersignature verifies as a chain") {
  Chain c;
  c.sign_original();
  c.sign_crop(c.editor);
  REQUIRE(countersign_bundle(c.cropped + ".hallmark", c.cropped, c.publisher).ok());
  const Report r = c.verify();
  CHECK(r.verdict == Verdict::kVerified);
  REQUIRE(r.history.size() == 2);
  CHECK(r.history[0].depth == 0);
  CHECK(r.history[0].signers.size() == 2);
  CHECK(r.history[1].depth == 1);
  CHECK(r.history[1].relationship == "parentOf");
  CHECK(r.history[1].status == LinkStatus::kVerified);
  CHECK(r.history[1].manifest->creator.key == c.alice.public_key());
  CHECK(r.has_flag("edited"));
  CHECK_FALSE(r.has_flag("ai-generated"));
}

TEST_CASE("history: an ancestor whose signature was altered breaks its link") {
  Chain c;
  c.sign_original();
  c.sign_crop(c.editor);
  Bundle b = c.bundle();
  REQUIRE(b.ancestors.size() == 1);
  b.ancestors[0].signatures[0].signature[5] ^= std::byte{1};
  c.save(b);
  const Report r = c.verify();
  CHECK(r.verdict == Verdict::kInvalidSignature);
  CHECK(r.reason.find("history link 1 (" + b.ancestors[0].id() + ")") == 0);
  CHECK(r.history[1].status == LinkStatus::kInvalidSignature);
}

TEST_CASE("history: an ancestor whose manifest was altered is no longer the recorded parent") {
  Chain c;
  c.sign_original();
  c.sign_crop(c.editor);
  std::string text = test::read_text(c.cropped + ".hallmark");
  // The ancestor copy is the second "original.jpg" title in the bundle.
  const size_t at = text.find("original.jpg", text.find("\"ancestors\""));
  REQUIRE(at != std::string::npos);
  text.replace(at, 8, "forgery!");
  test::write_text(c.cropped + ".hallmark", text);
  const Report r = c.verify();
  CHECK(r.verdict == Verdict::kMalformed);
  CHECK(r.history[1].status == LinkStatus::kMissing);
  CHECK(r.reason.find("history link 1") == 0);
}

TEST_CASE("history: a parent missing from the bundle is named") {
  Chain c;
  c.sign_original();
  c.sign_crop(c.editor);
  Bundle b = c.bundle();
  const std::string parent_id = b.ancestors[0].id();
  b.ancestors.clear();
  c.save(b);
  const Report r = c.verify();
  CHECK(r.verdict == Verdict::kMalformed);
  CHECK(r.reason.find(parent_id) != std::string::npos);
  CHECK(r.reason.find("not in the bundle's ancestors") != std::string::npos);
}

TEST_CASE("history: an edit by an untrusted or a revoked key is caught at its link") {
  Chain c;
  c.sign_original();
  c.sign_crop(c.stranger, "mallory");
  Report r = c.verify();
  CHECK(r.verdict == Verdict::kUntrustedSigner);
  CHECK(r.history[0].status == LinkStatus::kUntrustedSigner);

  // The original's signer revoked: the edit is trusted, its ancestry is not.
  c.sign_crop(c.editor);
  REQUIRE(c.trust.revoke("alice", 0).ok());
  r = c.verify();
  CHECK(r.verdict == Verdict::kRevokedSigner);
  CHECK(r.reason.find("history link 1") == 0);
  CHECK(r.history[1].status == LinkStatus::kRevokedSigner);
}

TEST_CASE("history: a derivative that recorded other roots for its parent is tampered") {
  Chain c;
  c.sign_original();
  // The editor signs a crop claiming a parent whose content was something else.
  Result<Bundle> parent = read_bundle(c.original + ".hallmark");
  REQUIRE(parent.ok());
  test::write_text(c.original, "a different picture altogether");
  Result<FileBinding> other = test::bind_path(c.original);
  REQUIRE(other.ok());
  Bundle forged_parent = *parent;
  SignOptions o{.creator_name = "editor", .actions = {{"c2pa.cropped", ""}}};
  o.parents.push_back({"parentOf", forged_parent});
  Result<SignedFile> signed_crop = sign_file(c.cropped, "", c.editor, o);
  REQUIRE(signed_crop.ok());
  // Rewrite the recorded root and re-sign, as a forger with the editor's key would.
  Bundle b = signed_crop->bundle;
  Manifest m = b.signed_manifest.manifest;
  m.parents[0].roots["file"] = other->root;
  Result<SignedManifest> resigned = sign_manifest(m, c.editor);
  REQUIRE(resigned.ok());
  b.signed_manifest = *resigned;
  c.save(b);
  const Report r = c.verify();
  CHECK(r.verdict == Verdict::kTampered);
  CHECK(r.history[1].status == LinkStatus::kRootsMismatch);
  CHECK(r.reason.find("history link 1") == 0);
  CHECK(r.reason.find("file root") != std::string::npos);
}

TEST_CASE("history: AI generation anywhere in the chain is flagged") {
  Chain c;
  c.sign_original("trainedAlgorithmicMedia");
  c.sign_crop(c.editor);
  Report r = c.verify();
  CHECK(r.verdict == Verdict::kVerified);
  CHECK(r.has_flag("contains-ai"));
  CHECK_FALSE(r.has_flag("ai-generated"));
  Result<Bundle> parent = read_bundle(c.original + ".hallmark");
  SignOptions o{.creator_name = "editor",
                .source_type = "compositeWithTrainedAlgorithmicMedia",
                .actions = {{"c2pa.placed", ""}}};
  o.parents.push_back({"componentOf", *parent});
  o.overwrite = true;
  REQUIRE(sign_file(c.cropped, "", c.editor, o).ok());
  r = c.verify();
  CHECK(r.has_flag("ai-generated"));
  CHECK(r.history[1].relationship == "componentOf");
}

// A history built in memory: link i is signed by `key` with link i-1 as its parent.
Bundle long_chain(const keys::SecretKey& key, size_t links, const std::string& file) {
  Result<FileBinding> fb = test::bind_path(file);
  REQUIRE(fb.ok());
  Bundle b;
  std::vector<SignedManifest> ancestors;
  for (size_t i = 0; i < links; ++i) {
    Manifest m;
    m.created = "2026-11-27T00:00:00Z";
    m.generator = "test";
    m.creator = {"k", key.public_key()};
    m.file = FileBindingInfo{fb->size, fb->chunk_size, fb->root};
    if (i == 0) {
      m.actions = {{"c2pa.created", ""}};
    } else {
      m.actions = {{"c2pa.edited", "step " + std::to_string(i)}};
      m.parents = {{b.signed_manifest.id(), "parentOf", content_roots(b.signed_manifest.manifest)}};
      ancestors.push_back(b.signed_manifest);
    }
    Result<SignedManifest> sm = sign_manifest(m, key);
    REQUIRE(sm.ok());
    b.signed_manifest = *sm;
  }
  b.ancestors = std::move(ancestors);
  b.file_leaves = fb->leaves;
  return b;
}

TEST_CASE("history: a chain of 1,000 links verifies without recursion, and depth is bounded") {
  test::TempDir dir;
  const std::string file = (dir / "f").string();
  test::write_text(file, "content");
  const keys::SecretKey key = keys::SecretKey::generate();
  TrustStore trust;
  REQUIRE(trust.add({"k", key.public_key(), {}, {}, {}}).ok());
  const Bundle b = long_chain(key, 1000, file);
  REQUIRE(write_file_atomic(file + ".hallmark", serialize_bundle(b).value()).ok());
  const auto t0 = std::chrono::steady_clock::now();
  Result<Report> r = verify_file(file, {}, trust);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  REQUIRE(r.ok());
  CHECK(r->verdict == Verdict::kVerified);
  CHECK(r->history.size() == 1000);
  CHECK(r->history.back().depth == 999);
  MESSAGE("1000-link chain verified in " << ms << " ms");

  VerifyOptions shallow;
  shallow.history.max_depth = 100;
  Result<Report> cut = verify_file(file, shallow, trust);
  REQUIRE(cut.ok());
  CHECK(cut->verdict == Verdict::kMalformed);
  CHECK(cut->history.back().status == LinkStatus::kTooDeep);
  CHECK(cut->reason.find("deeper than 100 links") != std::string::npos);
}

TEST_CASE("history: a cycle in the ancestor index is caught, not followed forever") {
  // verify_file indexes ancestors by their computed ids, so a hash-linked history cannot loop;
  // an index built otherwise (a lookup service, say) can. Craft one: A's parent is B, B's is A.
  const keys::SecretKey key = keys::SecretKey::generate();
  TrustStore trust;
  REQUIRE(trust.add({"k", key.public_key(), {}, {}, {}}).ok());
  auto make = [&](const std::string& parent_id) {
    Manifest m;
    m.created = "2026-11-27T00:00:00Z";
    m.generator = "test";
    m.creator = {"k", key.public_key()};
    m.file = FileBindingInfo{1, 4096, sha256(as_bytes("x"))};
    m.actions = {{"c2pa.edited", ""}};
    m.parents = {{parent_id, "parentOf", {}}};
    return *sign_manifest(m, key);
  };
  const std::string id_a = digest_id(sha256(as_bytes("a"))),
                    id_b = digest_id(sha256(as_bytes("b")));
  const SignedManifest a = make(id_b), b = make(id_a);
  const AncestorLookup lookup = [&](const std::string& id) -> const SignedManifest* {
    return id == id_a ? &a : id == id_b ? &b : nullptr;
  };
  // Start from a head whose parent is A.
  const SignedManifest head = make(id_a);
  const std::vector<HistoryLink> links = walk_history(head, lookup, trust);
  REQUIRE_FALSE(links.empty());
  CHECK(links.size() < 10);
  bool cycle = false;
  for (const HistoryLink& l : links) {
    cycle = cycle || l.status == LinkStatus::kCycle;
  }
  CHECK(cycle);
}

TEST_CASE("history: a shared ancestor (diamond) is judged once") {
  test::TempDir dir;
  const keys::SecretKey key = keys::SecretKey::generate();
  TrustStore trust;
  REQUIRE(trust.add({"k", key.public_key(), {}, {}, {}}).ok());
  const std::string base = (dir / "base").string(), left = (dir / "left").string(),
                    right = (dir / "right").string(), top = (dir / "top").string();
  for (const std::string& f : {base, left, right, top}) {
    test::write_text(f, f);
  }
  REQUIRE(sign_file(base, "", key, {.creator_name = "k"}).ok());
  for (const std::string& f : {left, right}) {
    SignOptions o{.creator_name = "k"};
    o.parents.push_back({"parentOf", *read_bundle(base + ".hallmark")});
    REQUIRE(sign_file(f, "", key, o).ok());
  }
  SignOptions o{.creator_name = "k", .actions = {{"c2pa.placed", ""}}};
  o.parents.push_back({"componentOf", *read_bundle(left + ".hallmark")});
  o.parents.push_back({"componentOf", *read_bundle(right + ".hallmark")});
  Result<SignedFile> s = sign_file(top, "", key, o);
  REQUIRE(s.ok());
  CHECK(s->bundle.ancestors.size() == 3);  // base is carried once.
  Result<Report> r = verify_file(top, {}, trust);
  REQUIRE(r.ok());
  CHECK(r->verdict == Verdict::kVerified);
  CHECK(r->history.size() == 4);
}

TEST_CASE("history: countersigning refuses a manifest whose signatures do not verify") {
  Chain c;
  c.sign_original();
  Bundle b = *read_bundle(c.original + ".hallmark");
  b.signed_manifest.signatures[0].signature[0] ^= std::byte{1};
  REQUIRE(write_file_atomic(c.original + ".hallmark", serialize_bundle(b).value()).ok());
  Result<Bundle> r = countersign_bundle(c.original + ".hallmark", c.original, c.publisher);
  CHECK(r.status().code() == Code::kVerifyFailed);
  CHECK(countersign_bundle(c.original + ".hallmark", c.original, c.alice).status().code() ==
        Code::kVerifyFailed);
}

}  // namespace
}  // namespace hallmark
