package slogaudit

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

func personalLog(t testing.TB, ks KeyStore) (*Handler, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	h, err := New(slog.NewJSONHandler(&buf, nil), WithChainID("p"), WithKey("k1", testKey), WithKeyStore(ks),
		WithPersonalKeys("user", "name", "address"))
	require.NoError(t, err)
	l := slog.New(h)
	l.Info("signup", Personal("s1", "email", "alice@example.com"))
	l.Info("signup", Personal("s2", "email", "bob@example.com"))
	l.Info("profile", "user", "s1", "name", "Alice Liddell", "address", map[string]any{"city": "Oxford"})
	l.With("user", "s2").Info("profile", "name", "Bob Builder")
	l.Info("nested", slog.Group("g", Personal("s2", "phone", "+44 1234")))
	return h, &buf
}

func revealAll(t *testing.T, log []byte, ks KeyStore) string {
	t.Helper()
	var out strings.Builder
	for _, l := range lines(log) {
		r, err := Reveal([]byte(l), ks)
		require.NoError(t, err)
		out.Write(r)
		out.WriteByte('\n')
	}
	return out.String()
}

var plaintexts = map[string][]string{
	"s1": {"alice@example.com", "Alice Liddell", "Oxford"},
	"s2": {"bob@example.com", "Bob Builder", "+44 1234"},
}

func TestPersonalEraseThenVerify(t *testing.T) {
	ks, err := OpenKeyStore(filepath.Join(t.TempDir(), "keys"))
	require.NoError(t, err)
	h, buf := personalLog(t, ks)
	for _, ps := range plaintexts {
		for _, p := range ps {
			require.NotContains(t, buf.String(), p, "personal data in clear in the log")
		}
	}
	shown := revealAll(t, buf.Bytes(), ks)
	for _, ps := range plaintexts {
		for _, p := range ps {
			require.Contains(t, shown, p)
		}
	}
	require.NoError(t, h.Erase(context.Background(), "s1", "dpo"))
	slog.New(h).Info("after", Personal("s2", "email", "bob@example.com"))
	require.NoError(t, h.Close(context.Background()))
	require.Contains(t, buf.String(), `"msg":"audit.erasure"`)

	rep, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{Key: testKey})
	require.NoError(t, err, "the log verifies after erasure: %v", rep.Findings)

	shown = revealAll(t, buf.Bytes(), ks)
	for _, p := range plaintexts["s1"] {
		require.NotContains(t, shown, p, "erased subject still readable")
	}
	for _, p := range plaintexts["s2"] {
		require.Contains(t, shown, p, "erasing s1 must leave s2 readable")
	}
	require.Equal(t, 3, strings.Count(shown, ErasedMark), shown)
}

// TestPersonalAssociatedData: a ciphertext moved to another subject does
// not decrypt, even under the key it was made with.
func TestPersonalAssociatedData(t *testing.T) {
	ks, err := OpenKeyStore(t.TempDir() + "/keys")
	require.NoError(t, err)
	_, buf := personalLog(t, ks)
	line := lines(buf.Bytes())[1] // s1's email
	require.Contains(t, line, `"subject":"s1"`)
	moved := strings.Replace(line, `"subject":"s1"`, `"subject":"s2"`, 1)
	k1, err := ks.Key("s1", false)
	require.NoError(t, err)
	same := sameKey{k1}
	out, err := Reveal([]byte(line), same)
	require.NoError(t, err)
	require.Contains(t, string(out), "alice@example.com", "control: the key decrypts its own subject's value")
	out, err = Reveal([]byte(moved), same)
	require.NoError(t, err)
	require.NotContains(t, string(out), "alice@example.com", "the subject id is associated data")
}

// sameKey answers every subject with one key.
type sameKey struct{ k []byte }

func (s sameKey) Key(string, bool) ([]byte, error) { return s.k, nil }
func (s sameKey) Delete(string) error              { return nil }

func TestPersonalRestartKeepsKeys(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	ks, err := OpenKeyStore(dir)
	require.NoError(t, err)
	h, buf := personalLog(t, ks)
	require.NoError(t, h.Close(context.Background()))
	again, err := OpenKeyStore(dir)
	require.NoError(t, err)
	shown := revealAll(t, buf.Bytes(), again)
	require.Contains(t, shown, "alice@example.com")
	require.Contains(t, shown, "Bob Builder")

	fi, err := os.Stat(dir)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o700), fi.Mode().Perm())
	files, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, files, 2)
	for _, f := range files {
		fi, err := f.Info()
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), f.Name())
		require.NotContains(t, f.Name(), "s1")
	}
	require.NoError(t, os.Chmod(dir, 0o755))
	_, err = OpenKeyStore(dir)
	require.ErrorContains(t, err, "want 0700")
}

