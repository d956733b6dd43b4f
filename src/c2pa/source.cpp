#include "c2pa/source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace hallmark::c2pa {

FileSource::~FileSource() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

FileSource::FileSource(FileSource&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), size_(other.size_), path_(std::move(other.path_)) {}

FileSource& FileSource::operator=(FileSource&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = std::exchange(other.fd_, -1);
    size_ = other.size_;
    path_ = std::move(other.path_);
  }
  return *this;
}

Result<FileSource> FileSource::open(const std::string& path) {
  FileSource src;
  src.path_ = path;
  src.fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (src.fd_ < 0) {
    return errno_status(path, errno);
  }
  struct stat st;
  if (::fstat(src.fd_, &st) != 0) {
    return errno_status(path, errno);
  }
  if (!S_ISREG(st.st_mode)) {
    return invalid_argument(path + ": not a regular file");
  }
  src.size_ = static_cast<uint64_t>(st.st_size);
  return src;
}

Status FileSource::read(uint64_t offset, size_t n, std::byte* out) const {
  if (offset > size_ || n > size_ - offset) {
    return corrupt(path_ + ": read past the end at offset " + std::to_string(offset));
  }
  size_t done = 0;
  while (done < n) {
    const ssize_t got = ::pread(fd_, out + done, n - done, static_cast<off_t>(offset + done));
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno_status(path_, errno);
    }
    if (got == 0) {
      return io_error(path_ + ": file shrank while reading");
    }
    done += static_cast<size_t>(got);
  }
  return {};
}

Result<Bytes> FileSource::read(uint64_t offset, size_t n) const {
  if (offset > size_ || n > size_ - offset) {  // Before allocating: n may come from the file.
    return corrupt(path_ + ": read past the end at offset " + std::to_string(offset));
  }
  Bytes out(n);
  HALLMARK_TRY(read(offset, n, out.data()));
  return out;
}

}  // namespace hallmark::c2pa
