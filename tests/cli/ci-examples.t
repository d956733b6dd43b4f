The CI examples in docs/ci/ parse as YAML, say what docs/ci/README.md promises, and the
`hallmark check` command in each runs as written against a tree with the layout they expect.

  $ CI=$TESTDIR/../../docs/ci
  $ for py in /usr/bin/python3 python3; do "$py" -c 'import yaml' 2>/dev/null && break; done
  $ cat > steps.py <<'PY'
  > import sys, yaml
  > kind, path = sys.argv[1], sys.argv[2]
  > doc = yaml.safe_load(open(path))
  > if kind == "github":
  >     on = doc.get("on", doc.get(True))  # YAML 1.1 reads the key "on" as true
  >     print("triggers:", " ".join(sorted(on)))
  >     print("permissions:", doc["permissions"])
  >     steps = doc["jobs"]["hallmark-check"]["steps"]
  >     check = [s["run"] for s in steps if "hallmark check" in s.get("run", "")]
  >     upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
  >     print("upload:", upload[0]["with"]["sarif_file"], "if", upload[0]["if"])
  > else:
  >     job = doc["hallmark-check"]
  >     check = [line for line in job["script"] if "hallmark check" in line]
  >     print("artifacts:", job["artifacts"]["when"], job["artifacts"]["reports"])
  > open("check.sh", "w").write(check[0] + "\n")
  > print("check:", check[0])
  > PY
  $ $py steps.py github "$CI/github-actions.yml"
  triggers: pull_request push
  permissions: {'contents': 'read', 'security-events': 'write'}
  upload: hallmark.sarif if success() || failure()
  check: hallmark check media --policy .hallmark/policy.toml --trust .hallmark/trust --format sarif --output hallmark.sarif
  $ cp check.sh github-check.sh
  $ $py steps.py gitlab "$CI/gitlab-ci.yml"
  artifacts: always {'junit': 'hallmark-junit.xml'}
  check: hallmark check media --policy .hallmark/policy.toml --trust .hallmark/trust --format junit --output hallmark-junit.xml
  $ cp check.sh gitlab-check.sh

A repository as the examples expect it: the trust store and the policy under .hallmark/, and
media with a signed photo, a tampered picture, an unsigned video and a text file.

  $ hallmark key new --name alice --unencrypted --out keys > /dev/null
  $ mkdir .hallmark && hallmark trust --trust .hallmark/trust add keys/alice.pub > /dev/null
  $ printf '[defaults]\nrequire_signer = alice\n' > .hallmark/policy.toml
  $ mkdir -p media/video && echo notes > media/notes.txt
  $ cp "$SAMPLES/photo.jpg" media/harbour.jpg && cp "$SAMPLES/image.png" media/pier.png
  $ cp "$SAMPLES/clip.mp4" media/video/raw.mp4
  $ hallmark sign media/harbour.jpg media/pier.png --key keys/alice.key > /dev/null
  $ printf 'X' | dd of=media/pier.png bs=1 seek=200 conv=notrunc status=none

GitHub: the check fails the job (exit 1) and writes SARIF with one result per problem.

  $ bash github-check.sh
  [1]
  $ $py -c 'import json; d = json.load(open("hallmark.sarif")); print(d["version"]); [print(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in d["runs"][0]["results"]]'
  2.1.0
  tampered media/pier.png
  unsigned media/video/raw.mp4

GitLab: the same failure, as a JUnit report with one test case per file.

  $ bash gitlab-check.sh
  [1]
  $ xmllint --xpath 'concat(//testsuite/@tests, " tests, ", //testsuite/@failures, " failures, ", //testsuite/@skipped, " skipped")' hallmark-junit.xml
  4 tests, 2 failures, 1 skipped
  $ xmllint --xpath '//testcase[failure]/@name' hallmark-junit.xml | tr ' ' '\n' | grep .
  name="media/pier.png"
  name="media/video/raw.mp4"

Once the media is fixed, both pass.

  $ cp "$SAMPLES/image.png" media/pier.png
  $ hallmark sign media/video/raw.mp4 --key keys/alice.key > /dev/null
  $ bash github-check.sh && bash gitlab-check.sh && echo passed
  passed
