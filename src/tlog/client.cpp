#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "hallmark/file_io.h"
#include "hallmark/log_client.h"
#include "hallmark/merkle.h"
#include "hallmark/note.h"
#include "hallmark/tiles.h"
#include "hallmark/tlog_proof.h"

namespace hallmark::tlog {
namespace {

class DirLock {
 public:
  ~DirLock() {
    if (fd_ >= 0) {
      ::close(fd_);  // Releases the lock.
    }
  }
  Status lock(const std::string& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      return io_error("cannot create " + dir + ": " + ec.message());
    }
    fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) {
      return errno_status("cannot open " + dir, errno);
    }
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) {
        return errno_status("cannot lock " + dir, errno);
      }
    }
    return {};
  }

 private:
  int fd_ = -1;
};

std::string short_root(const Checkpoint& c) {
  return "size " + std::to_string(c.size) + " root " + to_base64(c.root);
}

// Whether `old` is a prefix of `latest` according to the tiles (which hold `latest`).
// A Status error means the tiles could not be read; an answer of "no" comes with a reason.
Result<std::optional<std::string>> prefix_problem(const Checkpoint& old, const Checkpoint& latest,
                                                  TileReader& tiles, std::string_view what) {
  const std::string name(what);
  if (old.size > latest.size) {
    return std::optional<std::string>(
        "the log's latest checkpoint (size " + std::to_string(latest.size) + ") is smaller than " +
        name + " (size " + std::to_string(old.size) + "): the log was rolled back or rewritten");
  }
  if (old.size == 0) {
    if (old.root != merkle::empty_root()) {
      return std::optional<std::string>(name + " claims an empty tree with a non-empty root");
    }
    return std::optional<std::string>();
  }
  if (old.size == latest.size) {
    if (old.root != latest.root) {
      return std::optional<std::string>(
          name + " and the log's latest checkpoint have the same size and different roots (" +
          short_root(old) + " vs " + short_root(latest) + "): split view or rewritten log");
    }
    return std::optional<std::string>();
  }
  HALLMARK_ASSIGN_OR_RETURN(std::vector<Digest> proof,
                            tiles.consistency_proof(old.size, latest.size));
  const Status s = merkle::verify_consistency(old.size, latest.size, old.root, latest.root, proof);
  if (!s.ok()) {
    return std::optional<std::string>(name + " (" + short_root(old) +
                                      ") is not a prefix of the log's latest checkpoint (" +
                                      short_root(latest) + "): split view or rewritten log");
  }
  return std::optional<std::string>();
}

// The log's published checkpoint as `source` serves it.
Result<std::string> read_published_checkpoint(TileSource& source) {
  Result<std::string> text = source.read("checkpoint", note::kMaxNoteSize);
  if (!text.ok() && text.status().code() == Code::kNotFound) {
    return not_found(source.name("checkpoint") + ": missing");
  }
  return text;
}

}  // namespace

Result<Checkpoint> open_checkpoint(std::string_view signed_note, const note::Verifier& key) {
  const note::Verifier known[] = {key};
  HALLMARK_ASSIGN_OR_RETURN(note::Opened opened, note::open(signed_note, known));
  return parse_checkpoint(opened.text);
}

LogReader::LogReader(std::shared_ptr<TileSource> source, note::Verifier key,
                     std::string signed_checkpoint, Checkpoint checkpoint)
    : source_(std::move(source)),
      key_(std::move(key)),
      signed_checkpoint_(std::move(signed_checkpoint)),
      checkpoint_(std::move(checkpoint)),
      tiles_(source_, checkpoint_.size) {}

Result<LogReader> LogReader::open(std::shared_ptr<TileSource> source, const note::Verifier& key) {
  HALLMARK_ASSIGN_OR_RETURN(std::string text, read_published_checkpoint(*source));
  Result<Checkpoint> checkpoint = open_checkpoint(text, key);
  if (!checkpoint.ok()) {
    return checkpoint.status().with_context(source->name("checkpoint"));
  }
  return LogReader(std::move(source), key, std::move(text), std::move(checkpoint).value());
}

