package main

// The user-facing text of the command, in one place.

const usage = `slogaudit verifies tamper-evident audit logs written by the slogaudit Go
package, and makes their keys.

usage:
  slogaudit verify [flags] FILE...   check hashes, MACs, checkpoints and signatures
  slogaudit keygen [flags]           write a new HMAC key and checkpoint key pair
  slogaudit prove [flags] FILE...    write an inclusion or consistency proof
  slogaudit check-proof [flags] P    verify a proof offline
  slogaudit show -keys DIR FILE...   print records with personal data decrypted or marked erased
  slogaudit version                  print the version
  slogaudit help [COMMAND]           print this text, or a command's flags

example:
  slogaudit keygen -dir /etc/myapp
  slogaudit verify -key /etc/myapp/audit.hmac -pub /etc/myapp/audit.ed25519.pub \
      -checkpoints /backup/audit.checkpoints /var/log/myapp/audit.log.* /var/log/myapp/audit.log

exit status: 0 intact, 1 tampered, 2 unusable input or usage
`

const verifyUsage = `usage: slogaudit verify [flags] FILE...
       slogaudit verify [flags] - < FILE

verify recomputes every hash of the audit logs FILE... (rotated files first,
oldest first: audit.log.000001 audit.log.000002 audit.log), and checks the
MACs with the HMAC keys, the checkpoints kept apart from the log, and their
signatures with the public key. The report says which of these checks ran
and what each found; "intact" is said only of what was checked. Flags may
come before or after the file names. The name - reads one log from standard
input; each file is named once.

example:
  slogaudit verify -key audit.hmac -pub audit.ed25519.pub -checkpoints audit.checkpoints audit.log
  slogaudit verify -strict -key k1=old.hmac -key k2=new.hmac -pub audit.ed25519.pub \
      -checkpoints audit.checkpoints audit.log.* audit.log

exit status: 0 intact, 1 tampered (or a required check failed),
2 unusable input (not an audit log, a compressed file: decompress it first,
a bad key file) or usage

flags:
`

const keygenUsage = `usage: slogaudit keygen [flags]

keygen writes NAME.hmac (the HMAC key, 32 bytes), NAME.ed25519 (the
checkpoint signing key) and NAME.ed25519.pub (its public key, for
verifiers), hex-encoded, mode 0600, into DIR. It writes nothing when any of
them exists, and each file appears whole or not at all.

example:
  slogaudit keygen -dir /etc/myapp -name audit

exit status: 0 written, 2 nothing written

flags:
`

const showUsage = `usage: slogaudit show -keys DIR FILE...

show prints the records of the audit logs FILE..., one JSON line each, with
every personal value (written with slogaudit.Personal or WithPersonalKeys)
decrypted where the key store DIR holds its subject's key, and "[ERASED]"
where it does not. It checks nothing: run verify for that.

example:
  slogaudit show -keys /etc/myapp/subject-keys /var/log/myapp/audit.log

exit status: 0 shown, 2 unusable input or usage

flags:
`

const (
	flagShowKeys = "key store `DIR` of per-subject keys (slogaudit.OpenKeyStore)"
	hintShow     = "name the key store directory and the log files: slogaudit show -keys DIR FILE..."
)

const versionUsage = `usage: slogaudit version

version prints the version of slogaudit and the audit format versions it
reads.
`

// Flag descriptions.
const (
	flagKey         = "HMAC key written by keygen: `[ID=]FILE` is the key for key id ID or, with no ID, for every key id without its own; repeat for several key ids"
	flagKeyEnv      = "like -key, from environment variables: `[ID=]NAME` holds the key in hex"
	flagPub         = "Ed25519 public key `FILE` (NAME.ed25519.pub) that checks checkpoint signatures; repeat for each signer the log had (RotateKey with a new signer)"
	flagCheckpoints = "checkpoint `FILE` kept apart from the log: detects the removal of the newest records"
	flagJSON        = "print the report, and errors, as JSON on stdout"
	flagRequireMAC  = "fail unless MACs are checked: requires -key"
	flagRequireCP   = "fail unless checkpoints and their signatures are checked and cover every chain: requires -checkpoints and -pub"
	flagStrict      = "both -require-mac and -require-checkpoints"
	flagSealed      = "the keys were used with forward-secure sealing (WithSealing): fail on records without an epoch and chains without a seal; requires -key"
	flagMax         = "list at most `N` findings and count the rest (0 lists all)"
	flagWitness     = "a witness's verifier `KEY` (signed-note name+hash+key form) whose cosignatures count; repeat for each"
	flagQuorum      = "how many of the -witness keys must cosign a checkpoint (default: all given)"
	flagMaxLine     = "stop with exit 2 at a line longer than `N` bytes, to bound memory (0: lines of any length)"
	flagDir         = "directory `DIR` for the key files (it must exist)"
	flagName        = "base `NAME` of the key files"
)

