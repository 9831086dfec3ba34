package goroutine

import (
	"sync"
	"testing"
)

// TestIDTellsGoroutinesApart: each goroutine gets an id of its own, not
// 0, and the same id on every call.
func TestIDTellsGoroutinesApart(t *testing.T) {
	const n = 64
	ids := make([]uint64, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ids[i] = ID()
			if again := ID(); again != ids[i] {
				t.Errorf("goroutine %d: id %d, then %d", i, ids[i], again)
			}
		}()
	}
	wg.Wait()
	seen := map[uint64]bool{ID(): true}
	for i, id := range ids {
		if id == 0 || seen[id] {
			t.Fatalf("goroutine %d: id %d is 0 or taken", i, id)
		}
		seen[id] = true
	}
}

// TestSet: Enter refuses an id that is in the set until it leaves, Has
// answers for the set, and many goroutines entering and leaving at once
// leave it empty.
func TestSet(t *testing.T) {
	var s Set
	if s.Has(7) || !s.Enter(7) || !s.Has(7) || s.Enter(7) {
		t.Fatal("Enter or Has is wrong for one id")
	}
	if !s.Enter(8) || !s.Has(8) {
		t.Fatal("a second id was refused")
	}
	s.Leave(7)
	if s.Has(7) || !s.Has(8) || !s.Enter(7) {
		t.Fatal("Leave removed the wrong id")
	}
	s.Leave(7)
	s.Leave(8)
	s.Leave(9) // absent: nothing happens
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := ID()
			for range 1000 {
				if !s.Enter(id) {
					t.Error("a goroutine's own id was in the set")
					return
				}
				if !s.Has(id) {
					t.Error("an id that entered is not in the set")
				}
				s.Leave(id)
			}
		}()
	}
	wg.Wait()
	if len(s.ids) != 0 {
		t.Fatalf("%d ids left in the set", len(s.ids))
	}
}
