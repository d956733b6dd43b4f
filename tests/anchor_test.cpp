// Anchoring signed manifests in the embedded log, and verify's use of the receipts: offline
// checks, consistency with the log and the client's memory, and recovery of stripped files.
#include "hallmark/anchor.h"

#include "hallmark/file_io.h"
#include "hallmark/log.h"
#include "hallmark/sign.h"
#include "hallmark/tlog_proof.h"
#include "hallmark/verify.h"
#include "test_util.h"

namespace hallmark {
namespace {

namespace fs = std::filesystem;

struct Anchored {
  test::TempDir dir;
  keys::SecretKey key = keys::SecretKey::generate();
  TrustStore trust;
  std::string log_dir = (dir / "log").string();
  std::string state_dir = (dir / "state").string();
  tlog::Policy policy;
  std::vector<std::string> files;

  explicit Anchored(int n = 3) {
    REQUIRE(trust.add({"alice", key.public_key(), {}, {}, {}}).ok());
    Result<log::LogKeys> keys = log::init(log_dir, "example.com/test-log");
    REQUIRE(keys.ok());
    policy = *tlog::Policy::parse(keys->policy);
    for (int i = 0; i < n; ++i) {
      files.push_back((dir / ("f" + std::to_string(i) + ".bin")).string());
      test::write_text(files.back(), "file number " + std::to_string(i));
    }
    SignOptions o{.creator_name = "alice"};
    o.anchor_log = log_dir;
    for (const Result<SignedFile>& r : sign_files(files, key, o, 2)) {
      REQUIRE(r.ok());
    }
  }

  VerifyOptions options(bool with_log = false) const {
    VerifyOptions o;
    o.log_policy = policy;
    o.state_dir = state_dir;
    if (with_log) {
      o.log_dir = log_dir;
    }
    return o;
  }

  Report verify(const std::string& file, const VerifyOptions& o) {
    Result<Report> r = verify_file(file, o, trust);
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    return *r;
  }

