#include "hallmark/file_io.h"

#include <sys/stat.h>

#include "test_util.h"

namespace hallmark {
namespace {

TEST_CASE("file_io: atomic write creates, replaces and sets the mode") {
  test::TempDir dir;
  const std::string path = (dir / "out.txt").string();
  REQUIRE(write_file_atomic(path, "first", {.mode = 0600}).ok());
  CHECK(*read_file(path, 100) == "first");
  struct stat st;
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  REQUIRE(write_file_atomic(path, "second").ok());
  CHECK(*read_file(path, 100) == "second");
  // Nothing but the file itself is left behind.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("file_io: exclusive writes never replace an existing file") {
  test::TempDir dir;
  const std::string path = (dir / "key").string();
  REQUIRE(write_file_atomic(path, "one", {.exclusive = true}).ok());
  Status again = write_file_atomic(path, "two", {.exclusive = true});
  CHECK(again.code() == Code::kIoError);
  CHECK(again.message().find("already exists") != std::string::npos);
  CHECK(*read_file(path, 100) == "one");
}

TEST_CASE("file_io: read errors name the path and the reason") {
  test::TempDir dir;
  CHECK(read_file((dir / "missing").string(), 10).status().code() == Code::kNotFound);
  CHECK(read_file(dir.path().string(), 10).status().code() == Code::kInvalidArgument);
  test::write_text(dir / "big", std::string(11, 'x'));
  Result<std::string> big = read_file((dir / "big").string(), 10);
  CHECK(big.status().code() == Code::kCorrupt);
  CHECK(big.status().message().find("too large") != std::string::npos);
  CHECK(read_file("/dev/null", 10).status().code() == Code::kInvalidArgument);
  CHECK(write_file_atomic((dir / "no/such/dir/x").string(), "x").code() == Code::kNotFound);
}

}  // namespace
}  // namespace hallmark

namespace hallmark {
namespace {

TEST_CASE("file_io: many files with one flush; a failed one does not stop the others") {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "a");
  std::filesystem::create_directories(dir / "b");
  test::write_text(dir / "a/old", "old contents");
  const std::vector<std::pair<std::string, std::string>> files = {
      {(dir / "a/old").string(), "new contents"},
      {(dir / "a/x").string(), "x"},
      {(dir / "missing/y").string(), "y"},
      {(dir / "b/z").string(), "z"},
  };
  const std::vector<Status> r = write_files_atomic(files, {.mode = 0600});
  REQUIRE(r.size() == 4);
  CHECK(r[0].ok());
  CHECK(r[1].ok());
  CHECK(r[2].code() == Code::kNotFound);
  CHECK(r[3].ok());
  CHECK(*read_file((dir / "a/old").string(), 100) == "new contents");
  CHECK(*read_file((dir / "b/z").string(), 100) == "z");
  struct stat st;
  REQUIRE(::stat((dir / "a/x").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  size_t entries = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path())) {
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
    ++entries;
  }
  CHECK(entries == 5);  // a, a/old, a/x, b, b/z: no temporaries left.
  CHECK(write_files_atomic({}).empty());
}

}  // namespace
}  // namespace hallmark
