#!/usr/bin/env python3
"""Mutations of C2PA files for the interop test: each makes one change a validator must not
overlook, so that hallmark and c2pa-rs can be asked for their verdicts on it.

  mutate.py label IN OUT [--manifest active|first] [--how hex|scheme]
      edit the label in the JUMBF description box of a manifest (the active one: the last),
      in place, same length; the claim's signature reference still names the old label.
      hex: one hex digit of the UUID (still a well-formed label); scheme: "urn:c2pa:" becomes
      "urn:c2pz:" (no longer one).
  mutate.py app11 IN OUT OP    OP on the C2PA APP11 segments of a JPEG (1-based):
      dup:K (a second copy right after K), drop:K, swap:I:J; second (a copy of the store
      under another box instance, after it), late (the same, after the image data)
  mutate.py png-second IN OUT  a copy of the caBX chunk of a PNG right after it
  mutate.py mp4-second IN OUT [--where after|end] [--purpose P]   a copy of the C2PA 'uuid'
      box of an MP4 right after it or at the end of the file (its purpose P instead)
  mutate.py sig IN OUT         flip one bit of the COSE signature of the active manifest
  mutate.py recert CERT CAKEY OUT [--days-ago A:B] [--cn-bytes HEX [--issuer-too]]
      [--break-signature]
      a copy of the PEM certificate CERT with other validity (from A to B days ago) or another
      subject CN (raw bytes, as long as the old one; the issuer's too), signed again with CAKEY (Ed25519, or
      EC/RSA with SHA-256); with --break-signature, one bit of that signature flipped

PNG files get their chunk CRC fixed after an edit inside caBX, so only the store changes.
"""
import base64
import binascii
import datetime
import struct
import subprocess
import sys
import tempfile

C2MA = bytes.fromhex('63326d61' '00110010800000aa00389b71')
C2UM = bytes.fromhex('6332756d' '00110010800000aa00389b71')
C2CS = bytes.fromhex('63326373' '00110010800000aa00389b71')
BMFF_C2PA = bytes.fromhex('d8fec3d61b0e483c92975828877ec481')


def fix_png_crcs(data):
    """Recomputes the CRC of every PNG chunk (only the edited one changes)."""
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        return data
    pos = 8
    while pos + 12 <= len(data):
        n = struct.unpack('>I', data[pos:pos + 4])[0]
        end = pos + 8 + n
        data[end:end + 4] = struct.pack('>I', binascii.crc32(data[pos + 4:end]) & 0xffffffff)
        pos = end + 4
    return data


def manifest_labels(data):
    """(offset of the label, label) of every manifest description box, in file order."""
    out = []
    for uuid in (C2MA, C2UM):
        at = data.find(uuid)
        while at >= 0:
            if data[at - 4:at] == b'jumd':
                start = at + 17  # UUID, toggles
                end = data.index(b'\0', start)
                out.append((start, bytes(data[start:end])))
            at = data.find(uuid, at + 1)
    return sorted(out)


def label(args):
    src, dst = args[0], args[1]
    which = opt(args, '--manifest', 'active')
    how = opt(args, '--how', 'hex')
    data = bytearray(open(src, 'rb').read())
    labels = manifest_labels(data)
    if not labels:
        sys.exit(f'mutate: {src}: no manifest label found')
    at, old = labels[-1] if which == 'active' else labels[0]
    if how == 'scheme':
        i = old.find(b'urn:c2pa:')
        if i < 0:
            i = old.find(b'urn:uuid:')
        if i < 0:
            sys.exit(f'mutate: {src}: label {old!r} is not a urn')
        data[at + i + 7] ^= 0x19 if old[i + 7:i + 8] == b'a' else 0x01  # c2pa -> c2px, uuid -> uuih
    else:
        # The last hex digit of the label's UUID: 0-9a-f stays 0-9a-f.
        i = max(j for j, c in enumerate(old) if chr(c) in '0123456789abcdef')
        c = chr(old[i])
        data[at + i] = ord('0123456789abcdef'[('0123456789abcdef'.index(c) + 1) % 16])
    open(dst, 'wb').write(fix_png_crcs(data))


def jpeg_segments(data):
    """(start, end, marker) of the segments before the first scan."""
    segs = []
    pos = 2
    while pos + 4 <= len(data) and data[pos] == 0xff:
        marker = data[pos + 1]
        if marker in (0xd9, 0xda):
            break
        n = struct.unpack('>H', data[pos + 2:pos + 4])[0]
        segs.append((pos, pos + 2 + n, marker))
        pos += 2 + n
    return segs


