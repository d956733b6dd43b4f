// The reference verdict: c2pa-rs 0.15 (WASM build) on one file, printed as JSON in the shape
// of hallmark's tests/tools/c2pa_dump.
//   node c2pa_rs.mjs FILE [TRUST.pem]       the verdict on stdout
//   node c2pa_rs.mjs --batch JOBS           JOBS has one line per file, "FILE<TAB>TRUST<TAB>OUT"
//                                           (TRUST may be empty): each verdict into OUT, with
//                                           one start of the WASM module for all of them
import { readFileSync, writeFileSync } from 'node:fs';
import { initSync, WasmReader } from '@contentauth/c2pa-wasm';

initSync({
  module: readFileSync(new URL('./node_modules/@contentauth/c2pa-wasm/pkg/c2pa_bg.wasm', import.meta.url)),
});

async function verdict(file, trust) {
  const ext = file.split('.').pop().toLowerCase();
  const mime = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', mp4: 'video/mp4' }[ext];
  const context = { verify: { verify_trust: true } };
  if (trust) context.trust = { trust_anchors: readFileSync(trust, 'utf8') };
  try {
    const reader = await WasmReader.fromBytes(mime, new Uint8Array(readFileSync(file)), JSON.stringify(context));
    const store = JSON.parse(reader.json());
    const vr = store.validation_results || {};
    const am = vr.activeManifest || { success: [], informational: [], failure: [] };
    return {
      manifest_present: true,
      validation_state: store.validation_state,
      active_manifest: store.active_manifest,
      active: am,
      ingredient_deltas: vr.ingredientDeltas || [],
    };
  } catch (e) {
    return { manifest_present: false, validation_state: null, reader_error: String(e) };
  }
}

const args = process.argv.slice(2);
if (args[0] === '--batch') {
  for (const line of readFileSync(args[1], 'utf8').split('\n').filter((l) => l)) {
    const [file, trust, out] = line.split('\t');
    writeFileSync(out, JSON.stringify(await verdict(file, trust)) + '\n');
  }
} else {
  console.log(JSON.stringify(await verdict(args[0], args[1])));
}
