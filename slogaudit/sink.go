package slogaudit

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slogguard/slogguard/slogcore"
)

// The "audit" sink, registered with slogcore so that
//
//	import _ "github.com/slogguard/slogguard/slogaudit"
//
// makes it available to slogcore.OpenSink and slogcore.FromEnv. Its
// configuration keys (SLOGGUARD_AUDIT_<KEY> in the environment):
//
//	path         the log file (required)
//	key_file     file holding the HMAC key, hex (or key_env: a variable holding it)
//	key_id       the key's id (default k1)
//	signer       file holding the Ed25519 private key, hex, for checkpoints
//	checkpoints  checkpoint file, kept apart from the log (needs signer)
//	policy       policy names, comma-separated: basic, pcidss, hipaa, sox, gdpr, soc2, iso27001
//	sync         each, group (default) or never
//	chain        chain id (default: the file's last chain, or a new one)
//	rotate_size  bytes before rotation (default 0: none)
//	retention    how long rotated files are kept, a Go duration (default 0: forever)
//	redact       slogcore preset names, comma-separated, or off (default credentials)
//	level        the minimum level written (default info)
//	overflow, queue  accepted (FromEnv gives every sink SLOGGUARD_OVERFLOW and
//	             SLOGGUARD_QUEUE) and checked, but the audit sink writes every record
//	             synchronously: it has no queue to overflow
//
// Any other key is an error that names it: a misspelt key_file must not
// leave the log without MACs.
func init() {
	slogcore.RegisterSink("audit", openAuditSink)
}

type auditSink struct {
	*Handler
	file        *File
	checkpoints *CheckpointFile
}

func (s auditSink) Close(ctx context.Context) error {
	errs := []error{s.Handler.Close(ctx), s.file.Close()}
	if s.checkpoints != nil {
		errs = append(errs, s.checkpoints.Close())
	}
	return errors.Join(errs...)
}

func hexFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return hex.DecodeString(strings.TrimSpace(string(data)))
}

// auditSinkKeys are the configuration keys the audit sink reads.
var auditSinkKeys = []string{"path", "key_file", "key_env", "key_id", "signer", "checkpoints", "policy", "sync",
	"chain", "rotate_size", "retention", "redact", "level", "overflow", "queue"}

func openAuditSink(cfg map[string]string) (slogcore.Sink, error) {
	for _, k := range slices.Sorted(maps.Keys(cfg)) {
		if slices.Contains(auditSinkKeys, k) {
			continue
		}
		if lower := strings.ToLower(k); slices.Contains(auditSinkKeys, lower) {
			return nil, fmt.Errorf("unknown setting %q: setting names are lower case, use %q (its variable is SLOGGUARD_AUDIT_%s)", k, lower, strings.ToUpper(k))
		}
		return nil, fmt.Errorf("unknown setting %q (SLOGGUARD_AUDIT_%s): want one of %s", k, strings.ToUpper(k), strings.Join(auditSinkKeys, ", "))
	}
	common, err := slogcore.SinkOptions(map[string]string{"level": cfg["level"], "overflow": cfg["overflow"], "queue": cfg["queue"]})
	if err != nil {
		return nil, err
	}
	path := cfg["path"]
	if path == "" {
		return nil, errors.New("path is empty: set the audit log's path (SLOGGUARD_AUDIT_PATH)")
	}
	var fopts []FileOption
	switch cfg["sync"] {
	case "", "group":
	case "each":
		fopts = append(fopts, WithFileSync(SyncEachRecord()))
	case "never":
		fopts = append(fopts, WithFileSync(SyncNever()))
	default:
		return nil, fmt.Errorf("sync %q: want each, group or never", cfg["sync"])
	}
	if v := cfg["rotate_size"]; v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("rotate_size %q: want a number of bytes", v)
		}
		fopts = append(fopts, WithRotateSize(n))
	}
	if v := cfg["retention"]; v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return nil, fmt.Errorf("retention %q: want a Go duration such as 8760h", v)
		}
		fopts = append(fopts, WithRetention(d))
	}
	var opts []Option
	keyID := cfg["key_id"]
	if keyID == "" {
		keyID = "k1"
	}
	switch {
	case cfg["key_id"] != "" && cfg["key_file"] == "" && cfg["key_env"] == "":
		return nil, fmt.Errorf("key_id %q without a key: set key_file or key_env (SLOGGUARD_AUDIT_KEY_FILE, SLOGGUARD_AUDIT_KEY_ENV), or the log has no MACs", cfg["key_id"])
	case cfg["key_file"] != "" && cfg["key_env"] != "":
		return nil, errors.New("key_file and key_env are exclusive: set one")
	case cfg["key_file"] != "":
		key, err := hexFile(cfg["key_file"])
		if err != nil {
			return nil, fmt.Errorf("key_file: %w", err)
		}
		opts = append(opts, WithKey(keyID, key))
	case cfg["key_env"] != "":
		key, err := hex.DecodeString(strings.TrimSpace(os.Getenv(cfg["key_env"])))
		if err != nil || len(key) == 0 {
			return nil, fmt.Errorf("key_env: $%s does not hold a hex key", cfg["key_env"])
		}
		opts = append(opts, WithKey(keyID, key))
	}
	var cpFile *CheckpointFile
	if v := cfg["signer"]; v != "" {
		priv, err := hexFile(v)
		if err != nil {
			return nil, fmt.Errorf("signer: %w", err)
		}
		opts = append(opts, WithSigner(ed25519.PrivateKey(priv)))
		if cp := cfg["checkpoints"]; cp != "" {
			if cpFile, err = OpenCheckpointFile(cp); err != nil {
				return nil, fmt.Errorf("checkpoints: %w", err)
			}
			opts = append(opts, WithCheckpoints(cpFile, 1000, time.Minute))
		}
	} else if cfg["checkpoints"] != "" {
		return nil, errors.New("checkpoints need signer: set the Ed25519 key file (slogaudit keygen writes one)")
	}
	if v := cfg["policy"]; v != "" {
		var ps []Policy
		for _, n := range strings.Split(v, ",") {
			p, ok := Policies[strings.ToLower(strings.TrimSpace(n))]
			if !ok {
				closeFile(cpFile)
				return nil, fmt.Errorf("policy %q: unknown; want basic, pcidss, hipaa, sox, gdpr, soc2 or iso27001", n)
			}
			ps = append(ps, p)
		}
		p, err := Combine(ps...)
		if err != nil {
			closeFile(cpFile)
			return nil, err
		}
		opts = append(opts, WithPolicy(p))
	}
	if v := cfg["chain"]; v != "" {
		opts = append(opts, WithChainID(v))
	}
	if cfg["level"] != "" {
		opts = append(opts, WithLevel(common.Level))
	}
	if v := cfg["redact"]; v != "" {
		o, err := slogcore.SinkOptions(map[string]string{"redact": v})
		if err != nil {
			closeFile(cpFile)
			return nil, err
		}
		opts = append(opts, WithRedactor(o.Redact))
	}
	f, err := OpenFile(path, fopts...)
	if err != nil {
		closeFile(cpFile)
		return nil, err
	}
	h, err := f.Handler(opts...)
	if err != nil {
		f.Close()
		closeFile(cpFile)
		return nil, err
	}
	return auditSink{Handler: h, file: f, checkpoints: cpFile}, nil
}

func closeFile(f *CheckpointFile) {
	if f != nil {
		f.Close()
	}
}
