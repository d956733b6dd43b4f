// The media binding on real media: samples made by scripts/make-samples (ffmpeg, exiftool,
// cwebp, ImageMagick) and transformed by the tools users would use, and a sweep over the shared
// corpus. Every test skips with a message when a tool or the corpus is missing.
#include "hallmark/media.h"

#include <array>
#include <cstdio>
#include <memory>
#include <set>

#include "test_util.h"

namespace hallmark::media {
namespace {

namespace fs = std::filesystem;

using test::have_tools;
using test::kFfmpeg;
using test::quote;
using test::run;
using test::samples;

MediaBinding bind(const fs::path& path, bool include_location = false) {
  Result<MediaBinding> b =
      test::bind_media_path(path.string(), {.include_location = include_location});
  REQUIRE_MESSAGE(b.ok(), b.status().message());
  return std::move(b).value();
}

bool same_bytes(const fs::path& a, const fs::path& b) {
  return test::read_text(a) == test::read_text(b);
}

std::string roots(const MediaBinding& m) {
  std::string out;
  for (const StreamBinding& s : m.streams) {
    out += s.label() + " " + s.codec + " " + to_hex(s.root).substr(0, 16) + "; ";
  }
  return out;
}

// A copy of `from` in `dir` named `name`, for tools that edit in place.
fs::path copy_to(const fs::path& from, const test::TempDir& dir, const std::string& name) {
  const fs::path to = dir / name;
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  return to;
}

TEST_CASE("media: sample bindings have the expected streams, units and claims") {
  const test::TempDir* s = samples();
  if (s == nullptr) {
    return;
  }
  const MediaBinding mp4 = bind(*s / "clip.mp4");
  CHECK(mp4.format == "mp4");
  REQUIRE(mp4.streams.size() == 2);
  CHECK(mp4.streams[0].label() == "video#0");
  CHECK(mp4.streams[0].codec == "h264");
  CHECK(mp4.streams[0].leaf_count == 250);  // 10 s at 25 fps
  CHECK(mp4.streams[0].config.has_value());
  CHECK(mp4.streams[0].aux_root.has_value());
  CHECK(mp4.streams[1].label() == "audio#0");
  CHECK(mp4.streams[1].codec == "aac");
  CHECK(mp4.streams[1].leaf_count == 432);  // ceil(10 s * 44100 / 1024) + priming
  CHECK(mp4.streams[0].times[25] == doctest::Approx(1.0));
  for (const StreamBinding& st : mp4.streams) {
    CHECK(check_leaves(st).ok());
  }
  // Packets are hashed on several threads; the leaves land in order every time.
  for (int run = 0; run < 3; ++run) {
    const MediaBinding again = bind(*s / "clip.mp4");
    for (size_t i = 0; i < mp4.streams.size(); ++i) {
      CHECK(again.streams[i].leaves == mp4.streams[i].leaves);
      CHECK(again.streams[i].aux_leaves == mp4.streams[i].aux_leaves);
      CHECK(again.streams[i].times == mp4.streams[i].times);
    }
  }

  const MediaBinding mkv = bind(*s / "clip-hevc.mkv");
  CHECK(mkv.format == "matroska");
  REQUIRE(mkv.streams.size() == 2);
  CHECK(mkv.streams[0].codec == "hevc");
  CHECK(mkv.streams[0].leaf_count == 100);
  CHECK(mkv.streams[1].codec == "opus");

  Result<MediaBinding> wav1 = test::bind_media_path(*s / "tone.wav", {.version = 1});
  REQUIRE(wav1.ok());
  REQUIRE(wav1->streams.size() == 1);
  CHECK(wav1->streams[0].codec == "pcm_s16le");
  CHECK(wav1->streams[0].leaf_count == 3);  // Version 1: 3 s in 1-second blocks
  CHECK(wav1->streams[0].times == std::vector<double>{0, 1, 2});
  // Version 2: content-defined blocks of a quarter second to three seconds (a pure tone,
  // periodic, may find no boundary of its own and be cut at three seconds).
  const MediaBinding wav = bind(*s / "tone.wav");
  REQUIRE(wav.streams.size() == 1);
  CHECK(wav.streams[0].codec == "pcm_s16le");
  REQUIRE(wav.streams[0].leaf_count >= 1);
  CHECK(wav.streams[0].leaf_count <= 12);
  CHECK(wav.streams[0].times.front() == 0);
  CHECK(wav.streams[0].timing);

  const MediaBinding jpg = bind(*s / "photo.jpg", /*include_location=*/true);
  CHECK(jpg.format == "jpeg");
  REQUIRE(jpg.streams.size() == 1);
  CHECK(jpg.streams[0].unit_names.back() == "scan 0");
  CHECK(jpg.claims.make == "Hallmark Camera Co.");
  CHECK(jpg.claims.model == "HC-1");
  CHECK(jpg.claims.software == "make-samples 1");
  CHECK(jpg.claims.captured == "2024:05:17 14:03:22");
  CHECK(jpg.claims.captured_offset == "+02:00");
  CHECK(jpg.claims.orientation == 1u);
  CHECK(jpg.claims.location == "48.858400,2.294500,35.0");
  const MediaBinding jpg_private = bind(*s / "photo.jpg");
  CHECK(jpg_private.claims.location_redacted());
  CHECK_FALSE(jpg_private.claims.location);
  CHECK(jpg_private.content_root == jpg.content_root);

  const MediaBinding progressive = bind(*s / "photo-progressive.jpg");
  CHECK(progressive.streams[0].unit_names.size() > 8);  // Several scans, tables between them.

  CHECK(bind(*s / "image.png").streams[0].unit_names == std::vector<std::string>{"IHDR", "IDAT"});
  const MediaBinding webp = bind(*s / "image.webp");
  CHECK(webp.streams[0].unit_names == std::vector<std::string>{"VP8"});
  CHECK(webp.claims.make == "Hallmark Camera Co.");  // EXIF chunk handed to libexif

  for (const char* plain : {"hello.txt", "notes.md", "data.bin"}) {
    CAPTURE(plain);
    const Result<MediaBinding> r = test::bind_media_path((*s / plain).string());
    CHECK(r.status().code() == Code::kUnsupported);
  }
}

TEST_CASE("media: lossless remuxes of the H.264+AAC clip keep every content root") {
  const test::TempDir* s = samples();
  if (s == nullptr) {
    return;
  }
  const fs::path orig = *s / "clip.mp4";
  const MediaBinding signed_binding = bind(orig);
  test::TempDir work;
  struct Case {
    const char* name;
    const char* args;
    const char* format;
  } cases[] = {
      {"remux.mkv", "", "matroska"},
      {"remux.mov", "", "mov"},
      {"remux.ts", "", "mpegts"},
      {"remux.flv", "", "flv"},
      {"remux.nut", "", "nut"},
      {"fragmented.mp4", "-movflags frag_keyframe+empty_moov", "mp4"},
      {"faststart.mp4", "-movflags +faststart", "mp4"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const fs::path out = work / c.name;
    REQUIRE(run(kFfmpeg + " -i " + quote(orig) + " -map 0 -c copy " + c.args + " " + quote(out)));
    CHECK_FALSE(same_bytes(orig, out));
    const MediaBinding actual = bind(out);
    CHECK(actual.format == c.format);
    const Comparison cmp = compare(signed_binding, actual);
    CAPTURE(roots(actual));
    CHECK(cmp.content_equal);
    CHECK(cmp.changes.empty());
    CHECK(cmp.config_changed.empty());
    CHECK(cmp.aux_changed.empty());
    // ffmpeg copies the (empty) tag set; container artefacts are not metadata.
    CHECK_FALSE(cmp.metadata_changed);
    CHECK_FALSE(cmp.rendering_changed);
    CHECK(cmp.format_changed == (std::string(c.format) != "mp4"));
  }
  // And back: TS -> MP4 (ADTS and Annex-B undone by the muxer).
  const fs::path back = work / "back.mp4";
  REQUIRE(run(kFfmpeg + " -i " + quote(work / "remux.ts") + " -map 0 -c copy " + quote(back)));
  CHECK(compare(signed_binding, bind(back)).content_equal);
}

TEST_CASE("media: HEVC+Opus and PCM survive remuxing") {
  const test::TempDir* s = samples();
  if (s == nullptr) {
    return;
  }
  test::TempDir work;
  const MediaBinding hevc = bind(*s / "clip-hevc.mkv");
  for (const char* name : {"hevc.mp4", "hevc.ts", "hevc.nut"}) {
    CAPTURE(name);
    REQUIRE(run(kFfmpeg + " -i " + quote(*s / "clip-hevc.mkv") + " -map 0 -c copy " +
                quote(work / name)));
    const Comparison cmp = compare(hevc, bind(work / name));
    CHECK(cmp.content_equal);
    CHECK(cmp.config_changed.empty());
    // x265's SEI lives in hvcC for MKV/MP4 and is repeated in-band at keyframes in TS: side
    // info, reported apart from the picture data (hallmark-media(7)).
    for (const ChangedRange& r : cmp.changes) {
      CHECK(r.aux_only);
    }
  }
  const MediaBinding wav = bind(*s / "tone.wav");
  for (const char* name : {"pcm.mkv", "pcm.mov", "pcm.nut"}) {
    CAPTURE(name);
    REQUIRE(run(kFfmpeg + " -i " + quote(*s / "tone.wav") + " -c copy " + quote(work / name)));
    CHECK(compare(wav, bind(work / name)).content_equal);
  }
}

TEST_CASE(
    "media: re-encoding exactly second 4-5 is found as video packets 100-124 and nothing else") {
  const test::TempDir* s = samples();
  if (s == nullptr) {
    return;
  }
  // The commands of notes/media.md section 1.4.
  test::TempDir work;
  const std::string in = quote(*s / "clip.mp4");
  const std::string seg = quote(work / "seg%d.mp4");
  REQUIRE(run(kFfmpeg + " -i " + in +
              " -map 0 -c copy -f segment -segment_times 4,5 -reset_timestamps 1 " + seg));
  REQUIRE(run(kFfmpeg + " -i " + quote(work / "seg1.mp4") +
              " -map 0 -vf drawbox=x=100:y=80:w=120:h=80:color=red:t=fill -c:v libx264 -preset "
              "veryfast -g 25 -pix_fmt yuv420p -c:a copy " +
              quote(work / "seg1x.mp4")));
  test::write_text(work / "tampered.txt", "file 'seg0.mp4'\nfile 'seg1x.mp4'\nfile 'seg2.mp4'\n");
  test::write_text(work / "control.txt", "file 'seg0.mp4'\nfile 'seg1.mp4'\nfile 'seg2.mp4'\n");
  for (const char* name : {"tampered", "control"}) {
    REQUIRE(run(kFfmpeg + " -f concat -safe 0 -i " + quote(work / (std::string(name) + ".txt")) +
                " -map 0 -c copy " + quote(work / (std::string(name) + ".mp4"))));
  }
  const MediaBinding signed_binding = bind(*s / "clip.mp4");

  // Control: cut and glued back without a change. Raw packet hashes flag every keyframe here
  // (the concat demuxer puts SPS/PPS in-band); the normalised leaves do not.
  const Comparison control = compare(signed_binding, bind(work / "control.mp4"));
  CHECK(control.content_equal);
  CHECK(control.changes.empty());

  const Comparison tampered = compare(signed_binding, bind(work / "tampered.mp4"));
  CHECK_FALSE(tampered.content_equal);
  CHECK_FALSE(tampered.metadata_changed);
  REQUIRE(tampered.changes.size() == 1);
  const ChangedRange& r = tampered.changes[0];
  CHECK(r.stream == "video#0");
  CHECK(r.first == 100);
  CHECK(r.count == 25);
  CHECK(r.actual_count == 25);
  REQUIRE(r.start_seconds);
  CHECK(*r.start_seconds == doctest::Approx(4.00));
  CHECK(*r.end_seconds == doctest::Approx(4.96));
  CHECK(r.describe() == "video#0 packets 100–124, 4.00–4.96 s");
}

TEST_CASE("media: metadata edits keep a JPEG's content root and flag what changed") {
  const test::TempDir* s = samples();
  if (s == nullptr) {
    return;
  }
  test::TempDir work;
  const fs::path orig = *s / "photo.jpg";
  const MediaBinding signed_binding = bind(orig);
  struct Case {
    const char* name;
    const char* exiftool_args;
    bool rendering_changed;
  } cases[] = {
      {"strip.jpg", "-all=", false},  // Orientation 1 removed: still shown the same way.
      {"make.jpg", "-Make=Forged -Model=X", false},
      {"date.jpg", "'-DateTimeOriginal=2001:02:03 04:05:06'", false},
      {"gps.jpg", "-GPSLatitude=10 -GPSLongitude=20", false},
      {"gps-removed.jpg", "-gps:all=", false},
      {"xmp.jpg", "-XMP:Title=hello -Comment=hi", false},
      {"orientation.jpg", "-n -Orientation=6", true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const fs::path out = copy_to(orig, work, c.name);
    REQUIRE(
        run("exiftool -q -overwrite_original " + std::string(c.exiftool_args) + " " + quote(out)));
    CHECK_FALSE(same_bytes(orig, out));
    const MediaBinding actual = bind(out);
    const Comparison cmp = compare(signed_binding, actual);
    CHECK(cmp.content_equal);
    CHECK(cmp.changes.empty());
    CHECK(cmp.metadata_changed);
    CHECK(cmp.rendering_changed == c.rendering_changed);
    CHECK_FALSE(cmp.trailer_changed);
  }
  const MediaBinding forged = bind(work / "make.jpg");
  CHECK(forged.claims.make == "Forged");
  CHECK(bind(work / "strip.jpg").claims.empty());
}

TEST_CASE("media: PNG IDAT re-chunking, PNG stripping and webpmux -strip keep content roots") {
  const test::TempDir* s = samples();
  if (s == nullptr) {
    return;
  }
  test::TempDir work;
  // Re-chunk IDAT into 97-byte pieces (done here, with the test's own chunk writer and a
  // bitwise CRC-32).
  const std::string png = test::read_text(*s / "image.png");
  const auto be32 = [](uint32_t v) {
    return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
  };
  const auto crc32 = [](const std::string& body) {
    uint32_t crc = 0xFFFFFFFFu;
    for (char ch : body) {
      crc ^= uint8_t(ch);
      for (int k = 0; k < 8; ++k) {
        crc = (crc >> 1) ^ ((crc & 1) != 0 ? 0xEDB88320u : 0);
      }
    }
    return ~crc;
  };
  std::string rechunked = png.substr(0, 8), idat;
  for (size_t pos = 8; pos + 12 <= png.size();) {
    const uint32_t len = uint32_t(uint8_t(png[pos])) << 24 | uint32_t(uint8_t(png[pos + 1])) << 16 |
                         uint32_t(uint8_t(png[pos + 2])) << 8 | uint8_t(png[pos + 3]);
    const std::string type = png.substr(pos + 4, 4);
    if (type == "IDAT") {
      idat += png.substr(pos + 8, len);
    } else {
      if (type == "IEND") {
        for (size_t i = 0; i < idat.size(); i += 97) {
          const std::string body = "IDAT" + idat.substr(i, 97);
          rechunked += be32(uint32_t(body.size() - 4)) + body + be32(crc32(body));
        }
      }
      rechunked += png.substr(pos, 12 + len);
    }
    pos += 12 + len;
  }
  REQUIRE(idat.size() > 2 * 97);
  test::write_text(work / "rechunked.png", rechunked);
  const MediaBinding png_signed = bind(*s / "image.png");
  const Comparison rechunk = compare(png_signed, bind(work / "rechunked.png"));
  CHECK_FALSE(same_bytes(*s / "image.png", work / "rechunked.png"));
  CHECK(rechunk.content_equal);
  CHECK_FALSE(rechunk.metadata_changed);

  const fs::path stripped = copy_to(*s / "image.png", work, "stripped.png");
  REQUIRE(run("exiftool -q -overwrite_original -all= " + quote(stripped)));
  const Comparison strip = compare(png_signed, bind(stripped));
  CHECK(strip.content_equal);
  CHECK(strip.metadata_changed);  // The tEXt comment is gone.

  REQUIRE(run("webpmux -strip exif " + quote(*s / "image.webp") + " -o " +
              quote(work / "stripped.webp")));
  const MediaBinding webp_signed = bind(*s / "image.webp");
  const MediaBinding webp_stripped = bind(work / "stripped.webp");
  const Comparison webp = compare(webp_signed, webp_stripped);
  CHECK(webp.content_equal);
  CHECK(webp.metadata_changed);
  CHECK_FALSE(webp.rendering_changed);
  CHECK(webp_stripped.claims.empty());
}

TEST_CASE("media: a one-pixel change in a JPEG or PNG changes the content and names the unit") {
  const test::TempDir* s = samples();
  if (s == nullptr) {
    return;
  }
  test::TempDir work;
  // The same encoder and settings, once without and once with one red pixel (fixed Huffman
  // tables, else the JPEG encoder's optimised tables change too).
  const std::string src = kFfmpeg + " -f lavfi -i testsrc2=size=320x240:rate=1 -frames:v 1 ";
  const std::string dot = "-vf drawbox=x=10:y=10:w=1:h=1:color=red:t=fill ";
  for (const char* ext : {"jpg", "png"}) {
    CAPTURE(ext);
    const std::string codec = std::string(ext) == "jpg"
                                  ? "-q:v 3 -huffman default -pix_fmt yuvj420p "
                                  : "-pix_fmt rgb24 ";
    REQUIRE(run(src + codec + "-fflags +bitexact " + quote(work / (std::string("a.") + ext))));
    REQUIRE(
        run(src + dot + codec + "-fflags +bitexact " + quote(work / (std::string("b.") + ext))));
    const Comparison cmp =
        compare(bind(work / (std::string("a.") + ext)), bind(work / (std::string("b.") + ext)));
    CHECK_FALSE(cmp.content_equal);
    REQUIRE(cmp.changes.size() == 1);
    const std::string unit = std::string(ext) == "jpg" ? "scan 0" : "IDAT";
    CHECK(cmp.changes[0].units == std::vector<std::string>{unit});
    CHECK(cmp.changes[0].describe().find("(" + unit + ")") != std::string::npos);
  }
  // A bit flipped in the middle of the sample JPEG's entropy-coded data.
  std::string jpg = test::read_text(*s / "photo.jpg");
  jpg[jpg.size() - 1000] = char(jpg[jpg.size() - 1000] ^ 0x10);
  test::write_text(work / "flipped.jpg", jpg);
  const Comparison flip = compare(bind(*s / "photo.jpg"), bind(work / "flipped.jpg"));
  REQUIRE(flip.changes.size() == 1);
  CHECK(flip.changes[0].units == std::vector<std::string>{"scan 0"});
  // Bytes appended after EOI: the picture is the same, the trailer is reported.
  test::write_text(work / "trailer.jpg", test::read_text(*s / "photo.jpg") + "PK\x03\x04zip");
  const Comparison trailer = compare(bind(*s / "photo.jpg"), bind(work / "trailer.jpg"));
  CHECK(trailer.content_equal);
  CHECK(trailer.trailer_changed);
}

// ---------------------------------------------------------------------------------------------
// The shared corpus

// The media corpus of the shared data: a case that reads it has test::needs_shared(kCorpus).
constexpr const char* kCorpus = "corpus";
std::optional<fs::path> corpus() {
  return test::shared_path(kCorpus);
}

TEST_CASE("media: every corpus file gives a binding or one clear error line" *
          test::needs_shared(kCorpus)) {
  const std::optional<fs::path> root = corpus();
  if (!root) {
    return;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(*root)) {
    if (e.is_regular_file()) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  CHECK(files.size() > 500);
  size_t bound = 0, unsupported = 0, corrupt = 0;
  for (const fs::path& f : files) {
    CAPTURE(f);
    const Result<MediaBinding> r = test::bind_media_path(f.string());
    if (r.ok()) {
      ++bound;
      CHECK_FALSE(r->streams.empty());
      for (const StreamBinding& st : r->streams) {
        CHECK(check_leaves(st).ok());
      }
      continue;
    }
    const std::string message = r.status().message();
    CHECK(message.find('\n') == std::string::npos);
    CHECK(message.rfind(f.string() + ": ", 0) == 0);  // Names the file.
    CHECK(message.size() > f.string().size() + 4);
    CHECK((r.status().code() == Code::kUnsupported || r.status().code() == Code::kCorrupt));
    (r.status().code() == Code::kUnsupported ? unsupported : corrupt) += 1;
  }
  MESSAGE("corpus: " << bound << " bound, " << unsupported << " unsupported, " << corrupt
                     << " corrupt of " << files.size());
  CHECK(bound > 350);

  // The truncated and malformed files of MANIFEST.txt's index, case by case.
  const auto status_of = [&](const char* rel) {
    return test::bind_media_path((*root / rel).string());
  };
  CHECK(status_of("derived/truncated/android-moov-at-end-truncated-70pct.mp4").status().code() ==
        Code::kCorrupt);
  const auto jpeg_cut = status_of("derived/truncated/iphone4-truncated-50pct.jpg");
  REQUIRE(jpeg_cut.ok());
  CHECK(jpeg_cut->warnings == std::vector<std::string>{"jpeg: no EOI marker (truncated)"});
  CHECK(status_of("derived/truncated/issue62-truncated-60pct.png").status().code() ==
        Code::kCorrupt);
  // A moov-first MP4 cut at 60 %: the packets that exist, as a prefix of the whole file's.
  const auto mp4_cut = status_of("derived/truncated/prog8s-moov-first-truncated-60pct.mp4");
  const auto mp4_whole = status_of("video/mp4ff/prog_8s.mp4");
  REQUIRE(mp4_cut.ok());
  REQUIRE(mp4_whole.ok());
  const StreamBinding& cut_video = mp4_cut->streams[0];
  const StreamBinding& whole_video = mp4_whole->streams[0];
  REQUIRE(cut_video.leaf_count > 100);
  REQUIRE(cut_video.leaf_count <= whole_video.leaf_count);
  // All but the last (partial) packet equal the original's first packets.
  CHECK(
      std::equal(cut_video.leaves.begin(), cut_video.leaves.end() - 1, whole_video.leaves.begin()));
}

TEST_CASE("media: the corpus's derived pairs relate as MANIFEST.txt expects" *
          test::needs_shared(kCorpus)) {
  const std::optional<fs::path> root = corpus();
  if (!root) {
    return;
  }
  const auto b = [&](const char* rel) { return bind(*root / rel); };
  // derived/jpeg-pairs/EXPECTED.txt: the segment hash is kept by metadata edits, jpegtran
  // -copy none (tables re-split) and an appended trailer; changed by re-coding or edits.
  const MediaBinding original = b("derived/jpeg-pairs/00-original.jpg");
  for (const char* same : {"01-exiftool-strip-all.jpg", "02-exiftool-edit.jpg", "03-exiv2-rm.jpg",
                           "04-jpegtran-copynone.jpg", "08-exif-orientation-6.jpg",
                           "12-jpeg-with-appended-video-trailer.jpg"}) {
    CAPTURE(same);
    CHECK(b((std::string("derived/jpeg-pairs/") + same).c_str()).content_root ==
          original.content_root);
  }
  for (const char* differs :
       {"05-jpegtran-optimize.jpg", "06-jpegtran-progressive.jpg", "07-jpegtran-rot90.jpg",
        "09-one-bit-flip-in-scan.jpg", "10-imagemagick-reencode-q92.jpg", "11-red-box-edit.jpg"}) {
    CAPTURE(differs);
    CHECK(b((std::string("derived/jpeg-pairs/") + differs).c_str()).content_root !=
          original.content_root);
  }
  const MediaBinding rotated = b("derived/jpeg-pairs/08-exif-orientation-6.jpg");
  CHECK(compare(original, rotated).rendering_changed);
  const MediaBinding trailer = b("derived/jpeg-pairs/12-jpeg-with-appended-video-trailer.jpg");
  CHECK(trailer.trailer_size == 28561);  // As EXPECTED.txt records.
  const Comparison flip = compare(original, b("derived/jpeg-pairs/09-one-bit-flip-in-scan.jpg"));
  REQUIRE(flip.changes.size() == 1);
  CHECK(flip.changes[0].units == std::vector<std::string>{"scan 0"});
  // Stray bytes before a marker (XMP length off by 2) are skipped as libjpeg does.
  CHECK_FALSE(b("jpeg/tricky/extraneous-bytes-before-marker.jpg").warnings.empty());

  // 92 IDAT chunks plus text/eXIf/tIME/caBX: same content as the source PNG.
  CHECK(b("derived/png/many-chunks-rechunked-idat.png").content_root ==
        b("png/misc/Issue_204_dotnet.png").content_root);

  // Video: remuxes of the Android phone clip, and 2 video + 2 audio streams in MKV and MP4.
  const MediaBinding android = b("video/real/android-with-gps.mp4");
  for (const char* remux :
       {"derived/video/android-faststart.mp4", "derived/video/android-fragmented.mp4",
        "derived/video/android-remux.mkv", "derived/video/android-remux.ts"}) {
    CAPTURE(remux);
    CHECK(b(remux).content_root == android.content_root);
  }
  const MediaBinding multi_mkv = b("derived/video/multi-2v2a.mkv");
  CHECK(multi_mkv.streams.size() == 4);
  CHECK(multi_mkv.content_root == b("derived/video/multi-2v2a.mp4").content_root);
  CHECK(multi_mkv.streams[1].root == android.streams[0].root);  // video#1 is the Android clip
  // mkvmerge with VFR timestamps: the same video packets.
  CHECK(b("derived/video/bbb-vfr.mkv").streams[0].root ==
        b("video/mp4ff/bbb_prog_10s.mp4").streams[0].root);
  // Edit list: hidden packets are bound and the visible window reported.
  const MediaBinding cut = b("derived/video/bbb-cut-editlist.mp4");
  CHECK(cut.streams[0].discarded > 0);
  CHECK(cut.streams[0].visible_first == cut.streams[0].discarded);
  // Cover art is not content: the tagged and untagged M4A have the same AAC root.
  const MediaBinding tagged = b("audio/mutagen/has-tags.m4a");
  CHECK(tagged.content_root == b("audio/mutagen/no-tags.m4a").content_root);
  CHECK(tagged.ignored.size() == 2);
}

TEST_CASE("media: a remux of each real phone and camera video keeps its roots" *
          test::needs_shared(kCorpus)) {
  const std::optional<fs::path> root = corpus();
  if (!root || !have_tools({"ffmpeg"})) {
    return;
  }
  test::TempDir work;
  size_t checked = 0;
  for (const auto& e : fs::directory_iterator(*root / "video/real")) {
    const MediaBinding orig = bind(e.path());
    for (const char* ext : {"mkv", "ts", "mp4"}) {
      const fs::path out = work / (e.path().filename().string() + "." + ext);
      CAPTURE(out);
      if (!run(kFfmpeg + " -i " + quote(e.path()) + " -map 0:v? -map 0:a? -c copy " + quote(out))) {
        MESSAGE("ffmpeg cannot put " << e.path().filename() << " into " << out.extension());
        continue;
      }
      const MediaBinding remux = bind(out);
      const Comparison cmp = compare(orig, remux);
      CAPTURE(roots(orig));
      CAPTURE(roots(remux));
      CHECK(cmp.changes.empty());
      CHECK(cmp.config_changed.empty());
      CHECK(cmp.extra_streams.empty());
      CHECK(cmp.codec_changed.empty());
      for (const std::string& missing : cmp.missing_streams) {
        // A codec the container cannot carry (AMR in MPEG-TS) is dropped by ffmpeg; a video
        // stream never is.
        MESSAGE(out.filename() << ": " << missing << " not carried");
        CHECK(missing.rfind("audio#", 0) == 0);
      }
      if (cmp.missing_streams.empty()) {
        CHECK(cmp.content_equal);
      }
      ++checked;
    }
  }
  CHECK(checked >= 15);
}

}  // namespace
}  // namespace hallmark::media