Result<std::string> LogReader::receipt(uint64_t index, std::string_view signed_checkpoint) {
  Result<Checkpoint> c = open_checkpoint(signed_checkpoint, key_);
  if (!c.ok()) {
    return c.status().with_context("checkpoint");
  }
  if (c->origin != checkpoint_.origin) {
    return invalid_argument("checkpoint is for " + c->origin + ", not " + checkpoint_.origin);
  }
  if (c->size > checkpoint_.size) {
    return invalid_argument("checkpoint size " + std::to_string(c->size) +
                            " is beyond the log's published size " +
                            std::to_string(checkpoint_.size));
  }
  if (index >= c->size) {
    return invalid_argument("index " + std::to_string(index) + " is not below tree size " +
                            std::to_string(c->size));
  }
  HALLMARK_ASSIGN_OR_RETURN(Bytes entry, tiles_.entry(index));
  Result<std::string> receipt =
      make_receipt(tiles_, index, merkle::hash_leaf(entry), *c, signed_checkpoint);
  if (!receipt.ok() && receipt.status().code() == Code::kVerifyFailed) {
    return receipt.status().with_context(source_->location());
  }
  return receipt;
}

std::string state_file(const std::string& state_dir, std::string_view origin) {
  return state_dir + "/" + to_hex(sha256(as_bytes(origin))) + ".checkpoint";
}

Result<std::optional<Checkpoint>> remembered_checkpoint(const std::string& state_dir,
                                                        std::string_view origin) {
  const std::string path = state_file(state_dir, origin);
  Result<std::string> text = read_file(path, note::kMaxNoteSize);
  if (!text.ok()) {
    if (text.status().code() == Code::kNotFound) {
      return std::optional<Checkpoint>();
    }
    return text.status();
  }
  Result<note::Note> n = note::parse(*text);
  if (!n.ok()) {
    return n.status().with_context(path);
  }
  Result<Checkpoint> c = parse_checkpoint(n->text);
  if (!c.ok()) {
    return c.status().with_context(path);
  }
  if (c->origin != origin) {
    return corrupt(path + ": remembers origin " + c->origin + ", not " + std::string(origin));
  }
  return std::optional<Checkpoint>(std::move(c).value());
}

Result<LogConsistency> check_consistency_with_log(const Checkpoint& seen,
                                                  const std::string& log_dir, const Policy& policy,
                                                  const std::string& state_dir) {
  return check_consistency(seen, std::make_shared<DirectorySource>(log_dir), policy, state_dir);
}

Result<LogConsistency> check_consistency(const Checkpoint& seen,
                                         const std::shared_ptr<TileSource>& log,
                                         const Policy& policy, const std::string& state_dir) {
  const std::string& log_dir = log->location();
  HALLMARK_ASSIGN_OR_RETURN(std::string text, read_published_checkpoint(*log));
  Result<VerifiedCheckpoint> latest = policy.verify_checkpoint(text);
  if (!latest.ok()) {
    return latest.status().with_context(log->name("checkpoint"));
  }
  LogConsistency out;
  out.latest = std::move(latest).value();
  const Checkpoint& head = out.latest.checkpoint;
  if (head.origin != seen.origin) {
    return invalid_argument(log_dir + " is the log " + head.origin + ", not " + seen.origin);
  }
  TileReader tiles(log, head.size);
  HALLMARK_ASSIGN_OR_RETURN(Digest root, tiles.root(head.size));
  if (root != head.root) {
    return corrupt(log_dir + ": the tiles do not match the log's own checkpoint");
  }

  HALLMARK_ASSIGN_OR_RETURN(std::optional<std::string> problem,
                            prefix_problem(seen, head, tiles, "the receipt's checkpoint"));
  if (problem) {
    out.problem = *problem;
    return out;
  }

  DirLock lock;
  HALLMARK_TRY(lock.lock(state_dir));
  HALLMARK_ASSIGN_OR_RETURN(out.remembered, remembered_checkpoint(state_dir, head.origin));
  if (out.remembered) {
    HALLMARK_ASSIGN_OR_RETURN(problem, prefix_problem(*out.remembered, head, tiles,
                                                      "the checkpoint this client saw before"));
    if (problem) {
      out.problem = *problem;
      return out;
    }
  }
  out.consistent = true;
  if (!out.remembered || head.size > out.remembered->size) {
    HALLMARK_TRY(
        write_file_atomic(state_file(state_dir, head.origin), out.latest.note, {.mode = 0600}));
    out.state_updated = true;
  }
  return out;
}

}  // namespace hallmark::tlog
