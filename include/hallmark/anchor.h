// Anchoring: appending signed manifests to a transparency log and keeping the receipts it
// returns in their bundles (hallmark-log(5)). The log stores each signed manifest as an opaque
// entry; the lookup keys chosen here let a stripped copy of a file find its manifest again.
// Thread-safe for distinct bundles; the log serialises appends itself.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "hallmark/bundle.h"
#include "hallmark/status.h"

namespace hallmark {

// The lookup keys of a signed manifest: "manifest:<id>", "file:<hex file root>" and, with a
// media binding, "media:<hex content root>".
std::vector<std::string> lookup_keys(const SignedManifest& signed_manifest);

// Appends every bundle's signed manifest to the log in `log_dir` as one batch (one
// transaction, one new checkpoint) and adds each receipt to its bundle's receipts, replacing
// an older receipt from the same log. Nothing is changed if the append fails.
Status anchor_bundles(std::span<Bundle* const> bundles, const std::string& log_dir);

}  // namespace hallmark