  std::string bundle_text(size_t i) { return test::read_text(files[i] + ".hallmark"); }
  void set_bundle(size_t i, const std::string& text) {
    test::write_text(files[i] + ".hallmark", text);
  }
};

TEST_CASE("anchor: sign --anchor puts a verifiable receipt in every bundle, one batch") {
  Anchored a;
  for (size_t i = 0; i < a.files.size(); ++i) {
    CAPTURE(i);
    const Report r = a.verify(a.files[i], a.options());
    CHECK(r.verdict == Verdict::kVerified);
    CHECK(r.has_flag("anchored"));
    REQUIRE(r.receipts.size() == 1);
    CHECK(r.receipts[0].verified);
    CHECK(r.receipts[0].origin == "example.com/test-log");
    CHECK(r.receipts[0].tree_size == 3);  // One batch, one checkpoint.
    CHECK(r.receipts[0].time.has_value());
  }
  // Lookup keys find each by manifest id and by file root.
  Result<Bundle> b = read_bundle(a.files[1] + ".hallmark");
  REQUIRE(b.ok());
  for (const std::string& key : lookup_keys(b->signed_manifest)) {
    CAPTURE(key);
    Result<std::vector<log::LookupHit>> hits = log::lookup(a.log_dir, key);
    REQUIRE(hits.ok());
    REQUIRE(hits->size() == 1);
    CHECK(hits->front().index == a.verify(a.files[1], a.options()).receipts[0].index);
  }
}

TEST_CASE("anchor: anchoring again keeps the index and replaces the receipt") {
  Anchored a(1);
  Result<Bundle> before = read_bundle(a.files[0] + ".hallmark");
  REQUIRE(before.ok());
  Bundle b = *before;
  Bundle* bp = &b;
  REQUIRE(anchor_bundles(std::span(&bp, 1), a.log_dir).ok());
  REQUIRE(b.signed_manifest.receipts.size() == 1);
  Result<tlog::TlogProof> p = tlog::parse_tlog_proof(b.signed_manifest.receipts[0]);
  REQUIRE(p.ok());
  CHECK(p->index == 0);
}

TEST_CASE("anchor: without a log policy a receipt proves nothing but breaks nothing") {
  Anchored a(1);
  const Report r = a.verify(a.files[0], VerifyOptions{});
  CHECK(r.verdict == Verdict::kVerified);
  CHECK_FALSE(r.has_flag("anchored"));
  REQUIRE(r.receipts.size() == 1);
  CHECK_FALSE(r.receipts[0].verified);
}

TEST_CASE("anchor: a receipt from a log the policy does not know is not anchored") {
  Anchored a(1);
  test::TempDir other;
  Result<log::LogKeys> keys = log::init((other / "log").string(), "example.com/other");
  REQUIRE(keys.ok());
  VerifyOptions o = a.options();
  o.log_policy = *tlog::Policy::parse(keys->policy);
  const Report r = a.verify(a.files[0], o);
  CHECK(r.verdict == Verdict::kVerified);
  CHECK_FALSE(r.has_flag("anchored"));
}

TEST_CASE("anchor: a flipped bit in a receipt's proof or checkpoint fails verification") {
  Anchored a(3);
  const std::string text = a.bundle_text(0);
  Result<Bundle> b = read_bundle(a.files[0] + ".hallmark");
  REQUIRE(b.ok());
  const std::string receipt = b->signed_manifest.receipts[0];
  Result<tlog::TlogProof> p = tlog::parse_tlog_proof(receipt);
  REQUIRE(p.ok());
  REQUIRE_FALSE(p->inclusion.empty());

  // A proof line: one bit of the first hash.
  tlog::TlogProof bad_proof = *p;
  bad_proof.inclusion[0][0] ^= std::byte{1};
  // The checkpoint's root line, changed (its signature no longer covers it).
  tlog::TlogProof bad_checkpoint = *p;
  const size_t root_line =
      bad_checkpoint.checkpoint.find('\n', bad_checkpoint.checkpoint.find('\n') + 1) + 1;
  bad_checkpoint.checkpoint[root_line] = bad_checkpoint.checkpoint[root_line] == 'A' ? 'B' : 'A';
  // The checkpoint's signature: one base64 character.
  tlog::TlogProof bad_signature = *p;
  const size_t sig = bad_signature.checkpoint.find("— ");
  const size_t at = bad_signature.checkpoint.find(' ', sig + 4) + 5;
  bad_signature.checkpoint[at] = bad_signature.checkpoint[at] == 'A' ? 'B' : 'A';
  // The index.
  tlog::TlogProof bad_index = *p;
  bad_index.index = p->index + 1;

  for (const tlog::TlogProof* bad : {&bad_proof, &bad_checkpoint, &bad_signature, &bad_index}) {
    Bundle changed = *b;
    changed.signed_manifest.receipts = {tlog::format_tlog_proof(*bad)};
    REQUIRE(write_file_atomic(a.files[0] + ".hallmark", serialize_bundle(changed).value()).ok());
    const Report r = a.verify(a.files[0], a.options());
    CHECK((r.verdict == Verdict::kInvalidSignature || r.verdict == Verdict::kMalformed));
    CHECK(r.reason.find("receipt 1") == 0);
    CHECK_FALSE(r.has_flag("anchored"));
  }
  // A receipt moved to another signed manifest does not verify: it proves other bytes.
  Bundle other = *b;
  other.signed_manifest = read_bundle(a.files[1] + ".hallmark")->signed_manifest;
  other.signed_manifest.receipts = {receipt};
  REQUIRE(write_file_atomic(a.files[0] + ".hallmark", serialize_bundle(other).value()).ok());
  CHECK(a.verify(a.files[0], a.options()).verdict != Verdict::kVerified);
  a.set_bundle(0, text);
  CHECK(a.verify(a.files[0], a.options()).verdict == Verdict::kVerified);
}

TEST_CASE("anchor: a log rewritten after a client saw it is caught as log-inconsistent") {
  Anchored a(2);
  // The client checks against the log: it remembers the log's checkpoint.
  Report r = a.verify(a.files[0], a.options(/*with_log=*/true));
  CHECK(r.verdict == Verdict::kVerified);
  CHECK(r.has_flag("anchored"));

  // The operator rewrites history: a fresh log (database, tiles) under the same origin, with
  // the original log's signing keys swapped in, then other entries appended.
  const std::string forked = (a.dir / "forked").string();
  REQUIRE(log::init(forked, "example.com/test-log").ok());
  for (const char* f : {"log.key", "clock.key", "log.vkey", "policy"}) {
    REQUIRE(fs::exists(fs::path(a.log_dir) / f));
    fs::copy_file(fs::path(a.log_dir) / f, fs::path(forked) / f,
                  fs::copy_options::overwrite_existing);
  }
  Result<std::unique_ptr<log::Log>> fork = log::Log::open(forked);
  REQUIRE_MESSAGE(fork.ok(), fork.status().message());
  std::vector<log::Entry> entries;
  for (int i = 0; i < 4; ++i) {
    entries.push_back({to_bytes("rewritten " + std::to_string(i)), {}});
  }
  REQUIRE((*fork)->append(entries).ok());
  fork->reset();

  // The file's receipt still verifies offline (same key), but the log it is checked against
  // now shows another tree at a size the client has seen: a split view.
  VerifyOptions o = a.options(true);
  o.log_dir = forked;
  r = a.verify(a.files[1], o);
  CHECK(r.verdict == Verdict::kLogInconsistent);
  CHECK(r.reason.find("receipt 1") == 0);
}

TEST_CASE("anchor: a stripped and remuxed copy is recovered from the log; an altered one is not") {
  if (test::samples() == nullptr) {
    return;
  }
  test::TempDir dir;
  const keys::SecretKey key = keys::SecretKey::generate();
  TrustStore trust;
  REQUIRE(trust.add({"alice", key.public_key(), {}, {}, {}}).ok());
  const std::string log_dir = (dir / "log").string();
  Result<log::LogKeys> keys = log::init(log_dir, "example.com/recovery");
  REQUIRE(keys.ok());
  const fs::path clip = dir / "clip.mp4";
  fs::copy_file(*test::samples() / "clip.mp4", clip);
  SignOptions so{.creator_name = "alice"};
  so.anchor_log = log_dir;
  REQUIRE(sign_file(clip.string(), "", key, so).ok());

  VerifyOptions o;
  o.log_policy = *tlog::Policy::parse(keys->policy);
  o.log_dir = log_dir;
  o.state_dir = (dir / "state").string();
  // Re-shared without its bundle, remuxed and with its metadata stripped.
  const fs::path copy = dir / "reshared.mkv";
  REQUIRE(test::run(test::kFfmpeg + " -i " + test::quote(clip) +
                    " -map 0 -map_metadata -1 -c copy " + test::quote(copy)));
  Result<Report> r = verify_file(copy.string(), o, trust);
  REQUIRE(r.ok());
  CHECK(r->verdict == Verdict::kVerifiedContent);
  CHECK(r->has_flag("recovered-from-log"));
  CHECK(r->has_flag("anchored"));
  CHECK(r->has_flag("remuxed"));
  REQUIRE(r->signers.size() == 1);
  CHECK(r->signers[0].name == "alice");

  // The same copy with one second re-encoded: nothing in the log matches, and nothing false.
  const fs::path altered = dir / "altered.mkv";
  REQUIRE(test::run(test::kFfmpeg + " -i " + test::quote(copy) +
                    " -map 0 -c:a copy -c:v libx264 -preset ultrafast -g 25 " +
                    test::quote(altered)));
  r = verify_file(altered.string(), o, trust);
  REQUIRE(r.ok());
  CHECK(r->verdict == Verdict::kUnsigned);
  CHECK_FALSE(r->has_flag("recovered-from-log"));
}

}  // namespace
}  // namespace hallmark
