// verify with the media binding, end to end on sample media: lossless changes are
// verified-content with the right flags, a changed second is located, a changed pixel is
// tampered.
#include <algorithm>

#include "hallmark/sign.h"
#include "hallmark/verify.h"
#include "test_util.h"

namespace hallmark {
namespace {

namespace fs = std::filesystem;
using test::kFfmpeg;
using test::quote;
using test::run;

struct Signed {
  test::TempDir dir;
  keys::SecretKey key = keys::SecretKey::generate();
  TrustStore trust;
  fs::path original;

  explicit Signed(const std::string& sample) {
    REQUIRE(trust.add({"alice", key.public_key(), {}, {}, {}}).ok());
    original = dir / sample;
    fs::copy_file(*test::samples() / sample, original);
    REQUIRE(sign_file(original.string(), "", key, {.creator_name = "alice"}).ok());
  }

  // Verifies `file` against the original's bundle.
  Report verify(const fs::path& file) {
    VerifyOptions o;
    o.bundle_path = original.string() + ".hallmark";
    Result<Report> r = verify_file(file.string(), o, trust);
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    return *r;
  }
};

TEST_CASE("verify_media: a remuxed video is verified-content, remuxed") {
  if (test::samples() == nullptr) {
    return;
  }
  Signed s("clip.mp4");
  for (const char* ext : {"mkv", "ts", "mov"}) {
    CAPTURE(ext);
    const fs::path out = s.dir / (std::string("remux.") + ext);
    REQUIRE(run(kFfmpeg + " -i " + quote(s.original) + " -map 0 -c copy " + quote(out)));
    const Report r = s.verify(out);
    CHECK(r.verdict == Verdict::kVerifiedContent);
    CHECK(r.has_flag("remuxed"));
    REQUIRE(r.media);
    CHECK(r.media->content_matches);
    CHECK(r.media->changes.empty());
  }
  // The original itself is plainly verified: bytes as signed.
  const Report same = s.verify(s.original);
  CHECK(same.verdict == Verdict::kVerified);
  CHECK_FALSE(same.media);
}

TEST_CASE("verify_media: stripped EXIF is metadata-stripped, an edited claim metadata-altered") {
  if (test::samples() == nullptr) {
    return;
  }
  Signed s("photo.jpg");
  const fs::path stripped = s.dir / "stripped.jpg";
  REQUIRE(run("exiftool -q -all= -o " + quote(stripped) + " " + quote(s.original)));
  Report r = s.verify(stripped);
  CHECK(r.verdict == Verdict::kVerifiedContent);
  CHECK(r.has_flag("metadata-stripped"));
  CHECK_FALSE(r.has_flag("metadata-altered"));
  CHECK_FALSE(r.has_flag("remuxed"));
  CHECK(r.verified());  // A platform stripping EXIF is harmless.
  const fs::path edited = s.dir / "edited.jpg";
  REQUIRE(run("exiftool -q -Make=Forged -o " + quote(edited) + " " + quote(s.original)));
  r = s.verify(edited);
  CHECK(r.verdict == Verdict::kVerifiedContent);
  CHECK(r.has_flag("metadata-altered"));
  CHECK_FALSE(r.has_flag("metadata-stripped"));
  CHECK_FALSE(r.verified());  // The file now contradicts what was signed.
  REQUIRE(r.media);
  CHECK(std::find(r.media->findings.begin(), r.media->findings.end(),
                  "camera Hallmark Camera Co. HC-1 → Forged HC-1") != r.media->findings.end());
  CHECK(r.media->metadata_altered);
  CHECK(r.media->metadata_changed);
  // The signed claims are what the signer saw, whatever the file says now.
  CHECK(r.manifest->claims.make != std::optional<std::string>("Forged"));
}

TEST_CASE("verify_media: a title, comment or artist tag edited in audio or video is noticed") {
  if (test::samples() == nullptr) {
    return;
  }
  for (const char* sample : {"clip.mp4", "tone.wav"}) {
    CAPTURE(sample);
    Signed s(sample);
    const std::string ext = fs::path(sample).extension().string();
    // The control: the same copy without an edit changes no metadata.
    const fs::path copy = s.dir / ("copy" + ext);
    REQUIRE(run(kFfmpeg + " -i " + quote(s.original) + " -map 0 -c copy " + quote(copy)));
    const Report same = s.verify(copy);
    CHECK(same.verdict == Verdict::kVerifiedContent);
    REQUIRE(same.media);
    CHECK_FALSE(same.media->metadata_changed);
    CHECK_FALSE(same.has_flag("metadata-changed"));
    for (const char* tag : {"title", "comment", "artist"}) {
      CAPTURE(tag);
      const fs::path edited = s.dir / (std::string(tag) + ext);
      REQUIRE(run(kFfmpeg + " -i " + quote(s.original) + " -map 0 -c copy -metadata " + tag +
                  "=Edited " + quote(edited)));
      const Report r = s.verify(edited);
      CHECK(r.verdict == Verdict::kVerifiedContent);  // The content is as signed.
      REQUIRE(r.media);
      CHECK(r.media->content_matches);
      CHECK(r.media->metadata_changed);
      CHECK((r.has_flag("metadata-changed") || r.has_flag("metadata-altered")));
    }
  }
}

TEST_CASE("verify_media: re-encoding second 4-5 and splicing it back is located exactly") {
  if (test::samples() == nullptr) {
    return;
  }
  Signed s("clip.mp4");
  const fs::path d = s.dir.path();
  REQUIRE(run(kFfmpeg + " -i " + quote(s.original) +
              " -map 0 -c copy -f segment -segment_times 4,5 -reset_timestamps 1 " +
              quote(d / "seg%d.mp4")));
  REQUIRE(run(kFfmpeg + " -i " + quote(d / "seg1.mp4") +
              " -map 0 -vf drawbox=x=100:y=80:w=120:h=80:color=red:t=fill -c:v libx264 "
              "-preset veryfast -g 25 -pix_fmt yuv420p -c:a copy " +
              quote(d / "seg1x.mp4")));
  test::write_text(d / "list.txt", "file seg0.mp4\nfile seg1x.mp4\nfile seg2.mp4\n");
  REQUIRE(run("cd " + quote(d) + " && " + kFfmpeg +
              " -f concat -i list.txt -map 0 -c copy tampered.mp4"));
  const Report r = s.verify(d / "tampered.mp4");
  CHECK(r.verdict == Verdict::kTampered);
  REQUIRE(r.media);
  REQUIRE(r.media->changes.size() == 1);
  const media::ChangedRange& c = r.media->changes[0];
  CHECK(c.stream == "video#0");
  CHECK(c.first == 100);
  CHECK(c.count == 25);
  CHECK(c.describe() == "video#0 packets 100–124, 4.00–4.96 s");
}

TEST_CASE("verify_media: one changed pixel makes a JPEG or PNG tampered, naming the unit") {
  if (test::samples() == nullptr) {
    return;
  }
  for (const char* sample : {"photo.jpg", "image.png"}) {
    CAPTURE(sample);
    Signed s(sample);
    const fs::path out = s.dir / (std::string("pixel-") + sample);
    REQUIRE(run("convert " + quote(s.original) + " -fill red -draw 'point 3,3' " + quote(out)));
    const Report r = s.verify(out);
    CHECK(r.verdict == Verdict::kTampered);
    REQUIRE(r.media);
    REQUIRE_FALSE(r.media->changes.empty());
    CHECK_FALSE(r.media->changes[0].units.empty());
  }
}

}  // namespace
}  // namespace hallmark
