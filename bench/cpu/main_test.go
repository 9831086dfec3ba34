package main

import (
	"testing"
	"time"
)

// Every contender logs every scenario and closes without an error, and the
// measurement takes some CPU time.
func TestMeasure(t *testing.T) {
	for scenario := range scenarios {
		var total int64
		for _, c := range contenders {
			d, err := measure(c, scenario, 2000)
			if err != nil {
				t.Errorf("%s/%s: %v", scenario, c.name, err)
			}
			if d < 0 {
				t.Errorf("%s/%s: negative CPU time %v", scenario, c.name, d)
			}
			total += int64(d)
		}
		if total == 0 {
			t.Errorf("%s: no CPU time measured for %d contenders", scenario, len(contenders))
		}
	}
}

// quartiles picks by nearest rank.
func TestQuartiles(t *testing.T) {
	q1, med, q3 := quartiles([]time.Duration{5, 1, 4, 2, 3})
	if q1 != 2 || med != 3 || q3 != 4 {
		t.Errorf("quartiles(1..5) = %v, %v, %v, want 2, 3, 4", q1, med, q3)
	}
}
