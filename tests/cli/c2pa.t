C2PA Content Credentials in the wild: verify and inspect judge them as c2pa-rs does (reference
files from the shared fixtures, read in place).

  $ test -d "$SHARED/c2pa/fixtures" || echo "@skip the shared C2PA fixtures are not present"
  $ f="$SHARED/c2pa/fixtures"; certs="$f/certs/test_cert_root_bundle.pem"
  $ hallmark verify "$f/CA.jpg" --c2pa-trust "$certs" 2>&1 | sed "s|$f/||g"
  CA.jpg: ✔ verified — C2PA Content Credentials signed by C2PA Signer [edited]
    C2PA: Trusted — signed by C2PA Signer (issuer Intermediate CA) on 2024-08-06, with make_test_images/0.33.1 c2pa-rs/0.33.1
      └─ ✔ Trusted opened, color_adjustments — by C2PA Signer (issuer Intermediate CA) on 2024-08-06, with make_test_images/0.33.1 c2pa-rs/0.33.1
         └─ ✔ parentOf "A.jpg" (no C2PA manifest)
  $ hallmark verify "$f/CA.jpg" 2>&1 | sed "s|$f/||g"
  CA.jpg: ✘ untrusted-signer — C2PA manifest valid, but its signer is not trusted (--c2pa-trust PEM) [edited]
    C2PA: Valid — signed by C2PA Signer (issuer Intermediate CA) on 2024-08-06, with make_test_images/0.33.1 c2pa-rs/0.33.1
      failure signingCredential.untrusted
      └─ ✔ Valid opened, color_adjustments — by C2PA Signer (issuer Intermediate CA) on 2024-08-06, with make_test_images/0.33.1 c2pa-rs/0.33.1
         └─ ✔ parentOf "A.jpg" (no C2PA manifest)
  hallmark: hint: no C2PA trust anchors were given: pass --c2pa-trust PEM (e.g. the C2PA trust list), or --allow-untrusted to accept a valid but untrusted manifest
  $ hallmark verify "$f/CA.jpg" --allow-untrusted 2>&1 | head -1 | sed "s|$f/||g"
  CA.jpg: ✔ verified — C2PA manifest valid, but its signer is not trusted (--c2pa-trust PEM) [edited]
  $ hallmark verify "$f/XCA.jpg" --c2pa-trust "$certs" 2>&1 | head -2 | sed "s|$f/||g"
  XCA.jpg: ✘ tampered — C2PA: content differs from what was signed (assertion.dataHash.mismatch) [edited]
    C2PA: Invalid — signed by C2PA Signer (issuer Intermediate CA) on 2024-08-06, with make_test_images/0.33.1 c2pa-rs/0.33.1
  $ hallmark verify "$f/CA.jpg" --json --c2pa-trust "$certs" | python3 -c 'import json,sys; c = json.load(sys.stdin)["files"][0]["c2pa"]; print(c["validation_state"], sorted(s["code"] for s in c["validation_results"]["activeManifest"]["success"]))'
  Trusted ['assertion.dataHash.match', 'assertion.hashedURI.match', 'assertion.hashedURI.match', 'assertion.hashedURI.match', 'assertion.hashedURI.match', 'assertion.hashedURI.match', 'assertion.hashedURI.match', 'claimSignature.insideValidity', 'claimSignature.validated', 'signingCredential.trusted', 'timeStamp.trusted', 'timeStamp.validated']
  $ hallmark history "$f/CACA.jpg" --c2pa-trust "$certs" 2>&1 | sed "s|$f/||g"
  CACA.jpg: ✔ verified
  C2PA Content Credentials:
  └─ ✔ Trusted opened, color_adjustments — by C2PA Signer (issuer Intermediate CA) on 2025-10-16, with make_test_images/0.67.1
     └─ ✔ parentOf "CA.jpg" opened, color_adjustments — by C2PA Signer (issuer Intermediate CA) on 2025-10-16, with make_test_images/0.67.1 (recorded then: signingCredential.untrusted)
        └─ ✔ parentOf "A.jpg" (no C2PA manifest)
  $ hallmark inspect "$f/CA.jpg" 2>&1 | sed "s|$f/||g" | head -3
  C2PA manifest store in CA.jpg (embedded; not verified here: use hallmark verify --c2pa-trust PEM)
  manifest   contentauth:urn:uuid:c2677d4b-0a93-4444-876f-ed2f2d40b8cf (active)
    signer   C2PA Signer, issuer Intermediate CA, ps256
  $ hallmark inspect "$f/CA.jpg" --json | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["hallmark_inspect"], d["file"].rsplit("/", 1)[1], d["c2pa"]["manifest_present"])'
  1 CA.jpg True
  $ hallmark verify "$f/no_manifest.jpg" 2>&1 | sed "s|$f/||g"
  no_manifest.jpg: ✘ unsigned — no provenance found (no no_manifest.jpg.hallmark)

