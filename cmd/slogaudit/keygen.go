package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func (c *cli) keygen(args []string) int {
	fs := flagSet("keygen")
	dir := fs.String("dir", ".", flagDir)
	name := fs.String("name", "audit", flagName)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return c.flagError(err, keygenUsage, fs, hintKeygenFlags)
	}
	if len(rest) > 0 {
		return c.fail(exitUsage, hintKeygenFlags, "keygen: unexpected argument %q: keygen takes only flags", rest[0])
	}
	if *name == "" || strings.ContainsRune(*name, filepath.Separator) {
		return c.fail(exitUsage, hintKeygenFlags, "keygen: -name %q: want a file name without a directory (use -dir)", *name)
	}
	fi, err := os.Stat(*dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return c.fail(exitUsage, fmt.Sprintf(hintMkdir, *dir), "keygen: directory %s does not exist", *dir)
	case err != nil:
		return c.fail(exitUsage, "", "keygen: %v", err)
	case !fi.IsDir():
		return c.fail(exitUsage, hintKeygenFlags, "keygen: -dir %s is not a directory", *dir)
	}

	hmacKey := make([]byte, 32)
	if _, err := rand.Read(hmacKey); err != nil {
		return c.fail(exitUsage, "", "keygen: %v", err)
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return c.fail(exitUsage, "", "keygen: %v", err)
	}
	// The private key goes in before its public key: an interrupted run
	// leaves a prefix of one consistent set, never a mismatched pair.
	files := []keyFile{
		{path: filepath.Join(*dir, *name+".hmac"), data: hmacKey},
		{path: filepath.Join(*dir, *name+".ed25519"), data: priv},
		{path: filepath.Join(*dir, *name+".ed25519.pub"), data: pub},
	}
	var existing []string
	for _, f := range files {
		if _, err := os.Lstat(f.path); err == nil {
			existing = append(existing, f.path)
		} else if !errors.Is(err, os.ErrNotExist) {
			return c.fail(exitUsage, "", "keygen: %v", err)
		}
	}
	if len(existing) > 0 {
		hint := hintExists
		if len(existing) < len(files) {
			hint = hintPartial
		}
		verb := "exists"
		if len(existing) > 1 {
			verb = "exist"
		}
		return c.fail(exitUsage, hint, "keygen: %s already %s; nothing was written", strings.Join(existing, ", "), verb)
	}
	if err := writeKeyFiles(*dir, files); err != nil {
		return c.fail(exitUsage, hintExists, "keygen: %v; nothing was written", err)
	}
	for _, f := range files {
		fmt.Fprintln(c.stdout, f.path)
	}
	fmt.Fprintf(c.stdout, msgKeygenDone+"\n", filepath.Base(files[0].path), filepath.Base(files[1].path), filepath.Base(files[2].path))
	return exitIntact
}

type keyFile struct {
	path string
	data []byte
	tmp  string
}

// writeKeyFiles writes every file to a temporary file in dir, synced, then
// links each into place, refusing to replace a file that appeared in the
// meantime. On any error it removes what it wrote.
func writeKeyFiles(dir string, files []keyFile) (err error) {
	var placed []string
	defer func() {
		for _, f := range files {
			if f.tmp != "" {
				os.Remove(f.tmp)
			}
		}
		if err != nil {
			for _, p := range placed {
				os.Remove(p)
			}
		}
	}()
	for i := range files {
		f := &files[i]
		tmp, err := os.CreateTemp(dir, "."+filepath.Base(f.path)+".tmp-*")
		if err != nil {
			return err
		}
		f.tmp = tmp.Name()
		_, err = tmp.WriteString(hex.EncodeToString(f.data) + "\n")
		if err == nil {
			err = tmp.Chmod(0o600)
		}
		if err == nil {
			err = tmp.Sync()
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	for _, f := range files {
		if err := place(f.tmp, f.path); err != nil {
			return err
		}
		placed = append(placed, f.path)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // the new names are durable once the directory is
		d.Close()
	}
	return nil
}

// place puts tmp at path unless path exists. A hard link refuses an
// existing path atomically; where links are not supported, a rename after
// a check does.
func place(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil || errors.Is(err, os.ErrExist) {
		return err
	}
	if _, serr := os.Lstat(path); serr == nil {
		return fmt.Errorf("%s appeared while keygen ran", path)
	}
	return os.Rename(tmp, path)
}
