// Signs a JPEG or PNG with c2pa-rs's own Builder (the WASM build), for what c2pa-ts cannot
// make: box-hash bindings (c2pa.hash.boxes) and redactions. The claim is signed here, with
// node's crypto, into a COSE_Sign1 carrying the certificate (the WASM signer hands over the
// claim bytes and takes the whole COSE structure back).
//
// node sign_c2pa_rs.mjs --alg ed25519|es256 --key KEY.pem --cert EE.pem --in IN --out OUT
//   [--box-hash each|minimal]   a c2pa.hash.boxes binding: one entry per box, or c2pa-rs's
//                               minimal form (the boxes before the store, the store, the rest)
//   [--box-edit unknown|excluded|empty-exclusions]   then spoil it on purpose
//   [--assertion LABEL]         add a user assertion LABEL (something a later signer may redact)
//   [--parent FILE [--redact LABEL] [--relationship R] [--parent2 FILE]]   FILE as an
//                               ingredient (parentOf unless R says otherwise); redact assertion
//                               LABEL of its active manifest; FILE2 as a second parentOf
//   [--actions JSON]            these actions instead of c2pa.created / c2pa.opened (PARENT in
//                               them: the parent's manifest URI)
//
// Box maps follow c2pa-rs (sdk/src/asset_handlers/{jpeg,png}_io.rs, get_box_map): JPEG
// segments by marker name, a scan with its entropy-coded data, the APP11 JUMBF segments of the
// store as one box "C2PA"; PNG "PNGh" for the signature, then chunks by type, caBX as "C2PA".
import { createHash, createPrivateKey, sign as nodeSign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const pkg = new URL('./node_modules/@contentauth/c2pa-wasm/pkg/', import.meta.url);
const { initSync, WasmBuilder, WasmReader } = await import(new URL('c2pa.js', pkg));
initSync({ module: readFileSync(new URL('c2pa_bg.wasm', pkg)) });

// The WASM Builder reads its source through the browser's FileReaderSync; node has none, so
// give it a Blob-like object over a Buffer and a FileReaderSync that reads such objects.
class BufferBlob {
  constructor(buf) { this.buf = buf; this.size = buf.length; }
  slice(a, b) { return new BufferBlob(this.buf.subarray(a ?? 0, b ?? this.buf.length)); }
}
globalThis.FileReaderSync = class {
  readAsArrayBuffer(blob) { return new Uint8Array(blob.buf).buffer; }
};

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];
const input = readFileSync(args.in);
const mime = input[0] === 0x89 ? 'image/png' : 'image/jpeg';

