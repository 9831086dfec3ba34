// Command slogaudit verifies tamper-evident audit logs written by the
// slogaudit package, and generates keys for them.
//
// Usage:
//
//	slogaudit verify [-key-file F | -key-env NAME] [-pub F] [-checkpoints F] [-json] FILE...
//	slogaudit keygen [-dir D] [-name N]
//
// Exit codes: 0 the logs are intact, 1 they were tampered with, 2 the input
// is unusable or the command line is wrong.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}
