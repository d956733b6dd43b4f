#include "hallmark/file_binding.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hallmark/merkle.h"
#include "test_util.h"

namespace hallmark {
namespace {

std::string pseudo_random(size_t n, uint32_t seed) {
  std::string s(n, '\0');
  std::mt19937 rng(seed);
  for (char& c : s) {
    c = static_cast<char>(rng());
  }
  return s;
}

// The binding written out by hand: leaf i = SHA-256(0x00 || chunk i), RFC 6962 root.
FileBinding reference_binding(std::string_view data, uint64_t chunk) {
  FileBinding b;
  b.size = data.size();
  b.chunk_size = chunk;
  for (uint64_t off = 0; off < data.size(); off += chunk) {
    b.leaves.push_back(merkle::hash_leaf(as_bytes(data.substr(off, chunk))));
  }
  b.root = merkle::root(b.leaves);
  return b;
}

TEST_CASE("file_binding: equals the by-hand reference for sizes around chunk boundaries") {
  test::TempDir dir;
  const uint64_t chunk = 4096;
  for (size_t size : {size_t{0}, size_t{1}, size_t{4095}, size_t{4096}, size_t{4097},
                      size_t{3 * 4096}, size_t{100000}}) {
    CAPTURE(size);
    const std::string data = pseudo_random(size, static_cast<uint32_t>(size));
    test::write_text(dir / "f", data);
    for (unsigned threads : {1u, 2u, 7u}) {
      CAPTURE(threads);
      Result<FileBinding> got = test::bind_path((dir / "f").string(), {chunk, threads});
      REQUIRE(got.ok());
      const FileBinding want = reference_binding(data, chunk);
      CHECK(got->size == size);
      CHECK(got->leaves == want.leaves);
      CHECK(got->root == want.root);
    }
  }
}

TEST_CASE("file_binding: the empty file's root is SHA-256 of nothing") {
  test::TempDir dir;
  test::write_text(dir / "empty", "");
  Result<FileBinding> b = test::bind_path((dir / "empty").string());
  REQUIRE(b.ok());
  CHECK(b->leaves.empty());
  CHECK(to_hex(b->root) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("file_binding: a chunk larger than the read block is hashed in pieces") {
  test::TempDir dir;
  const std::string data = pseudo_random(5 << 20, 9);
  test::write_text(dir / "f", data);
  Result<FileBinding> b = test::bind_path((dir / "f").string(), {4 << 20, 2});
  REQUIRE(b.ok());
  CHECK(b->root == reference_binding(data, 4 << 20).root);
}

TEST_CASE("file_binding: one flipped bit changes the root and is located to its chunk") {
  test::TempDir dir;
  std::string data = pseudo_random(10 * 4096 + 100, 1);
  test::write_text(dir / "f", data);
  const FileBinding signed_b = *test::bind_path((dir / "f").string(), {4096, 2});
  data[5 * 4096 + 17] ^= 0x10;
  test::write_text(dir / "f", data);
  const FileBinding now = *test::bind_path((dir / "f").string(), {4096, 2});
  CHECK(now.root != signed_b.root);
  const std::vector<ByteRange> ranges = changed_ranges(signed_b.size, signed_b.leaves, now);
  REQUIRE(ranges.size() == 1);
  CHECK(ranges[0] == ByteRange{5 * 4096, 6 * 4096});
}

TEST_CASE("file_binding: truncation and appending are located, neighbours merged") {
  test::TempDir dir;
  std::string data = pseudo_random(8 * 4096, 2);
  test::write_text(dir / "f", data);
  const FileBinding orig = *test::bind_path((dir / "f").string(), {4096, 1});
  test::write_text(dir / "f", data.substr(0, 6 * 4096 + 10));
  const FileBinding cut = *test::bind_path((dir / "f").string(), {4096, 1});
  // The cut chunk is located in the file as it is now; what is missing has no range in it.
  CHECK(changed_ranges(orig.size, orig.leaves, cut) ==
        std::vector<ByteRange>{{6 * 4096, 6 * 4096 + 10}});
  data[4096] ^= 1;
  data[2 * 4096] ^= 1;
  test::write_text(dir / "f", data + "tail");
  const FileBinding grown = *test::bind_path((dir / "f").string(), {4096, 1});
  CHECK(changed_ranges(orig.size, orig.leaves, grown) ==
        std::vector<ByteRange>{{4096, 3 * 4096}, {8 * 4096, 8 * 4096 + 4}});
}

TEST_CASE("file_binding: bad inputs give clear errors, never a hang") {
  test::TempDir dir;
  CHECK(test::bind_path((dir / "missing").string()).status().code() == Code::kNotFound);
  CHECK(test::bind_path(dir.path().string()).status().message().find("is a directory") !=
        std::string::npos);
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  CHECK(test::bind_path((dir / "fifo").string()).status().message().find("not a regular file") !=
        std::string::npos);
  CHECK(test::bind_path("/dev/null").status().code() == Code::kInvalidArgument);
  test::write_text(dir / "f", "x");
  CHECK(test::bind_path((dir / "f").string(), {1000, 1}).status().code() == Code::kInvalidArgument);
  if (::geteuid() != 0) {
    ::chmod((dir / "f").c_str(), 0);
    CHECK(test::bind_path((dir / "f").string()).status().code() == Code::kIoError);
  }
}

}  // namespace
}  // namespace hallmark
