package domain

import "testing"

func TestSearchKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"L'Abergement-Clémenciat", "l abergement clemenciat"},
		{"Cœuvres-et-Valsery", "coeuvres et valsery"},
		{"  SAINT-ÉTIENNE ", "saint etienne"},
		{"Île-de-France", "ile de france"},
		{"CC Faucigny - Glières", "cc faucigny glieres"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := SearchKey(tt.in); got != tt.want {
			t.Errorf("SearchKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
