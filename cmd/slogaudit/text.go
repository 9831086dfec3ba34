package main

// All user-facing text of the command.

const usage = `usage:
  slogaudit verify [-key-file F | -key-env NAME] [-pub F] [-checkpoints F] [-json] [-max-line-bytes N] FILE...
  slogaudit keygen [-dir D] [-name N]

verify checks every hash, MAC, link and checkpoint of the audit logs FILE...
(rotated files first, oldest first: audit.log.000001 audit.log.000002 audit.log).
Lines of any length are read; -max-line-bytes N bounds the memory spent on
one line, and a longer line stops verification (exit status 2).
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
	hintMaxLine = "raise -max-line-bytes, or omit it to read lines of any length"
)
