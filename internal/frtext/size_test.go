package frtext

import "testing"

func TestSize(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, "0 octets"},
		{532, "532 octets"},
		{1023, "1023 octets"},
		{1024, "1 ko"},
		{12 * 1024, "12 ko"},
		{1<<20 - 1, "1023 ko"},
		{1 << 20, "1,0 Mo"},
		{10 << 20, "10,0 Mo"},
		{1572864, "1,5 Mo"},
	} {
		if got := Size(tc.n); got != tc.want {
			t.Errorf("Size(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
