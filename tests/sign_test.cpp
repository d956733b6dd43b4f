// Signing's writing side: an existing bundle is never replaced unless asked, countersigning
// checks the file and keeps a concurrent writer's work, killed writers' temporaries go.
#include "hallmark/sign.h"

#include <sys/wait.h>
#include <unistd.h>

#include "hallmark/file_io.h"
#include "hallmark/log.h"
#include "hallmark/verify.h"
#include "test_util.h"

namespace hallmark {
namespace {

namespace fs = std::filesystem;

struct Signer {
  test::TempDir dir;
  keys::SecretKey alice = keys::SecretKey::generate();
  keys::SecretKey publisher = keys::SecretKey::generate();
  std::string file = (dir / "photo.bin").string();
  std::string bundle = file + ".hallmark";

  Signer() { test::write_text(file, "the bytes that were signed"); }

  Result<SignedFile> sign(SignOptions o = {}) {
    o.creator_name = "alice";
    return sign_file(file, "", alice, o);
  }
};

TEST_CASE("sign: an existing bundle is refused before anything is signed, unless overwrite") {
  Signer s;
  REQUIRE(s.sign().ok());
  const std::string first = test::read_text(s.bundle);
  Result<SignedFile> again = s.sign();
  CHECK(again.status().code() == Code::kInvalidArgument);
  CHECK(again.status().message() == s.bundle + " already exists");
  CHECK(test::read_text(s.bundle) == first);
  // Anything at the path counts, even a file that is not a bundle.
  test::write_text(s.dir / "other.bin", "x");
  test::write_text(s.dir / "other.bin.hallmark", "not a bundle");
  CHECK_FALSE(sign_file((s.dir / "other.bin").string(), "", s.alice, {}).ok());
  CHECK(test::read_text(s.dir / "other.bin.hallmark") == "not a bundle");
  // --out too.
  const std::string out = (s.dir / "elsewhere.hallmark").string();
  test::write_text(out, "kept");
  CHECK_FALSE(sign_file(s.file, out, s.alice, {}).ok());
  CHECK(test::read_text(out) == "kept");
  // Asked for: replaced.
  REQUIRE(s.sign({.title = "signed again", .overwrite = true}).ok());
  CHECK(test::read_text(s.bundle) != first);
  REQUIRE(sign_file(s.file, out, s.alice, {.overwrite = true}).ok());
  CHECK(read_bundle(out).ok());
}

TEST_CASE("sign: a refused bundle is refused before its manifest goes to the log") {
  Signer s;
  const std::string log_dir = (s.dir / "log").string();
  REQUIRE(log::init(log_dir, "example.com/sign-test").ok());
  test::write_text(s.bundle, "someone's bundle");
  SignOptions o;
  o.anchor_log = log_dir;
  CHECK_FALSE(s.sign(o).ok());
  CHECK_FALSE(sign_files({s.file}, s.alice, o, 1)[0].ok());
  Result<std::unique_ptr<log::Reader>> reader = log::Reader::open(log_dir);
  REQUIRE(reader.ok());
  CHECK((*reader)->checkpoint().size == 0);
  CHECK(test::read_text(s.bundle) == "someone's bundle");
}

TEST_CASE("sign: in a batch, a file whose bundle exists fails alone") {
  Signer s;
  std::vector<std::string> files;
  for (int i = 0; i < 4; ++i) {
    files.push_back((s.dir / ("f" + std::to_string(i))).string());
    test::write_text(files.back(), "file " + std::to_string(i));
  }
  test::write_text(files[2] + ".hallmark", "kept");
  const std::vector<Result<SignedFile>> r = sign_files(files, s.alice, {}, 2);
  REQUIRE(r.size() == 4);
  for (int i = 0; i < 4; ++i) {
    CAPTURE(i);
    CHECK(r[i].ok() == (i != 2));
  }
  CHECK(r[2].status().message() == files[2] + ".hallmark already exists");
  CHECK(test::read_text(files[2] + ".hallmark") == "kept");
  CHECK(read_bundle(files[3] + ".hallmark").ok());
  // With overwrite every file is signed, the odd one replaced.
  for (const Result<SignedFile>& x : sign_files(files, s.alice, {.overwrite = true}, 2)) {
    CHECK(x.ok());
  }
  CHECK(read_bundle(files[2] + ".hallmark").ok());
}

TEST_CASE("sign: countersigning refuses a file that no longer matches its manifest") {
  Signer s;
  REQUIRE(s.sign().ok());
  const std::string before = test::read_text(s.bundle);
  test::write_text(s.file, "the bytes that were signed, and then changed");
  Result<Bundle> r = countersign_bundle(s.bundle, s.file, s.publisher);
  CHECK(r.status().code() == Code::kVerifyFailed);
  CHECK(r.status().message().find(s.file + " no longer matches its manifest") == 0);
  CHECK(test::read_text(s.bundle) == before);
  // A missing file is an error too: there is nothing to vouch for.
  fs::remove(s.file);
  CHECK_FALSE(countersign_bundle(s.bundle, s.file, s.publisher).ok());
  CHECK(test::read_text(s.bundle) == before);
  // The file as signed: countersigned.
  test::write_text(s.file, "the bytes that were signed");
  Result<Bundle> ok = countersign_bundle(s.bundle, s.file, s.publisher);
  REQUIRE(ok.ok());
  CHECK(ok->signed_manifest.signatures.size() == 2);
  CHECK(read_bundle(s.bundle)->signed_manifest.signatures.size() == 2);
}

TEST_CASE("sign: a bundle rewritten while it was updated is not overwritten") {
  Signer s;
  REQUIRE(s.sign().ok());
  const std::string before = test::read_text(s.bundle);
  Bundle b = *parse_bundle(before);
  b.signed_manifest.receipts.push_back("a receipt");
  // Another writer got there first (a countersignature, say).
  REQUIRE(countersign_bundle(s.bundle, s.file, s.publisher).ok());
  const std::string theirs = test::read_text(s.bundle);
  Status st = rewrite_bundle(s.bundle, before, b);
  CHECK(st.code() == Code::kIoError);
  CHECK(st.message().find("changed while it was being updated") != std::string::npos);
  CHECK(test::read_text(s.bundle) == theirs);
  // Unchanged since it was read: rewritten.
  REQUIRE(rewrite_bundle(s.bundle, theirs, b).ok());
  CHECK(read_bundle(s.bundle)->signed_manifest.receipts.size() == 1);
}

TEST_CASE("sign: writing a bundle removes the temporaries of killed writers next to it") {
  if (!fs::exists("/proc/self/stat")) {
    MESSAGE("no /proc: staleness cannot be told");
    return;
  }
  Signer s;
  const pid_t child = ::fork();
  if (child == 0) {
    _exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  const std::string gone = std::to_string(child);
  const fs::path stale = s.dir / ("other.jpg.hallmark.tmp-" + gone + "-0-1");
  const fs::path stale_own = s.dir / ("photo.bin.hallmark.tmp-" + gone + "-3-4");
  const fs::path live = s.dir / ("x.hallmark.tmp-" + std::to_string(::getpid()) + "-0-1");
  const fs::path foreign = s.dir / ("notes.txt.tmp-" + gone + "-0-1");
  for (const fs::path& p : {stale, stale_own, live, foreign}) {
    test::write_text(p, "partial");
  }
  REQUIRE(s.sign().ok());
  CHECK_FALSE(fs::exists(stale));
  CHECK_FALSE(fs::exists(stale_own));
  CHECK(fs::exists(live));     // Its writer (this process) is alive.
  CHECK(fs::exists(foreign));  // Not a bundle's.
}

}  // namespace
}  // namespace hallmark
