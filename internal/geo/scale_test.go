package geo

import (
	"slices"
	"strings"
	"testing"
)

func labels(s Scale) []string {
	var out []string
	for _, c := range s {
		out = append(out, c.Label)
	}
	return out
}

func TestNewScale(t *testing.T) {
	t.Parallel()
	upTo := func(n int) []int {
		v := make([]int, n)
		for i := range v {
			v[i] = i + 1
		}
		return v
	}
	tests := []struct {
		name    string
		values  []int
		breaks  []int
		want    []string
		wantErr string
	}{
		{name: "no value", values: nil, want: []string{"0"}},
		{name: "only zeros", values: []int{0, 0, 0}, want: []string{"0"}},
		{name: "a single value", values: []int{0, 1, 1, 0}, want: []string{"0", "1"}},
		{name: "one class of several values", values: []int{0, 2, 1, 2, 1}, want: []string{"0", "1", "2 et plus"}},
		{
			name:   "quantiles, duplicates merged",
			values: []int{0, 0, 0, 1, 1, 3, 3, 3, 3, 6, 8},
			want:   []string{"0", "1 à 2", "3 à 5", "6 et plus"},
		},
		{name: "round bounds above ten", values: upTo(200), want: []string{"0", "1 à 49", "50 à 99", "100 à 149", "150 et plus"}},
		{name: "given breaks", values: []int{0, 40}, breaks: []int{1, 3, 6}, want: []string{"0", "1 à 2", "3 à 5", "6 et plus"}},
		{
			name:   "thousands",
			values: []int{5},
			breaks: []int{1, 1000, 20000},
			want:   []string{"0", "1 à 999", "1\u202f000 à 19\u202f999", "20\u202f000 et plus"},
		},
		{name: "breaks not from 1", breaks: []int{2, 5}, wantErr: "la première borne doit être 1, pas 2"},
		{name: "breaks not increasing", breaks: []int{1, 5, 5}, wantErr: "bornes non croissantes (5 puis 5)"},
		{name: "too many breaks", breaks: []int{1, 2, 3, 4, 5, 6}, wantErr: "6 classes demandées, 5 au plus"},
		{name: "negative", values: []int{3, -1}, wantErr: "valeur négative -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := NewScale(tt.values, tt.breaks)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := labels(s); !slices.Equal(got, tt.want) {
				t.Errorf("labels %q, want %q", got, tt.want)
			}
			// Every value falls in exactly one class, the one Index gives.
			for _, v := range slices.Concat(tt.values, tt.breaks) {
				n := 0
				for _, c := range s {
					if c.Contains(v) {
						n++
					}
				}
				if n != 1 || !s[s.Index(v)].Contains(v) {
					t.Errorf("value %d in %d classes, Index gives %q", v, n, s[s.Index(v)].Label)
				}
			}
		})
	}
}

func TestScaleColours(t *testing.T) {
	t.Parallel()
	if c := contrast("#000000", "#ffffff"); c < 20.99 || c > 21.01 {
		t.Fatalf("contrast black/white %.3f, want 21", c)
	}
	for k := 1; k <= MaxClasses; k++ {
		fills := blues(k)
		if len(fills) != k {
			t.Fatalf("%d colours for %d classes", len(fills), k)
		}
		// The darkest class stands out from the background (WCAG 1.4.11).
		if c := contrast(fills[k-1], background); c < 4.5 {
			t.Errorf("%d classes: darkest %s has contrast %.2f with the background, want ≥ 4.5", k, fills[k-1], c)
		}
		// Each class is darker than the one below it, the zero class included.
		prev := luminance(zeroFill)
		for _, f := range fills {
			if l := luminance(f); l >= prev {
				t.Errorf("%d classes: %s is not darker than the class below", k, f)
			}
			prev = luminance(f)
		}
	}
	if c := contrast(textColour, background); c < 7 {
		t.Errorf("text contrast %.2f, want ≥ 7", c)
	}
}
