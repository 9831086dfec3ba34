package main

// All user-facing text of the command.

const usage = `usage:
  slogaudit verify [-key-file F | -key-env NAME] [-pub F] [-checkpoints F] [-witness VKEY]... [-quorum Q] [-json] FILE...
  slogaudit keygen [-dir D] [-name N]
  slogaudit prove ... | slogaudit check-proof ...   (slogaudit prove -h)

verify checks every hash, MAC, link and checkpoint of the audit logs FILE...
(rotated files first, oldest first: audit.log.000001 audit.log.000002 audit.log).
With -witness (a witness's verifier key, repeated) it counts their
cosignatures on the checkpoints and reports, per chain, the newest record
that -quorum of them witnessed.
keygen writes NAME.hmac (HMAC key), NAME.ed25519 and NAME.ed25519.pub (the
checkpoint signing key pair), hex-encoded, mode 0600, into D.

example:
  slogaudit keygen -dir /etc/myapp
  slogaudit verify -key-file /etc/myapp/audit.hmac -pub /etc/myapp/audit.ed25519.pub \
      -checkpoints /backup/audit.checkpoints /var/log/myapp/audit.log*

exit status: 0 intact, 1 tampered, 2 unusable input or usage
`

const (
	msgIntact   = "intact"
	msgTampered = "TAMPERED"
	hintKey     = "pass the HMAC key with -key-file or -key-env (hex, as written by slogaudit keygen)"
	hintFiles   = "name the log files to verify, rotated files first"
	hintExists  = "choose another -dir or -name; keygen never overwrites keys"
)

const proveUsage = `usage:
  slogaudit prove -checkpoints F [-size N] (-at FILE:LINE | -chain C -seq N) [-o P] FILE...
  slogaudit prove -consistency -checkpoints F -chain C -old N [-size M] [-o P] FILE...
  slogaudit check-proof -pub F [-witness VKEY]... [-quorum Q] [-json] P

prove writes an RFC 6962 proof, as JSON, against a checkpoint of the
checkpoint file F (the one of size N, default the newest of the chain):
that one record (named by its line or by chain and seq) is in the log, or
that the log's checkpoint extends its older checkpoint of size -old. The
proof holds the record's line, the signed checkpoints and at most
2·log2(size) hashes: no other record's content. FILE... are the log files,
rotated files first.

check-proof verifies a proof offline with the log's public key (and, with
-witness, counts the witnesses' cosignatures against the quorum).

example:
  slogaudit prove -checkpoints /backup/audit.checkpoints -at audit.log:1234 \
      -o record.proof audit.log.* audit.log
  slogaudit check-proof -pub audit.ed25519.pub record.proof

exit status: 0 the proof holds, 1 it does not, 2 unusable input or usage
`

const (
	msgProofHolds = "proof holds"
	msgProofFails = "PROOF FAILS"
	hintProve     = "see slogaudit prove -h"
)