// --- COSE_Sign1 over the claim (RFC 9052), x5chain (33) in the protected header.
function head(major, n) {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 256) return Buffer.from([(major << 5) | 24, n]);
  if (n < 65536) { const b = Buffer.alloc(3); b[0] = (major << 5) | 25; b.writeUInt16BE(n, 1); return b; }
  const b = Buffer.alloc(5); b[0] = (major << 5) | 26; b.writeUInt32BE(n, 1); return b;
}
const bstr = (b) => Buffer.concat([head(2, b.length), Buffer.from(b)]);
const tstr = (s) => Buffer.concat([head(3, Buffer.byteLength(s)), Buffer.from(s)]);
const int = (n) => (n >= 0 ? head(0, n) : head(1, -1 - n));
// The certificate's DER as the PEM holds it, unparsed: the interop test also signs with
// certificates that OpenSSL (and so node's X509Certificate) refuses to decode.
const cert = Buffer.from(readFileSync(args.cert, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64');
const key = createPrivateKey(readFileSync(args.key));
const coseAlg = args.alg === 'es256' ? -7 : -8;
function coseSign1(claim) {
  const prot = Buffer.concat([head(5, 2), int(1), int(coseAlg), int(33), bstr(cert)]);
  const tbs = Buffer.concat([head(4, 4), tstr('Signature1'), bstr(prot), bstr(Buffer.alloc(0)), bstr(claim)]);
  const sig = args.alg === 'es256'
    ? nodeSign('sha256', tbs, { key, dsaEncoding: 'ieee-p1363' })
    : nodeSign(null, tbs, key);
  // Exactly kReserve bytes, as the space c2pa-rs set aside for the signature: the data hash
  // it wrote before signing excludes the store at that size.
  const encode = (padLen) => Buffer.concat([Buffer.from([0xd2]), head(4, 4), bstr(prot),
    head(5, 1), tstr('pad'), bstr(Buffer.alloc(padLen)), Buffer.from([0xf6]), bstr(sig)]);
  let padLen = kReserve - encode(0).length;
  while (padLen > 0 && encode(padLen).length > kReserve) padLen--;
  const out = encode(padLen);
  if (out.length !== kReserve) throw new Error(`COSE_Sign1 of ${out.length} bytes, not ${kReserve}`);
  return new Uint8Array(out);
}
const kReserve = 12000;
const signer = { alg: args.alg, reserveSize: kReserve, sign: async (claim) => coseSign1(claim) };

// --- Box maps, as c2pa-rs computes them: [{name, start, length}].
const JPEG_NAMES = {
  0xfe: 'COM', 0xc4: 'DHT', 0xdb: 'DQT', 0xdd: 'DRI', 0xd9: 'EOI', 0xc0: 'SOF0', 0xc1: 'SOF1',
  0xc2: 'SOF2', 0xd8: 'SOI', 0xda: 'SOS',
};
for (let i = 0; i < 16; i++) JPEG_NAMES[0xe0 + i] = 'APP' + i;
function jpegBoxes(b) {
  const out = [];
  let pos = 2;
  out.push({ name: 'SOI', start: 0, length: 2 });
  let c2paEn = null;
  while (pos + 2 <= b.length && b[pos] === 0xff) {
    const marker = b[pos + 1];
    if (marker === 0xd9) { out.push({ name: 'EOI', start: pos, length: 2 }); break; }
    if (pos + 4 > b.length) break;
    const len = b.readUInt16BE(pos + 2);
    const data = b.subarray(pos + 4, pos + 2 + len);
    let length = len + 2;
    if (marker === 0xda) {  // the scan runs to the first marker that is not RSTn or a stuffed 0
      let p = pos + length;
      while (p < b.length && !(b[p] === 0xff && b[p + 1] !== 0 && !(b[p + 1] >= 0xd0 && b[p + 1] <= 0xd7))) p++;
      length = p - pos;
    }
    if (marker === 0xeb) {
      if (data.length > 16) {
        const en = data.subarray(2, 4).toString('hex');
        if (c2paEn === en) {
          out.find((x) => x.name === 'C2PA').length += data.length + 4;
        } else if (data.subarray(24, 28).toString() === 'c2pa') {
          c2paEn = en;
          out.push({ name: 'C2PA', start: pos, length: data.length + 4 });
        } else {
          out.push({ name: 'APP11', start: pos, length });
        }
      }
    } else {
      out.push({ name: JPEG_NAMES[marker] ?? 'UNKNOWN', start: pos, length });
    }
    pos += length;
  }
  return out;
}
function pngBoxes(b) {
  const out = [{ name: 'PNGh', start: 0, length: 8 }];
  for (let pos = 8; pos + 12 <= b.length;) {
    const len = b.readUInt32BE(pos);
    const type = b.subarray(pos + 4, pos + 8).toString('latin1');
    out.push({ name: type === 'caBX' ? 'C2PA' : type, start: pos, length: len + 12 });
    pos += len + 12;
    if (type === 'IEND') break;
  }
  return out;
}
const boxesOf = (b) => (mime === 'image/png' ? pngBoxes(b) : jpegBoxes(b));
const sha256 = (b) => Array.from(createHash('sha256').update(b).digest());

function boxHash(signed) {
  const boxes = boxesOf(signed);
  const entry = (group) => {
    const start = group[0].start;
    const end = group[group.length - 1].start + group[group.length - 1].length;
    const c2pa = group[0].name === 'C2PA';
    return { names: group.map((x) => x.name), alg: 'sha256',
      hash: c2pa ? [0] : sha256(signed.subarray(start, end)), pad: [] };
  };
  let entries;
  if (args['box-hash'] === 'minimal') {
    const at = boxes.findIndex((x) => x.name === 'C2PA');
    entries = [boxes.slice(0, at), boxes.slice(at, at + 1), boxes.slice(at + 1)]
      .filter((g) => g.length > 0).map(entry);
  } else {
    entries = boxes.map((x) => entry([x]));
  }
  const edit = args['box-edit'];
  const victim = entries.find((e) => e.names[0] !== 'C2PA' && e.names[0] !== 'SOI' && e.names[0] !== 'PNGh');
  if (edit === 'unknown') victim.names[0] = 'APP9';
  if (edit === 'excluded') { victim.excluded = true; victim.hash = [0]; }
  if (edit === 'empty-exclusions') victim.exclusions = [];
  if (edit === 'exclusion') victim.exclusions = [{ start: 4, length: 2 }];
  return { boxes: entries };
}

// --- The manifest.
async function activeLabel(file) {
  const fm = file.endsWith('.png') ? 'image/png' : 'image/jpeg';
  const r = await WasmReader.fromBytes(fm, new Uint8Array(readFileSync(file)), '{}');
  return JSON.parse(r.json()).active_manifest;
}
async function build(boxes) {
  const def = {
    claim_version: 2,
    claim_generator_info: [{ name: 'hallmark-interop', version: '1.0' }],
    title: args.out.split('/').pop(),
    format: mime,
  };
  // No check after signing: the test's anchors are not c2pa-rs's, and the verdict is the
  // reader's to give.
  const b = WasmBuilder.fromJson(JSON.stringify(def),
    JSON.stringify({ verify: { verify_after_sign: false } }));
  // In --actions, PARENT stands for the parent's active manifest, as a JUMBF URI.
  const parentUri = args.parent ? `self#jumbf=/c2pa/${await activeLabel(args.parent)}` : '';
  const actions = args.actions ? JSON.parse(args.actions.replaceAll('PARENT', parentUri)) : [args.parent
    ? { action: 'c2pa.opened', parameters: { ingredientIds: ['parent'] } }
    : { action: 'c2pa.created',
        digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture' }];
  for (const a of actions) b.addAction(a);
  if (args.assertion) b.addAssertion(args.assertion, { note: 'a detail a later signer may redact' });
  if (args.parent) {
    const parent = readFileSync(args.parent);
    const fm = args.parent.endsWith('.png') ? 'image/png' : 'image/jpeg';
    await b.addIngredientFromBlob(JSON.stringify({ title: 'parent', label: 'parent',
      relationship: args.relationship ?? 'parentOf' }), fm, new BufferBlob(parent));
    if (args.parent2) {
      await b.addIngredientFromBlob(JSON.stringify({ title: 'parent2', label: 'parent2',
        relationship: 'parentOf' }), fm, new BufferBlob(readFileSync(args.parent2)));
    }
    if (args.redact) {
      const label = await activeLabel(args.parent);
      b.addRedaction(`self#jumbf=/c2pa/${label}/c2pa.assertions/${args.redact}`, 'c2pa.PII.present');
    }
  }
  if (boxes) b.addAssertion('c2pa.hash.boxes', boxes);
  return Buffer.from(await b.sign(signer, [], mime, new BufferBlob(input)));
}

let out;
if (args['box-hash']) {
  // Twice: the first signing places the store, so the box map of the result is known; the
  // second signs the hashes of those boxes (the same boxes with the same bytes: only the
  // store, and so the offsets, differ).
  const first = await build({ boxes: [{ names: ['SOI'], alg: 'sha256', hash: [0], pad: [] }] });
  out = await build(boxHash(first));
  const a = boxesOf(first).map((x) => x.name).join(' ');
  const b = boxesOf(out).map((x) => x.name).join(' ');
  if (a !== b) throw new Error(`the box layout moved between signings:\n${a}\n${b}`);
} else {
  out = await build(null);
}
writeFileSync(args.out, out);
