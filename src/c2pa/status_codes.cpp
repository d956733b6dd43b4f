#include "c2pa/status_codes.h"

#include <set>

namespace hallmark::c2pa {
namespace {

const std::set<std::string>& success_codes() {
  static const std::set<std::string> codes = {"claimSignature.validated",
                                              "claimSignature.insideValidity",
                                              "signingCredential.trusted",
                                              "signingCredential.ocsp.notRevoked",
                                              "timeStamp.validated",
                                              "timeStamp.trusted",
                                              "assertion.hashedURI.match",
                                              "assertion.dataHash.match",
                                              "assertion.bmffHash.match",
                                              "assertion.boxesHash.match",
                                              "assertion.collectionHash.match",
                                              "assertion.accessible",
                                              "ingredient.manifest.validated",
                                              "ingredient.claimSignature.validated"};
  return codes;
}
const std::set<std::string>& informational_codes() {
  static const std::set<std::string> codes = {"signingCredential.ocsp.skipped",
                                              "signingCredential.ocsp.inaccessible",
                                              "timeStamp.mismatch",
                                              "timeStamp.malformed",
                                              "timeStamp.outsideValidity",
                                              "timeStamp.untrusted",
                                              "manifest.unknownProvenance",
                                              "manifest.unreferenced",
                                              "algorithm.deprecated",
                                              "timeOfSigning.insideValidity",
                                              "ingredient.unknownProvenance",
                                              "assertion.dataHash.additionalExclusionsPresent",
                                              "assertion.bmffHash.additionalExclusionsPresent"};
  return codes;
}

}  // namespace

Kind kind_of_code(const std::string& code) {
  if (success_codes().count(code)) {
    return Kind::kSuccess;
  }
  if (informational_codes().count(code)) {
    return Kind::kInformational;
  }
  return Kind::kFailure;
}

bool is_trust_failure(const std::string& code) {
  return code == "signingCredential.untrusted" || code == "cawg.x509.credential.untrusted";
}

}  // namespace hallmark::c2pa