def app11(args):
    src, dst, op = args[0], args[1], args[2]
    data = open(src, 'rb').read()
    segs = jpeg_segments(data)
    c2pa = []  # indexes into segs of the store's segments, in file order
    en = None
    for i, (s, e, m) in enumerate(segs):
        p = data[s + 4:e]
        if m != 0xeb or p[:2] != b'JP' or len(p) < 16:
            continue
        if en is None and p[24:28] == b'c2pa':
            en = p[2:4]
            c2pa.append(i)
        elif en is not None and p[2:4] == en:
            c2pa.append(i)
    if not c2pa:
        sys.exit(f'mutate: {src}: no C2PA APP11 segment')
    parts = [data[s:e] for s, e, _ in segs]
    kind, *nums = op.split(':')
    ks = [c2pa[int(n) - 1] for n in nums]
    if kind == 'dup':
        parts.insert(ks[0] + 1, parts[ks[0]])
    elif kind == 'drop':
        del parts[ks[0]]
    elif kind == 'swap':
        parts[ks[0]], parts[ks[1]] = parts[ks[1]], parts[ks[0]]
    elif kind in ('second', 'late'):
        # A second store: a copy of every segment of the first under another box instance
        # (En), right after the first, or after the image data just before EOI.
        copy = b''
        for i in c2pa:
            seg = bytearray(parts[i])
            seg[6] ^= 0x01
            copy += bytes(seg)
        if kind == 'second':
            parts.insert(c2pa[-1] + 1, copy)
        else:
            if not data.endswith(b'\xff\xd9'):
                sys.exit(f'mutate: {src}: does not end with EOI')
            head_end = segs[-1][1]
            open(dst, 'wb').write(data[:2] + b''.join(parts) + data[head_end:-2] + copy +
                                  b'\xff\xd9')
            return
    else:
        sys.exit(f'mutate: unknown app11 op {op}')
    head_end = segs[-1][1]
    open(dst, 'wb').write(data[:2] + b''.join(parts) + data[head_end:])


def mp4_second(args):
    src, dst = args[0], args[1]
    where = opt(args, '--where', 'after')
    data = open(src, 'rb').read()
    pos = 0
    while pos + 8 <= len(data):
        size, kind = struct.unpack('>I4s', data[pos:pos + 8])
        if size == 1:
            size = struct.unpack('>Q', data[pos + 8:pos + 16])[0]
        elif size == 0:
            size = len(data) - pos
        if kind == b'uuid' and BMFF_C2PA in data[pos + 8:pos + 24]:
            box = data[pos:pos + size]
            purpose = opt(args, '--purpose', '')
            if purpose:  # the copy says "update" or "original" instead of "manifest"
                at = box.index(b'\0', 28)
                box = box[:28] + purpose.encode() + box[at:]
                box = struct.pack('>I', len(box)) + box[4:]
            out = data[:pos + size] + box + data[pos + size:] if where == 'after' else data + box
            open(dst, 'wb').write(out)
            return
        pos += size
    sys.exit(f'mutate: {src}: no C2PA uuid box')


def png_second(args):
    src, dst = args[0], args[1]
    data = open(src, 'rb').read()
    pos = 8
    while pos + 12 <= len(data):
        n = struct.unpack('>I', data[pos:pos + 4])[0]
        if data[pos + 4:pos + 8] == b'caBX':
            chunk = data[pos:pos + n + 12]
            open(dst, 'wb').write(data[:pos + n + 12] + chunk + data[pos + n + 12:])
            return
        pos += n + 12
    sys.exit(f'mutate: {src}: no caBX chunk')


def sig(args):
    src, dst = args[0], args[1]
    data = bytearray(open(src, 'rb').read())
    at = data.rfind(C2CS)  # the active manifest's signature box comes last
    if at < 0:
        sys.exit(f'mutate: {src}: no signature box')
    # The signature box's 'cbor' box holds COSE_Sign1_Tagged = 18([protected, unprotected,
    # nil, signature]): skip to the fourth item and flip a bit in its middle.
    jumd_len = struct.unpack('>I', data[at - 8:at - 4])[0]
    pos = at - 8 + jumd_len + 8
    if data[pos:pos + 2] != b'\xd2\x84':
        sys.exit(f'mutate: {src}: the signature is not a COSE_Sign1_Tagged')
    pos += 2
    for _ in range(3):
        pos = cbor_skip(data, pos)
    start, n = cbor_head(data, pos)[1:]
    data[start + n // 2] ^= 0x01
    open(dst, 'wb').write(fix_png_crcs(data))


def cbor_head(b, pos):
    """(major type, offset of the content, argument) of the CBOR item at pos."""
    major, info = b[pos] >> 5, b[pos] & 0x1f
    if info < 24:
        return major, pos + 1, info
    k = 1 << (info - 24)
    return major, pos + 1 + k, int.from_bytes(b[pos + 1:pos + 1 + k], 'big')


def cbor_skip(b, pos):
    """The offset after the (definite-length) CBOR item at pos."""
    major, start, arg = cbor_head(b, pos)
    if major in (2, 3):
        return start + arg
    if major in (4, 5):
        for _ in range(arg * (2 if major == 5 else 1)):
            start = cbor_skip(b, start)
        return start
    if major == 6:
        return cbor_skip(b, start)
    return start


# --- DER, just enough to re-sign a certificate.
def der_item(b, pos):
    """(tag, header length, content length) of the DER item at pos."""
    tag = b[pos]
    n = b[pos + 1]
    if n < 0x80:
        return tag, 2, n
    k = n & 0x7f
    return tag, 2 + k, int.from_bytes(b[pos + 2:pos + 2 + k], 'big')


def der_children(b, pos):
    tag, h, n = der_item(b, pos)
    out = []
    p = pos + h
    while p < pos + h + n:
        t, hh, nn = der_item(b, p)
        out.append((p, hh, nn))
        p += hh + nn
    return out


def der_wrap(tag, content):
    n = len(content)
    if n < 0x80:
        return bytes([tag, n]) + content
    k = (n.bit_length() + 7) // 8
    return bytes([tag, 0x80 | k]) + n.to_bytes(k, 'big') + content


def utc(days_ago):
    t = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days_ago)
    return t.strftime('%y%m%d%H%M%SZ').encode()


