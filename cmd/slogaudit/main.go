// Command slogaudit verifies tamper-evident audit logs written by the
// slogaudit package, and makes their keys.
//
// Usage:
//
//	slogaudit verify [-key [ID=]FILE]... [-key-env [ID=]NAME]... [-pub FILE]...
//	                 [-checkpoints FILE] [-require-mac] [-require-checkpoints] [-sealed]
//	                 [-strict] [-witness KEY]... [-quorum N] [-max-findings N]
//	                 [-max-line-bytes N] [-json] FILE... (or - for stdin)
//	slogaudit keygen [-dir DIR] [-name NAME]
//	slogaudit prove -checkpoints FILE (-at FILE:LINE | -chain C -seq N) [-o P] FILE...
//	slogaudit prove -consistency -checkpoints FILE -chain C -old N [-o P] FILE...
//	slogaudit check-proof -pub FILE [-witness KEY]... [-quorum N] [-json] P
//	slogaudit show -keys DIR FILE...
//	slogaudit version
//	slogaudit help [COMMAND]
//
// verify states which checks ran (hashes, MACs, checkpoints, signatures)
// and what each found, per chain and in total; "intact" is said only of
// what was checked. Flags may follow the file names.
//
// Exit codes:
//
//	0  the logs are intact (as far as checked), or the command succeeded
//	1  the logs were tampered with, or a check that -require-mac,
//	   -require-checkpoints or -strict requires failed
//	2  unusable input (not an audit log, an empty file, a compressed file,
//	   a bad key file) or
//	   a wrong command line; nothing was verified
//
// Errors go to stderr as "slogaudit: error: …" followed by
// "slogaudit: hint: …"; with -json they go to stdout as a JSON object.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}
