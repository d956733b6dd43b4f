// Validates SARIF files against the SARIF 2.1.0 (rtm.5) JSON schema with ajv: exit 0 if all
// are valid, 1 with the errors otherwise.   node validate-sarif.mjs FILE...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const schema = JSON.parse(
  readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
// The schema has a pattern ("[a-zA-Z]{2}]?") that is only valid without the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
let failed = 0;
for (const file of process.argv.slice(2)) {
  const ok = validate(JSON.parse(readFileSync(file, "utf8")));
  if (ok) {
    console.log(`${file}: valid SARIF 2.1.0`);
  } else {
    failed++;
    console.log(`${file}: INVALID`);
    for (const e of validate.errors) {
      console.log(`  ${e.instancePath || "/"} ${e.message}`);
    }
  }
}
process.exit(failed ? 1 : 0);
