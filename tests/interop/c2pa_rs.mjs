// The reference verdict: c2pa-rs 0.15 (WASM build) on one file, printed as JSON in the shape
// of hallmark's tests/tools/c2pa_dump. node c2pa_rs.mjs FILE [TRUST.pem]
import { readFileSync } from 'node:fs';
import { initSync, WasmReader } from '@contentauth/c2pa-wasm';

initSync({
  module: readFileSync(new URL('./node_modules/@contentauth/c2pa-wasm/pkg/c2pa_bg.wasm', import.meta.url)),
});
const [file, trust] = process.argv.slice(2);
const ext = file.split('.').pop().toLowerCase();
const mime = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', mp4: 'video/mp4' }[ext];
const context = { verify: { verify_trust: true } };
if (trust) context.trust = { trust_anchors: readFileSync(trust, 'utf8') };
try {
  const reader = await WasmReader.fromBytes(mime, new Uint8Array(readFileSync(file)), JSON.stringify(context));
  const store = JSON.parse(reader.json());
  const vr = store.validation_results || {};
  const am = vr.activeManifest || { success: [], informational: [], failure: [] };
  console.log(JSON.stringify({
    manifest_present: true,
    validation_state: store.validation_state,
    active_manifest: store.active_manifest,
    active: am,
    ingredient_deltas: vr.ingredientDeltas || [],
  }));
} catch (e) {
  console.log(JSON.stringify({ manifest_present: false, validation_state: null, reader_error: String(e) }));
}
