// Signs a JPEG or PNG with @trustnxt/c2pa-ts (an independent C2PA implementation), for the
// interop test. ES256 signatures are produced in IEEE P1363 form (r||s), as COSE requires;
// c2pa-ts's own LocalSigner emits DER, which c2pa-rs rejects.
//
// node sign.mjs --alg ed25519|es256 --key KEY.pem --cert EE.pem --in IN --out OUT
//               [--parent PARENT] [--source-type trainedAlgorithmicMedia]
// MP4 files get a c2pa.hash.bmff.v2 binding (used by bench/c2pa_compare.sh).
import { createHash, createPrivateKey, sign as nodeSign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { X509Certificate } from '@peculiar/x509';
import { BMFF, JPEG, PNG } from '@trustnxt/c2pa-ts/asset';
import { SuperBox } from '@trustnxt/c2pa-ts/jumbf';
import {
  ActionAssertion,
  BMFFHashAssertion,
  ClaimVersion,
  DataHashAssertion,
  IngredientAssertion,
  ManifestStore,
  RelationshipType,
} from '@trustnxt/c2pa-ts/manifest';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];

const pemKey = createPrivateKey(readFileSync(args.key));
const cert = new X509Certificate(readFileSync(args.cert, 'utf8'));
const signer = {
  certificate: cert,
  chainCertificates: [],
  algorithm: args.alg === 'es256' ? -7 : -8,
  async sign(payload) {
    if (args.alg === 'es256') {
      return new Uint8Array(nodeSign('sha256', payload, { key: pemKey, dsaEncoding: 'ieee-p1363' }));
    }
    return new Uint8Array(nodeSign(null, payload, pemKey));
  },
};

function openAsset(buf) {
  if (JPEG.canRead(buf)) return [new JPEG(buf), 'image/jpeg'];
  if (PNG.canRead(buf)) return [new PNG(buf), 'image/png'];
  if (BMFF.canRead(buf)) return [new BMFF(buf), 'video/mp4'];
  throw new Error('not a JPEG or PNG: ' + args.in);
}

// The superbox of manifest `label` inside a JUMBF manifest store, as raw bytes.
function manifestBox(store, label) {
  const be32 = (b, o) => b.readUInt32BE(o);
  let pos = 8 + be32(store, 8);  // after the store header and its jumd box
  while (pos < store.length) {
    const size = be32(store, pos);
    const box = store.subarray(pos, pos + size);
    const jumdLen = be32(box, 8);
    const jumd = box.subarray(16, 8 + jumdLen);
    const end = jumd.indexOf(0, 17);
    if (jumd.subarray(17, end).toString() === label) return box;
    pos += size;
  }
  throw new Error('manifest not found: ' + label);
}
function childBox(box, label) {
  const be32 = (b, o) => b.readUInt32BE(o);
  let pos = 8 + be32(box, 8);
  while (pos < box.length) {
    const size = be32(box, pos);
    const child = box.subarray(pos, pos + size);
    if (child.subarray(4, 8).toString() === 'jumb') {
      const jumd = child.subarray(16, 8 + be32(child, 8));
      if (jumd.subarray(17, jumd.indexOf(0, 17)).toString() === label) return child;
    }
    pos += size;
  }
  throw new Error('box not found: ' + label);
}
const sha256 = (b) => new Uint8Array(createHash('sha256').update(b).digest());

const [asset, format] = openAsset(readFileSync(args.in));
let store = new ManifestStore();
let parentLabel;
let parentStore;
if (args.parent) {
  const [parentAsset] = openAsset(readFileSync(args.parent));
  parentStore = Buffer.from(parentAsset.getManifestJUMBF());
  store = ManifestStore.read(SuperBox.fromBuffer(parentStore));
  parentLabel = store.getActiveManifest().label;
}
const manifest = store.createManifest({
  claimVersion: ClaimVersion.V2,
  assetFormat: format,
  instanceID: 'xmp:iid:' + crypto.randomUUID(),
  defaultHashAlgorithm: 'SHA-256',
  signer,
});

const actions = new ActionAssertion();
actions.label = 'c2pa.actions.v2';
const agent = { name: 'hallmark-interop', version: '1.0' };
if (args.parent) {
  const parentBox = manifestBox(parentStore, parentLabel);
  const ingredient = IngredientAssertion.createV3(RelationshipType.ParentOf);
  ingredient.title = 'parent' + (format === 'image/png' ? '.png' : '.jpg');
  ingredient.format = format;
  ingredient.instanceID = 'xmp:iid:' + crypto.randomUUID();
  ingredient.activeManifest = {
    uri: 'self#jumbf=/c2pa/' + parentLabel,
    algorithm: 'SHA-256',
    hash: sha256(parentBox.subarray(8)),
  };
  ingredient.claimSignature = {
    uri: 'self#jumbf=/c2pa/' + parentLabel + '/c2pa.signature',
    algorithm: 'SHA-256',
    hash: sha256(childBox(parentBox, 'c2pa.signature').subarray(8)),
  };
  ingredient.validationResults = { activeManifest: { success: [], informational: [], failure: [] } };
  manifest.addAssertion(ingredient);
  actions.actions = [
    {
      action: 'c2pa.opened',
      softwareAgent: agent,
      parameters: { ingredients: [manifest.createAssertionReference(ingredient)] },
    },
  ];
} else {
  const source = args['source-type'] || 'digitalCapture';
  actions.actions = [
    {
      action: 'c2pa.created',
      softwareAgent: agent,
      digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/' + source,
    },
  ];
}
manifest.addAssertion(actions);
const dataHash = format === 'video/mp4'
  ? BMFFHashAssertion.createV2('jumbf manifest', 'SHA-256')
  : DataHashAssertion.create('SHA-256');
manifest.addAssertion(dataHash);

await asset.ensureManifestSpace(store.measureSize());
await dataHash.updateWithAsset(asset);
await manifest.sign(signer);
await asset.writeManifestJUMBF(store.getBytes());
writeFileSync(args.out, await asset.getDataRange());
