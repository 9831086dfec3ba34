package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"

	"github.com/slogguard/slogguard/slogaudit"
)

// show prints log lines with personal values revealed or marked erased.
func (c *cli) show(args []string) int {
	fs := flagSet("show")
	dir := fs.String("keys", "", flagShowKeys)
	files, err := parseFlags(fs, args)
	if err != nil {
		return c.flagError(err, showUsage, fs, hintShow)
	}
	if *dir == "" || len(files) == 0 {
		return c.fail(exitUsage, hintShow, "show: want -keys DIR and at least one log file")
	}
	if fi, err := os.Stat(*dir); err != nil || !fi.IsDir() {
		return c.fail(exitUsage, hintShow, "show: key store %s is not a directory", *dir)
	}
	if code := c.refuseCompressed("show", "", files...); code != exitIntact {
		return code
	}
	ks, err := slogaudit.OpenKeyStore(*dir)
	if err != nil {
		return c.fail(exitUsage, hintShow, "show: %s", plain(err))
	}
	w := bufio.NewWriter(c.stdout)
	defer w.Flush()
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			return c.fail(exitUsage, hintShow, "show: %v", err)
		}
		for n, line := range bytes.Split(data, []byte("\n")) {
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			out, err := slogaudit.Reveal(line, ks)
			if err != nil {
				fmt.Fprintf(w, "%s:%d: not a record: %v\n", p, n+1, plain(err))
				continue
			}
			w.Write(out)
			w.WriteByte('\n')
		}
	}
	return exitIntact
}