// TestKeyStoreSurvivesKill: a process creating keys is killed (SIGKILL)
// mid-write; every key it reported is on disk unchanged, every key file
// is whole, and leftovers are never taken for keys.
func TestKeyStoreSurvivesKill(t *testing.T) {
	if dir := os.Getenv("SLOGAUDIT_KEYSTORE_CHILD"); dir != "" {
		ks, err := OpenKeyStore(dir)
		if err != nil {
			os.Exit(3)
		}
		for i := 0; ; i++ {
			k, err := ks.Key(fmt.Sprintf("subject-%d", i), true)
			if err != nil {
				os.Exit(4)
			}
			fmt.Printf("subject-%d %x\n", i, k)
		}
	}
	dir := filepath.Join(t.TempDir(), "keys")
	for round := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKeyStoreSurvivesKill$")
		cmd.Env = append(os.Environ(), "SLOGAUDIT_KEYSTORE_CHILD="+dir)
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		sc := bufio.NewScanner(out)
		reported := map[string]string{}
		deadline := time.Now().Add(150*time.Millisecond + time.Duration(round)*50*time.Millisecond)
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) == 2 {
				reported[f[0]] = f[1]
			}
			if time.Now().After(deadline) {
				break
			}
		}
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		_ = cmd.Wait()
		require.NotEmpty(t, reported, "the child created no key")

		// A torn temporary file as a crash mid-write would leave.
		require.NoError(t, os.WriteFile(filepath.Join(dir, keyTempPrefix+"torn"), []byte{1, 2, 3}, 0o600))
		ks, err := OpenKeyStore(dir)
		require.NoError(t, err)
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		for _, e := range entries {
			require.False(t, strings.HasPrefix(e.Name(), keyTempPrefix), "leftover %s not removed", e.Name())
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			require.NoError(t, err)
			require.Len(t, data, subjectKeyLen, "half-written key file %s", e.Name())
		}
		for subject, want := range reported {
			k, err := ks.Key(subject, false)
			require.NoError(t, err, subject)
			require.Equal(t, want, hex.EncodeToString(k), subject)
		}
	}
}

func TestPersonalWithoutKeyStoreIsMasked(t *testing.T) {
	var buf bytes.Buffer
	var errs []error
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("p"), OnError(func(err error) { errs = append(errs, err) }))
	slog.New(h).Info("x", Personal("s1", "email", "alice@example.com"))
	require.NotContains(t, buf.String(), "alice@example.com")
	require.Contains(t, buf.String(), `"email":"[REDACTED]"`)
	require.NotEmpty(t, errs)

	var other bytes.Buffer
	slog.New(slog.NewJSONHandler(&other, nil)).Info("x", Personal("s1", "email", "alice@example.com"))
	require.Contains(t, other.String(), `"email":"[PERSONAL]"`, "a handler that is not slogaudit never sees the plaintext")

	_, err := New(slog.NewJSONHandler(&buf, nil), WithPersonalKeys("user", "name"))
	require.ErrorContains(t, err, "add WithKeyStore")

	ks, err := OpenKeyStore(t.TempDir() + "/k")
	require.NoError(t, err)
	buf.Reset()
	h = Wrap(slog.NewJSONHandler(&buf, nil), WithKeyStore(ks), WithPersonalKeys("user", "name"), OnError(func(error) {}))
	slog.New(h).Info("no subject", "name", "Carol")
	require.NotContains(t, buf.String(), "Carol")
	require.Contains(t, buf.String(), `"name":"[REDACTED]"`)
}

func TestPersonalHammer(t *testing.T) {
	ks, err := OpenKeyStore(t.TempDir() + "/k")
	require.NoError(t, err)
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("p"), WithKey("k1", testKey), WithKeyStore(ks))
	var eraseErr error
	hammer(8, 50, func(g, i int) {
		slog.New(h).Info("m", Personal(fmt.Sprintf("s%d", i%5), "v", fmt.Sprintf("secret-%d-%d", g, i)))
		if g == 0 && i == 25 {
			eraseErr = h.Erase(context.Background(), "s4", "dpo")
		}
	})
	require.NoError(t, eraseErr)
	require.NoError(t, h.Close(context.Background()))
	require.NotContains(t, buf.String(), "secret-")
	rep, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{Key: testKey})
	require.NoError(t, err, "%v", rep.Findings)
	shown := revealAll(t, buf.Bytes(), ks)
	require.Equal(t, 8*50, strings.Count(shown, "secret-")+strings.Count(shown, ErasedMark))
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines(buf.Bytes())[1]), &m))
}

