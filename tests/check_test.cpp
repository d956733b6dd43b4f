// The CI gate reads nothing it says it skipped: no bundle through a symbolic link, and the
// temporaries of bundle writers are neither checked nor counted.
#include "hallmark/check.h"

#include "hallmark/sign.h"
#include "hallmark/walk.h"
#include "test_util.h"

namespace hallmark {
namespace {

namespace fs = std::filesystem;

struct Tree {
  test::TempDir dir;
  fs::path root = dir / "tree";
  fs::path outside = dir / "outside";
  keys::SecretKey alice = keys::SecretKey::generate();
  TrustStore trust;

  Tree() {
    fs::create_directories(root);
    fs::create_directories(outside);
    REQUIRE(trust.add({"alice", alice.public_key(), {}, {}, {}}).ok());
  }

  void sign(const fs::path& file) {
    REQUIRE(sign_file(file.string(), "", alice, {.creator_name = "alice"}).ok());
  }

  std::vector<FileCheck> check() {
    CheckOptions o;
    o.paths = {root.string()};
    o.jobs = 2;
    std::vector<FileCheck> out;
    Result<CheckSummary> s = run_check(o, trust, [&](const FileCheck& fc) { out.push_back(fc); });
    REQUIRE(s.ok());
    return out;
  }
};

TEST_CASE("check: a bundle that is a symbolic link is not read; the file is unsigned, saying why") {
  Tree t;
  // A signed file out of the tree; in the tree the same bytes, with a link to that bundle.
  test::write_text(t.outside / "a.txt", "signed elsewhere");
  t.sign(t.outside / "a.txt");
  test::write_text(t.root / "a.txt", "signed elsewhere");
  fs::create_symlink(t.outside / "a.txt.hallmark", t.root / "a.txt.hallmark");
  // A link inside the tree is not followed either: a bundle is read only as a file.
  test::write_text(t.root / "b.txt", "signed here");
  t.sign(t.root / "b.txt");
  fs::rename(t.root / "b.txt.hallmark", t.root / "real-b.hallmark");
  fs::create_symlink("real-b.hallmark", t.root / "b.txt.hallmark");
  // A plain bundle still counts.
  test::write_text(t.root / "c.txt", "signed plainly");
  t.sign(t.root / "c.txt");

  const std::vector<FileCheck> r = t.check();
  // The walk says it skips the link out of the tree; check then never reads it. The bundle
  // the in-tree link points to has no file of its own: skipped as such.
  REQUIRE(r.size() == 5);
  CHECK(r[4].relative == "real-b.hallmark");
  CHECK(r[4].outcome == FileCheck::Outcome::kSkipped);
  CHECK(r[4].skip_reason == "a bundle without its file (real-b is not here)");
  CHECK(r[1].relative == "a.txt.hallmark");
  CHECK(r[1].outcome == FileCheck::Outcome::kSkipped);
  CHECK(r[1].skip_reason == "a symbolic link out of the tree (not followed)");
  for (const FileCheck* fc : {&r[0], &r[2]}) {
    CAPTURE(fc->path);
    CHECK(fc->outcome == FileCheck::Outcome::kFailed);
    REQUIRE(fc->report);
    CHECK(fc->report->verdict == Verdict::kUnsigned);
    CHECK(fc->report->bundle.empty());
    CHECK(fc->report->reason.find(fc->path + ".hallmark is a symbolic link, not followed") !=
          std::string::npos);
  }
  CHECK(r[3].relative == "c.txt");
  CHECK(r[3].outcome == FileCheck::Outcome::kPassed);

  // verify itself follows the link, as before: the flag is check's.
  Result<Report> v = verify_file((t.root / "a.txt").string(), {}, t.trust);
  REQUIRE(v.ok());
  CHECK(v->verdict == Verdict::kVerified);
  // A bundle named explicitly is followed even when links are not.
  VerifyOptions named;
  named.follow_bundle_symlinks = false;
  named.bundle_path = (t.root / "a.txt.hallmark").string();
  CHECK(verify_file((t.root / "a.txt").string(), named, t.trust)->verdict == Verdict::kVerified);
}

TEST_CASE("check: temporaries of bundle writers are not checked or counted") {
  Tree t;
  test::write_text(t.root / "c.txt", "signed plainly");
  t.sign(t.root / "c.txt");
  test::write_text(t.root / "c.txt.hallmark.tmp-4242-0-17", "a killed writer's");
  test::write_text(t.root / "d.jpg.c2pa.tmp-4242-1-99", "a killed writer's");
  test::write_text(t.root / "notes.txt.tmp-1-2-3", "not a bundle's");
  const std::vector<FileCheck> r = t.check();
  REQUIRE(r.size() == 2);
  CHECK(r[0].relative == "c.txt");
  CHECK(r[0].outcome == FileCheck::Outcome::kPassed);
  CHECK(r[1].relative == "notes.txt.tmp-1-2-3");  // Any other file is judged as always.

  CHECK(is_provenance_temp_file("c.txt.hallmark.tmp-4242-0-17"));
  CHECK(is_provenance_temp_file("d.jpg.c2pa.tmp-4242-1-99"));
  CHECK_FALSE(is_provenance_temp_file("c.txt.hallmark"));
  CHECK_FALSE(is_provenance_temp_file("notes.txt.tmp-1-2-3"));
  CHECK_FALSE(is_provenance_temp_file("c.txt.hallmark.tmp-x"));

  // Named as an argument, it is skipped with the reason.
  const std::vector<std::string> roots = {(t.root / "c.txt.hallmark.tmp-4242-0-17").string()};
  const std::vector<Glob> none;
  Walker w(roots, none);
  std::optional<WalkEntry> e = w.next();
  REQUIRE(e);
  CHECK(e->kind == WalkEntry::Kind::kSkipped);
  CHECK(e->reason.find("temporary file") != std::string::npos);
}

}  // namespace
}  // namespace hallmark
