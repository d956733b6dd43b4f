// The same measurement for c2pa-rs 0.15 (WASM, in node): validation time of one asset and the
// process's peak RSS. node c2pa_rs_bench.mjs FILE [TRUST.pem] [REPEAT]
// Uses the interop test's pinned install (tests/interop/node_modules).
import { readFileSync } from 'node:fs';
import { resourceUsage } from 'node:process';

const modules = new URL('../tests/interop/node_modules/@contentauth/c2pa-wasm/', import.meta.url);
const { initSync, WasmReader } = await import(new URL('pkg/c2pa.js', modules));
initSync({ module: readFileSync(new URL('pkg/c2pa_bg.wasm', modules)) });

const [file, trust, repeatArg] = process.argv.slice(2);
const repeat = Number(repeatArg || 5);
const mime = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', mp4: 'video/mp4' }[
  file.split('.').pop().toLowerCase()
];
const context = { verify: { verify_trust: true } };
if (trust) context.trust = { trust_anchors: readFileSync(trust, 'utf8') };
const times = [];
let state = '';
for (let i = 0; i < repeat; i++) {
  const t0 = process.hrtime.bigint();
  // c2pa-rs's WASM reader takes the asset as one byte array; reading it is part of the job.
  const bytes = new Uint8Array(readFileSync(file));
  const reader = await WasmReader.fromBytes(mime, bytes, JSON.stringify(context));
  state = JSON.parse(reader.json()).validation_state;
  reader.free();
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
console.log(
  `c2pa-rs ${file} state=${state} median_ms=${times[times.length >> 1].toFixed(2)} ` +
    `min_ms=${times[0].toFixed(2)} peak_rss_kib=${resourceUsage().maxRSS}`,
);
