package slogaudit

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// KeyStore keeps one AES-256 key per data subject, for personal data
// written with [Personal] or [WithPersonalKeys]. Implementations must be
// safe for concurrent use. A KMS fits behind it.
type KeyStore interface {
	// Key returns the subject's key, creating it when create is set and
	// the subject has none; without create, a subject with no key (never
	// seen, or erased) is [ErrNoSubjectKey].
	Key(subject string, create bool) ([]byte, error)
	// Delete destroys the subject's key durably: once it returns nil, no
	// restart brings the key back.
	Delete(subject string) error
}

// ErrNoSubjectKey is returned by [KeyStore.Key] for a subject without a
// key: never seen, or erased.
var ErrNoSubjectKey = errors.New("slogaudit: no key for this subject (erased or never written)")

// FileKeyStore is the default [KeyStore]: one file per subject in a
// directory of mode 0700, each holding 32 random bytes, mode 0600, named by
// the SHA-256 of the subject id (so that file names reveal no subject).
//
// A key file is written whole before it is used: into a temporary file,
// synced, then linked into place (never replacing a key another process
// wrote first) and the directory synced. A crash, even kill -9, leaves a
// complete key file or none, plus perhaps a temporary file that no read
// ever takes for a key and that the next OpenKeyStore removes. Delete
// removes the file and syncs the directory.
type FileKeyStore struct {
	dir   string
	mu    sync.Mutex
	cache map[string]cachedKey
}

// cachedKey is a key read from its file, and the file it came from: a key
// is used from the cache only while that same file is still in place, so
// that an erasure through another store on the same directory (another
// process) takes effect here too.
type cachedKey struct {
	key  []byte
	file os.FileInfo
}

var _ KeyStore = (*FileKeyStore)(nil)

const (
	keyFileSuffix = ".key"
	keyTempPrefix = ".tmp-"
	subjectKeyLen = 32
)

// OpenKeyStore opens (creating it with mode 0700) the key directory dir,
// and removes temporary files that a crash left behind.
func OpenKeyStore(dir string) (*FileKeyStore, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("slogaudit: key store: %w", err)
	}
	if fi, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("slogaudit: key store: %w", err)
	} else if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("slogaudit: key store %s has mode %v: want 0700 (chmod 700 %s)", dir, fi.Mode().Perm(), dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("slogaudit: key store: %w", err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), keyTempPrefix) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return &FileKeyStore{dir: dir, cache: map[string]cachedKey{}}, nil
}

func (s *FileKeyStore) path(subject string) string {
	sum := sha256.Sum256([]byte("slogaudit/subject\x00" + subject))
	return filepath.Join(s.dir, hex.EncodeToString(sum[:])+keyFileSuffix)
}

// Key returns the subject's key, creating it durably when create is set.
func (s *FileKeyStore) Key(subject string, create bool) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.path(subject)
	if c, ok := s.cache[subject]; ok {
		if fi, err := os.Stat(p); err == nil && os.SameFile(fi, c.file) {
			return append([]byte(nil), c.key...), nil // Delete clears the cached copy
		}
		clear(c.key) // erased, or replaced, by another store
		delete(s.cache, subject)
	}
	k, err := readKeyFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		if !create {
			return nil, ErrNoSubjectKey
		}
		k, err = s.create(p)
	}
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(p); err == nil {
		s.cache[subject] = cachedKey{k, fi}
	}
	return append([]byte(nil), k...), nil
}

func readKeyFile(p string) ([]byte, error) {
	k, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	if len(k) != subjectKeyLen {
		return nil, fmt.Errorf("slogaudit: key store: %s holds %d bytes, want %d: restore it from a backup or remove it (its subject's data is then erased)", p, len(k), subjectKeyLen)
	}
	return k, nil
}

// create writes a new key to p through a synced temporary file, linked
// into place so that a key written first by another process wins.
func (s *FileKeyStore) create(p string) ([]byte, error) {
	k := make([]byte, subjectKeyLen)
	if _, err := rand.Read(k); err != nil {
		return nil, fmt.Errorf("slogaudit: key store: %w", err)
	}
	tmp, err := os.CreateTemp(s.dir, keyTempPrefix)
	if err != nil {
		return nil, fmt.Errorf("slogaudit: key store: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err == nil {
		_, err = tmp.Write(k)
		if err == nil {
			err = tmp.Sync()
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("slogaudit: key store: writing a key: %w", err)
		}
	} else {
		tmp.Close()
		return nil, fmt.Errorf("slogaudit: key store: %w", err)
	}
	if err := os.Link(tmp.Name(), p); errors.Is(err, fs.ErrExist) {
		return readKeyFile(p) // another process made it first
	} else if err != nil {
		return nil, fmt.Errorf("slogaudit: key store: %w", err)
	}
	if err := syncDir(s.dir); err != nil {
		return nil, fmt.Errorf("slogaudit: key store: %w", err)
	}
	return k, nil
}

// Delete removes the subject's key file and syncs the directory.
func (s *FileKeyStore) Delete(subject string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.cache[subject]; ok {
		clear(c.key)
		delete(s.cache, subject)
	}
	if err := os.Remove(s.path(subject)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("slogaudit: key store: erasing a subject: %w", err)
	}
	if err := syncDir(s.dir); err != nil {
		return fmt.Errorf("slogaudit: key store: erasing a subject: %w", err)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