def recert(args):
    cert_path, key_path, dst = args[0], args[1], args[2]
    raw = open(cert_path, 'rb').read()
    if raw.startswith(b'-----'):
        raw = base64.b64decode(b''.join(l for l in raw.splitlines() if not l.startswith(b'-----')))
    cert = bytearray(raw)
    tbs_pos, tbs_h, tbs_n = der_children(cert, 0)[0]
    fields = der_children(cert, tbs_pos)
    if cert[fields[0][0]] == 0xa0:  # [0] version
        fields = fields[1:]
    validity, subject = fields[3], fields[4]
    if '--days-ago' in args:
        a, b = (int(x) for x in opt(args, '--days-ago', '').split(':'))
        nb, na = der_children(cert, validity[0])
        for (p, h, n), when in ((nb, utc(a)), (na, utc(b))):
            if cert[p] != 0x17 or n != 13:
                sys.exit('mutate: recert: validity is not UTCTime')
            cert[p + h:p + h + n] = when
    if '--cn-bytes' in args:
        new = bytes.fromhex(opt(args, '--cn-bytes', ''))
        # The CN value of the subject (and with --issuer-too, of the issuer): the string after
        # OID 2.5.4.3 (06 03 55 04 03).
        for name in [subject] + ([fields[2]] if '--issuer-too' in args else []):
            s = bytes(cert[name[0]:name[0] + name[1] + name[2]])
            i = s.find(b'\x06\x03\x55\x04\x03')
            if i < 0:
                sys.exit('mutate: recert: no CN')
            p = name[0] + i + 5
            t, h, n = der_item(cert, p)
            if n != len(new):
                sys.exit(f'mutate: recert: the CN has {n} bytes, not {len(new)}')
            cert[p] = 0x0c  # UTF8String
            cert[p + h:p + h + n] = new
    tbs = bytes(cert[tbs_pos:tbs_pos + tbs_h + tbs_n])
    ed25519 = subprocess.run(['openssl', 'pkey', '-in', key_path, '-noout', '-text'],
                             check=True, capture_output=True).stdout.startswith(b'ED25519')
    with tempfile.NamedTemporaryFile() as f:
        f.write(tbs)
        f.flush()
        cmd = (['openssl', 'pkeyutl', '-sign', '-rawin', '-inkey', key_path, '-in', f.name]
               if ed25519 else ['openssl', 'dgst', '-sha256', '-sign', key_path, f.name])
        signature = subprocess.run(cmd, check=True, capture_output=True).stdout
    if '--break-signature' in args:
        signature = bytearray(signature)
        signature[-5] ^= 0x01
        signature = bytes(signature)
    alg_pos, alg_h, alg_n = der_children(cert, 0)[1]
    alg = bytes(cert[alg_pos:alg_pos + alg_h + alg_n])
    cert = der_wrap(0x30, tbs + alg + der_wrap(0x03, b'\0' + signature))
    pem = base64.encodebytes(bytes(cert)).replace(b'\n', b'')
    lines = [pem[i:i + 64] for i in range(0, len(pem), 64)]
    open(dst, 'wb').write(b'-----BEGIN CERTIFICATE-----\n' + b'\n'.join(lines) +
                          b'\n-----END CERTIFICATE-----\n')


def opt(args, name, default):
    return args[args.index(name) + 1] if name in args else default


if __name__ == '__main__':
    commands = {'label': label, 'app11': app11, 'mp4-second': mp4_second, 'png-second': png_second, 'sig': sig,
                'recert': recert}
    if len(sys.argv) < 3 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])
