// Anchoring: appending signed manifests to a transparency log and keeping the receipts it
// returns in their bundles (hallmark-log(5)), and checking such a receipt against the signed
// manifest it was made for. The log stores each signed manifest as an opaque entry; the lookup
// keys chosen here (lookup_key.h) let a stripped copy of a file find its manifest again.
// Receipt text itself is tlog_proof.h's.
// Thread-safe for distinct bundles; the log serialises appends itself.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/bundle.h"
#include "hallmark/status.h"
#include "hallmark/tlog_policy.h"
#include "hallmark/tlog_proof.h"

namespace hallmark {

// The lookup keys of a signed manifest: "manifest:<id>", "file:<hex file root>" and, with a
// media binding, "media:<hex content root>".
std::vector<std::string> lookup_keys(const SignedManifest& signed_manifest);

// Appends every bundle's signed manifest to the log in `log_dir` as one batch (one
// transaction, one new checkpoint) and adds each receipt to its bundle's receipts, replacing
// an older receipt from the same log. Nothing is changed if the append fails.
Status anchor_bundles(std::span<Bundle* const> bundles, const std::string& log_dir);

// Verifies that `receipt` proves `signed_manifest` is in a log `policy` trusts (see
// tlog::verify_receipt for the codes). A receipt logged the signed manifest as it was then:
// countersignatures added later follow the ones it covers, so the entry may also be the
// manifest with only its first k signatures. On failure the error is the one for the manifest
// with all its signatures.
Result<tlog::VerifiedReceipt> verify_manifest_receipt(const SignedManifest& signed_manifest,
                                                      std::string_view receipt,
                                                      const tlog::Policy& policy);

}  // namespace hallmark
