package main

import "testing"

func TestFrench(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{frInt(36359), "36\u202f359"},
		{frInt(999), "999"},
		{frInt(-1234567), "-1\u202f234\u202f567"},
		{frNum(1234.56, 1), "1\u202f234,6"},
		{frNum(0.0123, 3), "0,012"},
		{frNum(42, 0), "42"},
		{megabytes(150 << 20), "150 Mo"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