// FuzzReveal: Reveal never panics, whatever the line and ciphertext.
func FuzzReveal(f *testing.F) {
	ks, err := OpenKeyStore(f.TempDir() + "/k")
	require.NoError(f, err)
	_, buf := personalLog(f, ks)
	for _, l := range lines(buf.Bytes()) {
		f.Add([]byte(l))
	}
	f.Add([]byte(`{"x":{"subject":"s1","aes_gcm":"AAAA"}}`))
	f.Add([]byte(`{"x":[{"subject":"s1","aes_gcm":"!!"}],"audit":{}}`))
	f.Add([]byte(`[1,{"subject":"","aes_gcm":""}]`))
	f.Fuzz(func(t *testing.T, line []byte) {
		_, _ = Reveal(line, ks)
	})
}

// TestPersonalUnderRedaction: a redaction preset that masks a key (GDPR
// masks "email") leaves the encrypted value of that key alone, so that it
// stays readable until erased; the same key in clear is still masked.
func TestPersonalUnderRedaction(t *testing.T) {
	ks, err := OpenKeyStore(t.TempDir() + "/k")
	require.NoError(t, err)
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithKeyStore(ks), WithRedactor(redact.Must(redact.Credentials, redact.GDPR)),
		WithPersonalKeys("user", "name"))
	l := slog.New(h)
	l.Info("a", Personal("s1", "email", "alice@example.com"))
	l.With(Personal("s1", "email", "alice@example.com")).Info("with")
	l.Info("b", "user", "s1", "name", "Alice")
	l.Info("c", "email", "carol@example.com")
	require.NotContains(t, buf.String(), "alice@example.com")
	require.NotContains(t, buf.String(), "carol@example.com")
	shown := revealAll(t, buf.Bytes(), ks)
	require.Equal(t, 2, strings.Count(shown, "alice@example.com"), shown)
	require.Contains(t, shown, `"name":"Alice"`)
}

// TestPersonalKeysInlineGroups: WithPersonalKeys applies to the members of
// an inline group (slog.Group("", ...)), which are written as top-level
// keys, in a record's attrs and in With; their plaintext was written.
func TestPersonalKeysInlineGroups(t *testing.T) {
	ks, err := OpenKeyStore(t.TempDir() + "/k")
	require.NoError(t, err)
	var buf lockedWriter
	h, err := New(slog.NewJSONHandler(&buf, nil), WithKey("k1", testKey), WithKeyStore(ks), WithPersonalKeys("user", "email"))
	require.NoError(t, err)
	l := slog.New(h)
	l.Info("inline", "user", "u1", slog.Group("", "email", "inline@example.com"))
	l.With(slog.Group("", "email", "with@example.com")).Info("with", "user", "u1")
	require.NoError(t, h.Close(context.Background()))
	out := string(buf.Bytes())
	require.NotContains(t, out, "inline@example.com")
	require.NotContains(t, out, "with@example.com")
	require.Equal(t, 2, strings.Count(out, `"aes_gcm"`), out)
	verifyBuf(t, buf.Bytes(), VerifyOptions{Key: testKey})
}

// TestEraseSeenByAnotherStore: two key stores on one directory (two
// processes): a subject erased through one is erased for the other too,
// which had its key cached, and a later record gets a new key.
func TestEraseSeenByAnotherStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	ks1, err := OpenKeyStore(dir)
	require.NoError(t, err)
	ks2, err := OpenKeyStore(dir)
	require.NoError(t, err)
	var buf lockedWriter
	h, err := New(slog.NewJSONHandler(&buf, nil), WithKey("k1", testKey), WithKeyStore(ks1))
	require.NoError(t, err)
	slog.New(h).Info("before", Personal("u1", "email", "first@example.com"))
	line := lines(buf.Bytes())[1]
	shown, err := Reveal([]byte(line), ks2) // ks2 caches u1's key
	require.NoError(t, err)
	require.Contains(t, string(shown), "first@example.com")

	require.NoError(t, h.Erase(context.Background(), "u1", "dpo"))
	shown, err = Reveal([]byte(line), ks2)
	require.NoError(t, err)
	require.NotContains(t, string(shown), "first@example.com", "erased through ks1, still readable through ks2")
	require.Contains(t, string(shown), ErasedMark)
	k, err := ks2.Key("u1", true)
	require.NoError(t, err)
	k1, err := ks1.Key("u1", false)
	require.NoError(t, err)
	require.Equal(t, k1, k, "both stores use the one new key")
	require.NoError(t, h.Close(context.Background()))
}
