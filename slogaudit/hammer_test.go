package slogaudit

import "sync"

// hammer calls log(g, i) for i < perG from each of goroutines goroutines at
// once, and returns when all are done.
func hammer(goroutines, perG int, log func(g, i int)) {
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perG {
				log(g, i)
			}
		}()
	}
	wg.Wait()
}
