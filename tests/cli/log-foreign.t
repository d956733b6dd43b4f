hallmark log on logs it did not write (hallmark-log(1)): the Tessera POSIX log and the real
sum.golang.org checkpoints of the shared data, read in place.

  $ test -d "$SHARED/tlog/tessera-posix-log" -a -d "$SHARED/tlog/real" || echo "@skip the shared tlog vectors are not present"
  $ hallmark log init mylog --origin example.com/cli-test > vkey

Foreign logs: the Tessera POSIX log, read-only, with its verifier key.

  $ T=$SHARED/tlog/tessera-posix-log
  $ K=example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx
  $ hallmark log fsck $T --key $K
  */tessera-posix-log: size 15, 15 entries, 30 tiles, 0 recorded checkpoints: clean (glob)
  $ hallmark log fsck $T
  hallmark: error: */tessera-posix-log is not a hallmark log (no log.db): give its verifier key (glob)
  [2]
  $ hallmark log checkpoint $T --key $K
  example.com/log/testdata
  15
  rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=
  
  — example.com/log/testdata M9e0luh4jTG+UMBqOUo9/q+yAEvx1ilBEniMvjf1zfcBOhg+CKubMt53MvIt/uEWP6zdkdIQzd/fmwlM/dlPWF74ewI=
  $ hallmark log prove $T --key $K --index 14
  c2sp.org/tlog-proof@v1
  index 14
  GiUtVP0XhIaZ/fl7ReMLgw+9YUtjFAt8kaTdfOe2u/I=
  3cFRCtyHVxAUTugFyRgo30efbl+BVxdTQDIGg5H61SA=
  bC+VwvrJbalNVjfkdI8kUgs7mJoXrqiXCE7bgnD28pY=
  
  example.com/log/testdata
  15
  rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=
  
  — example.com/log/testdata M9e0luh4jTG+UMBqOUo9/q+yAEvx1ilBEniMvjf1zfcBOhg+CKubMt53MvIt/uEWP6zdkdIQzd/fmwlM/dlPWF74ewI=
  $ hallmark log prove $T --key $K --index 3 --checkpoint $T/checkpoint.7
  c2sp.org/tlog-proof@v1
  index 3
  Zx8UbF5HHooag6PCFM5LqQe486WIjRTMjNPOdbsS75Q=
  T1X2GdkhUjV3iyufF9b0kVsWFxIU0VI4EpNml2Teci4=
  wVNSoGEUdzQTVZfXnUuDiK7m3gJ5rbJqmQx/6vHF+yA=
  
  example.com/log/testdata
  7
  IrSXADBqJ7EQoUODSDKROySgNveeL6CFhik2w/+fS7U=
  
  — example.com/log/testdata M9e0luA5JhTRUki/BBQD0QNiH6AEJ2pdtsA5CQjqJErViuuKrN6513RCTL2640wXJv0dCed3neRGI6dMzBq9uANf2Qc=
  $ hallmark log prove $T --key $K --index 9 --checkpoint $T/checkpoint.7
  hallmark: error: */tessera-posix-log/checkpoint.7: index 9 is not below tree size 7 (glob)
  [2]
  $ hallmark log consistency $T --key $K --from 7
  old 7
  2Q0P5jSR+TdkwdXWyx+GbBWX0KZbNZkWzCjyTPSozsw=
  ThcgoV2DYcK+VCxBUDWAlNxmLy2r7dq7dK7+OlgQKWs=
  ycRkkNklus5eMVRUvkD1pK321vMrA+jjOiZKU8aOcY4=
  zY1lN35vrXYAPixXSd59LsU29xUJtuW4o2dNNg5Y2Co=
  5jLpqTgjsBDSEX6SgZiRnbTMdTuRd8bQ5tSsAOxe0Ks=
  
  example.com/log/testdata
  15
  rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=
  
  — example.com/log/testdata M9e0luh4jTG+UMBqOUo9/q+yAEvx1ilBEniMvjf1zfcBOhg+CKubMt53MvIt/uEWP6zdkdIQzd/fmwlM/dlPWF74ewI=
  $ hallmark log lookup $T --content 0000000000000000000000000000000000000000000000000000000000000001
  hallmark: error: */tessera-posix-log is not a hallmark log (no log.db): give its verifier key (glob)
  [2]

verify-note checks a signed note against a verifier key: the real sum.golang.org heads.

  $ G=sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8
  $ hallmark log verify-note $G $SHARED/tlog/real/sum.golang.org-6476701.checkpoint
  verified sum.golang.org+033de0ae
  go.sum database tree
  6476701
  mb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=
  $ hallmark log verify-note $G $SHARED/tlog/real/sum.golang.org-15067302-witnessed.checkpoint
  verified sum.golang.org+033de0ae
  go.sum database tree
  15067302
  gJyioq6dwR9n+NjEWORfYmH+ubeYm3kH42BBQ0bTpYI=
  $ hallmark log verify-note $G $SHARED/tlog/real/sum.golang.org-65209736.checkpoint
  verified sum.golang.org+033de0ae
  go.sum database tree
  65209736
  5+uGFjx6xBZG8ip1+wi77v+grwbhhukIrxEUS8PXvRo=
  $ sed 's/6476701/6476702/' $SHARED/tlog/real/sum.golang.org-6476701.checkpoint > changed
  $ hallmark log verify-note $G changed
  hallmark: error: changed: invalid signature by sum.golang.org+033de0ae
  [1]
  $ hallmark log verify-note $(cat vkey) changed
  hallmark: error: changed: note is not signed by a known key
  [1]
