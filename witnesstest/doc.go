// Package witnesstest runs slogaudit's witnessing against a real C2SP
// tlog-witness, filippo.io/torchwood's litewitness, on 127.0.0.1: log,
// checkpoint, cosign, verify with the witness's key, and a fork that the
// witness refuses and the client reports. It is a module of its own so that
// users of slogguard never download the witness and its SQLite.
//
// Run it with `go test ./...` in this directory; it builds litewitness and
// witnessctl (tool directives of go.mod) and serves their SSH agent itself.
package witnesstest