// Hints, printed as "slogaudit: hint: …".
const (
	hintHelp            = "run 'slogaudit help' for the commands"
	hintVerifyFlags     = "run 'slogaudit verify -h' for its flags"
	hintKeygenFlags     = "run 'slogaudit keygen -h' for its flags"
	hintFiles           = "name the log files to verify, rotated files first: slogaudit verify audit.log.* audit.log"
	hintDir             = "name the log files inside the directory, rotated files first: slogaudit verify %[1]s/audit.log.* %[1]s/audit.log"
	hintStdin           = "name the log files, or - alone to read one log from standard input: slogaudit verify - < audit.log"
	hintCompressed      = "decompress it first and name the decompressed file, rotated files first: gunzip -k audit.log.1.gz; slogaudit verify audit.log.1 audit.log"
	hintCompressedStdin = "decompress it on the way in: zcat audit.log.1.gz | slogaudit verify -"
	hintTwice           = "name each log file once, rotated files first: slogaudit verify audit.log.* audit.log"
	hintKey             = "pass the NAME.hmac file written by slogaudit keygen: -key FILE, or -key ID=FILE per key id"
	hintKeyEnv          = "the variable must hold the key in hex, as in the NAME.hmac file written by slogaudit keygen"
	hintPub             = "pass the NAME.ed25519.pub file written by slogaudit keygen"
	hintCheckpoints     = "pass the checkpoint file the writer fills (slogaudit.WithCheckpoints)"
	hintRequireMAC      = "-require-mac and -strict need the HMAC key: -key FILE"
	hintSealed          = "-sealed needs the initial HMAC key given to WithKey: -key FILE"
	hintRequireCP       = "-require-checkpoints and -strict need -checkpoints FILE and -pub FILE"
	hintExists          = "choose another -dir or -name, or move the old files away; keygen never overwrites keys"
	hintPartial         = "only some of the files exist: an earlier keygen may have been interrupted; move them away and run keygen again"
	hintMkdir           = "create it first: mkdir -p %s"
	hintMaxLine         = "raise -max-line-bytes, or omit it to read lines of any length"
	hintWitness         = "pass each witness's verifier key (name+hash+base64, as the witness publishes it) with -witness, and -quorum at most their number"
)

// Report text.
const (
	msgIntact        = "intact"
	msgTampered      = "TAMPERED"
	msgAllChecked    = "intact: hashes, MACs, checkpoints and signatures checked"
	msgPartlyChecked = "intact as far as checked (%s); not checked: %s"
	msgMore          = "  … and %d more (-max-findings 0 lists all)"
	msgKeygenDone    = "keep %s and %s secret; give %s to verifiers"

	warnNoKey        = "warning: MACs not checked (no -key): anyone who can write the log can rebuild its chain"
	warnNoCheckpoint = "warning: no checkpoint file (-checkpoints): the removal of the newest records would go unnoticed"
	// The file was given but compared nothing.
	warnEmptyCheckpoints    = "warning: the checkpoint file holds no checkpoint of these chains: is it this log's? The removal of the newest records would go unnoticed"
	warnUnsignedCheckpoints = "warning: no checkpoint of the checkpoint file has a valid signature (is -pub the log's public key?), so none was compared with the chain: the removal of the newest records would go unnoticed"
	warnNoPub               = "warning: checkpoint signatures not checked (no -pub)"
	warnTornTail            = "warning: the last line is incomplete: the writer stopped mid-record (a crash, a full disk); what it was writing is lost"
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
