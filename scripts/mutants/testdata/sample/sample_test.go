package sample

import "testing"

func TestClamp(t *testing.T) {
	for _, c := range []struct{ in, want int }{{-3, 0}, {5, 5}, {40, 18}} {
		if got := Clamp(c.in); got != c.want {
			t.Errorf("Clamp(%d) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestSum(t *testing.T) {
	if got := Sum([]float64{1, 2, 4}); got != 7 {
		t.Errorf("Sum = %v, want 7", got)
	}
}

func TestMid(t *testing.T) {
	if got := Mid(2, 10); got != 6 {
		t.Errorf("Mid = %v, want 6", got)
	}
}

func TestNeg(t *testing.T) {
	Neg(1, "x") // runs Neg and checks nothing: its mutants live
}

func TestCount(t *testing.T) {
	if Count(3) != 3 {
		t.Error("Count(3) != 3")
	}
}
