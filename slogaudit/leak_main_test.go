package slogaudit

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestMain fails the run when a test left a slogcore handler open: its
// worker goroutine outlives the test and every test after it shares the
// CPU with it. To find the test that made it, run with
// GODEBUG=tracebackancestors=20 and read the stacks printed.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		if left := openWorkers(5 * time.Second); len(left) > 0 {
			fmt.Fprintf(os.Stderr, "slogaudit tests: %d slogcore workers still running after the tests (a slogcore.New without Close):\n\n%s\n",
				len(left), strings.Join(left, "\n\n"))
			code = 1
		}
	}
	os.Exit(code)
}

// openWorkers returns the stacks of the slogcore workers still running
// once wait has passed (or none are left).
func openWorkers(wait time.Duration) []string {
	deadline := time.Now().Add(wait)
	for {
		buf := make([]byte, 1<<20)
		for {
			n := runtime.Stack(buf, true)
			if n < len(buf) {
				buf = buf[:n]
				break
			}
			buf = make([]byte, 2*len(buf))
		}
		var left []string
		for _, g := range strings.Split(string(buf), "\n\n") {
			if strings.Contains(g, "slogcore.(*core).run(") {
				left = append(left, g)
			}
		}
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		time.Sleep(50 * time.Millisecond)
	}
}
