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
  CA.jpg: ✘ untrusted-signer — C2PA manifest valid, but its signer is not trusted [edited]
    C2PA: Valid — signed by C2PA Signer (issuer Intermediate CA) on 2024-08-06, with make_test_images/0.33.1 c2pa-rs/0.33.1
      failure signingCredential.untrusted
      └─ ✔ Valid opened, color_adjustments — by C2PA Signer (issuer Intermediate CA) on 2024-08-06, with make_test_images/0.33.1 c2pa-rs/0.33.1
         └─ ✔ parentOf "A.jpg" (no C2PA manifest)
  hallmark: hint: no C2PA trust anchors were given: pass --c2pa-trust PEM (e.g. the C2PA trust list), or --allow-untrusted to accept a valid but untrusted manifest
  $ hallmark verify "$f/CA.jpg" --allow-untrusted 2>&1 | head -1 | sed "s|$f/||g"
  CA.jpg: ✔ verified — C2PA manifest valid, but its signer is not trusted [edited]
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


A manifest store that is present but broken is never "no provenance" (hallmark-c2pa(7)):
CA.jpg's store spans two APP11 segments. The second given twice moves the store, which its
data hash then no longer excludes; the first given twice cuts the store short, which is
malformed; and so is a second store.

  $ python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); a = d.find(b"\xff\xeb"); b = a + 2 + int.from_bytes(d[a + 2:a + 4], "big"); c = b + 2 + int.from_bytes(d[b + 2:b + 4], "big"); open("dup2.jpg", "wb").write(d[:c] + d[b:c] + d[c:]); open("dup1.jpg", "wb").write(d[:b] + d[a:b] + d[b:]); e = lambda s: s[:7] + bytes([s[7] ^ 1]) + s[8:]; open("two.jpg", "wb").write(d[:c] + e(d[a:b]) + e(d[b:c]) + d[c:])' "$f/CA.jpg"
  $ hallmark verify dup2.jpg --c2pa-trust "$certs" 2>&1 | head -1
  dup2.jpg: ✘ tampered — C2PA: content differs from what was signed (assertion.dataHash.mismatch) [edited]
  $ hallmark verify dup1.jpg --c2pa-trust "$certs"
  dup1.jpg: ✘ malformed — C2PA manifest present but unreadable: JumbfParseError: manifest store length 117241 exceeds its container
    C2PA: unreadable manifest: JumbfParseError: manifest store length 117241 exceeds its container
  [1]
  $ hallmark verify two.jpg --c2pa-trust "$certs" 2>&1 | head -1
  two.jpg: ✘ malformed — C2PA manifest present but unreadable: TooManyManifestStores
