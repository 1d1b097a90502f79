package account

import "testing"

// Sign-ins may use half the cores, at least one.
func TestArgonSlots(t *testing.T) {
	t.Parallel()
	for procs, want := range map[int]int{1: 1, 2: 1, 3: 1, 4: 2, 8: 4, 64: 32} {
		if got := argonSlots(procs); got != want {
			t.Errorf("argonSlots(%d) = %d, want %d", procs, got, want)
		}
	}
}
