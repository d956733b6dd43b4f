One snapshot per check: a file replaced or rewritten while it is verified or signed never
comes out as a verdict about a mixture of its versions. The swapper (race-swap, in this folder)
keeps switching photo.jpg between the signed version and one with a flipped byte of picture
data, by rename and in place, while hallmark runs 200 times: each run must see one version
whole (verified, or tampered), or stop with exit 2 because the file moved under it. A verifier
that read the bytes from one version and the media from the other would say verified-content.

  $ export HALLMARK_HOME=home
  $ hallmark key new --name alice --unencrypted -q && hallmark trust add alice -q
  $ cp "$SAMPLES/photo.jpg" good.jpg
  $ hallmark sign good.jpg --key alice --out good.hallmark -q
  $ python3 -c 'import sys; d = bytearray(open("good.jpg", "rb").read()); d[-200] ^= 0x55; open("bad.jpg", "wb").write(d)'
  $ hallmark verify bad.jpg --bundle good.hallmark | head -1 | cut -d' ' -f1-3
  bad.jpg: ✘ tampered
  $ cp good.jpg photo.jpg
  $ race-swap verify photo.jpg good.jpg bad.jpg 200 good.hallmark 2> verify.tally
  ok
  $ mkdir bundles && race-swap sign photo.jpg good.jpg bad.jpg 100 bundles 2> sign.tally
  ok

A file that keeps changing is refused; one that changed since it was opened is caught at the
end, whatever changed. (Appending goes on for longer than hashing 64 MiB takes.)

  $ head -c 67108864 /dev/zero > big.bin && hallmark sign big.bin --key alice -q
  $ (for i in $(seq 3000); do printf x >> big.bin; sleep 0.001; done) &
  $ while [ "$(stat -c %s big.bin)" -le 67108864 ]; do sleep 0.001; done
  $ hallmark verify big.bin 2>&1 | grep -c -E 'changed while it was being read|is being written to'
  1
  $ kill %1 2>/dev/null; wait
