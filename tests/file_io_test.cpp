#include "hallmark/file_io.h"

#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

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
  // Not even a dangling symbolic link is replaced.
  std::filesystem::create_symlink("nowhere", dir / "link");
  CHECK(write_file_atomic((dir / "link").string(), "x", {.exclusive = true}).code() ==
        Code::kIoError);
  CHECK(std::filesystem::is_symlink(dir / "link"));
  // And nothing else is left behind.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 2);
}

TEST_CASE("file_io: a symbolic link is read only when links are followed") {
  test::TempDir dir;
  test::write_text(dir / "real", "contents");
  std::filesystem::create_symlink("real", dir / "link");
  std::filesystem::create_symlink("missing", dir / "dangling");
  const std::string link = (dir / "link").string();
  CHECK(*read_file(link, 100) == "contents");
  CHECK(*read_file(link, 100, {.follow_symlinks = true}) == "contents");
  Result<std::string> refused = read_file(link, 100, {.follow_symlinks = false});
  CHECK(refused.status().code() == Code::kNotFound);
  CHECK(refused.status().message() == link + " is a symbolic link (not followed)");
  CHECK(*read_file((dir / "real").string(), 100, {.follow_symlinks = false}) == "contents");
  CHECK(is_symlink(link));
  CHECK_FALSE(is_symlink((dir / "real").string()));
  CHECK(path_exists((dir / "dangling").string()));
  CHECK_FALSE(path_exists((dir / "missing").string()));
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

namespace hallmark {
namespace {

TEST_CASE("file_io: temporary file names give their target and writer") {
  const std::optional<TempFileName> t = parse_temp_file_name("photo.jpg.hallmark.tmp-4242-0-123");
  REQUIRE(t);
  CHECK(t->target == "photo.jpg.hallmark");
  CHECK(t->pid == 4242);
  CHECK(parse_temp_file_name("a.tmp-1-2-3.tmp-77-8-9")->target == "a.tmp-1-2-3");
  for (const char* name : {"photo.jpg.hallmark", ".tmp-1-2-3", "a.tmp-1-2", "a.tmp-1-2-3-4",
                           "a.tmp-x-2-3", "a.tmp--2-3", "a.tmp-1-2-", "a.tmp-0-1-2", "a.tmp-+1-2-3",
                           "a.tmp-99999999999-1-2", "d/a.tmp-1-2-3"}) {
    CAPTURE(name);
    CHECK_FALSE(parse_temp_file_name(name));
  }
}

// A pid that no process has: a child's, after it was reaped.
pid_t dead_pid() {
  const pid_t pid = ::fork();
  if (pid == 0) {
    _exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return pid;
}

// Sets the modification time of `path` to `seconds` since the epoch.
void set_mtime(const std::filesystem::path& path, int64_t seconds) {
  const struct timeval times[2] = {{seconds, 0}, {seconds, 0}};
  REQUIRE(::utimes(path.c_str(), times) == 0);
}

// When this process started, from /proc (seconds since the epoch, rounded down).
int64_t own_start() {
  std::ifstream stat_file("/proc/self/stat");
  std::string text((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
  std::istringstream rest(text.substr(text.rfind(')') + 2));
  std::string field;
  for (int i = 3; i <= 22; ++i) {
    rest >> field;
  }
  std::ifstream proc_stat("/proc/stat");
  std::string line;
  int64_t btime = 0;
  while (std::getline(proc_stat, line)) {
    if (line.rfind("btime ", 0) == 0) {
      btime = std::stoll(line.substr(6));
    }
  }
  return btime + std::stoll(field) / ::sysconf(_SC_CLK_TCK);
}

TEST_CASE("file_io: a temporary is stale only when its writer is certainly gone") {
  if (!std::filesystem::exists("/proc/self/stat")) {
    MESSAGE("no /proc: staleness cannot be told");
    return;
  }
  test::TempDir dir;
  const auto temp = [&](int64_t pid, const std::string& target = "f.hallmark") {
    const std::filesystem::path p =
        dir / (target + ".tmp-" + std::to_string(pid) + "-0-" + std::to_string(pid % 977));
    test::write_text(p, "partial");
    return p;
  };
  // Its writer is gone.
  const std::filesystem::path dead = temp(dead_pid());
  CHECK(is_stale_temp_file(dead.string()));
  // Its writer is alive (this process, or init) and started before the file was written.
  const std::filesystem::path live = temp(::getpid());
  CHECK_FALSE(is_stale_temp_file(live.string()));
  const std::filesystem::path init = temp(1);
  CHECK_FALSE(is_stale_temp_file(init.string()));
  // The pid was reused: the process that has it now started after the file was last written.
  const std::filesystem::path reused = temp(::getpid(), "g.hallmark");
  set_mtime(reused, own_start() - 3600);
  CHECK(is_stale_temp_file(reused.string()));
  // ... but within the slack of the clocks it is kept.
  set_mtime(reused, own_start() - 1);
  CHECK_FALSE(is_stale_temp_file(reused.string()));
  // Only regular files with a temporary's name.
  test::write_text(dir / "f.hallmark", "a bundle");
  CHECK_FALSE(is_stale_temp_file((dir / "f.hallmark").string()));
  const std::filesystem::path subdir = dir / ("d.tmp-" + std::to_string(dead_pid()) + "-0-1");
  std::filesystem::create_directory(subdir);
  CHECK_FALSE(is_stale_temp_file(subdir.string()));
  CHECK_FALSE(is_stale_temp_file((dir / "missing.tmp-1-2-3").string()));
}

TEST_CASE("file_io: removing stale temporaries keeps live writers' and unwanted targets'") {
  if (!std::filesystem::exists("/proc/self/stat")) {
    MESSAGE("no /proc: staleness cannot be told");
    return;
  }
  test::TempDir dir;
  const pid_t gone = dead_pid();
  const std::string tag = "-0-" + std::to_string(gone % 1000);
  const std::string stale = "a.jpg.hallmark.tmp-" + std::to_string(gone) + tag;
  const std::string stale_other = "notes.txt.tmp-" + std::to_string(gone) + tag;
  const std::string live = "b.jpg.hallmark.tmp-" + std::to_string(::getpid()) + "-1-2";
  for (const std::string& name :
       {stale, stale_other, live, std::string("a.jpg.hallmark"), std::string("a.jpg")}) {
    test::write_text(dir / name, "x");
  }
  const auto bundles = [](std::string_view target) { return target.ends_with(".hallmark"); };
  CHECK(remove_stale_temp_files(dir.path().string(), bundles) == 1);
  CHECK_FALSE(std::filesystem::exists(dir / stale));
  CHECK(std::filesystem::exists(dir / stale_other));  // Not a target asked for.
  CHECK(std::filesystem::exists(dir / live));
  CHECK(std::filesystem::exists(dir / "a.jpg.hallmark"));
  CHECK(std::filesystem::exists(dir / "a.jpg"));
  CHECK(remove_stale_temp_files(dir.path().string(), bundles) == 0);
  CHECK(remove_stale_temp_files((dir / "missing").string(), bundles) == 0);
}

TEST_CASE("file_io: an exclusive batch fails only the files that exist") {
  test::TempDir dir;
  test::write_text(dir / "old", "old contents");
  const std::vector<Status> r =
      write_files_atomic({{(dir / "old").string(), "new"}, {(dir / "fresh").string(), "fresh"}},
                         {.mode = 0644, .sync = true, .exclusive = true});
  REQUIRE(r.size() == 2);
  CHECK(r[0].code() == Code::kIoError);
  CHECK(r[0].message().find("already exists") != std::string::npos);
  CHECK(r[1].ok());
  CHECK(*read_file((dir / "old").string(), 100) == "old contents");
  CHECK(*read_file((dir / "fresh").string(), 100) == "fresh");
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 2);
}

}  // namespace
}  // namespace hallmark
