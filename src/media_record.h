// Internal: between a media::MediaBinding and its record in a manifest (the signed roots and
// digests) and a bundle (the unsigned leaf tables). Used by sign and verify only.
#pragma once

#include <map>
#include <string>

#include "hallmark/bundle.h"
#include "hallmark/manifest.h"
#include "hallmark/media.h"

namespace hallmark::media_record {

MediaBindingInfo to_info(const media::MediaBinding& binding);
// Moves the leaf tables out of `binding`.
std::map<std::string, MediaLeaves> take_leaves(media::MediaBinding& binding);

// The signed binding as media::compare() wants it: roots, digests and the signed claims from
// the manifest, leaf tables from the bundle where present (compare() checks them against the
// roots). A version-1 binding did not sign the leaves' times and names: they are left out, so
// that nothing unauthenticated is ever reported.
media::MediaBinding from_record(const MediaBindingInfo& info, const Claims& claims,
                                const std::map<std::string, MediaLeaves>& leaves);

}  // namespace hallmark::media_record
