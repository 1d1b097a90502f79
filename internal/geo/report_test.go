package geo

import "testing"

func TestThousands(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n    int
		want string
	}{
		{0, "0"},
		{999, "999"},
		{1000, "1\u202f000"},
		{34864, "34\u202f864"},
		{1234567, "1\u202f234\u202f567"},
		{-1500, "-1\u202f500"},
	}
	for _, tt := range tests {
		if got := thousands(tt.n); got != tt.want {
			t.Errorf("thousands(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
