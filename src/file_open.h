// Internal: opening a file for reading the way every reader of hallmark does -- without
// blocking on a FIFO, refusing what is not a regular file, optionally not following a
// symbolic link -- for readers that then read the descriptor themselves (file_io.cpp, the
// bundle reader).
#pragma once

#include <sys/stat.h>

#include <string>

#include "hallmark/file_io.h"
#include "hallmark/status.h"
#include "unique_fd.h"

namespace hallmark {

// Opens `path` into `fd` and fills `st`. kNotFound (also "PATH is a symbolic link (not
// followed)"), kInvalidArgument for a directory or another non-regular file, kIoError.
Status open_regular(const std::string& path, UniqueFd& fd, struct stat& st,
                    const ReadOptions& options = {});

}  // namespace hallmark
