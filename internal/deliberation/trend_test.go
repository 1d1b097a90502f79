package deliberation

import (
	"context"
	"testing"

	"github.com/adullact/tnl/internal/domain"
)

func TestTrend(t *testing.T) {
	t.Parallel()
	lvl := func(v int) *int { return &v }
	cp2026 := &domain.Campaign{Year: 2026, AwardScheme: domain.Scheme2025()}
	schemes := &schemeCache{byYear: map[int]domain.AwardScheme{2024: domain.DefaultAwardScheme(), 2025: domain.Scheme2025(), 2026: domain.Scheme2025()}}
	cases := []struct {
		name  string
		level int
		prev  *domain.PalmaresEntry
		want  string
	}{
		{"first laureate", 3, nil, TrendNew},
		{"first candidature without label", 0, nil, ""},
		{"same level as last year", 3, &domain.PalmaresEntry{Year: 2025, Awarded: true, Level: lvl(3)}, TrendSame},
		{"higher", 4, &domain.PalmaresEntry{Year: 2025, Awarded: true, Level: lvl(3)}, TrendUp},
		{"lower", 2, &domain.PalmaresEntry{Year: 2025, Awarded: true, Level: lvl(3)}, TrendDown},
		{"no label after a label", 0, &domain.PalmaresEntry{Year: 2025, Awarded: true, Level: lvl(3)}, TrendDown},
		{"no label again", 0, &domain.PalmaresEntry{Year: 2025, Awarded: false}, TrendNoneAgain},
		{"back after a gap", 3, &domain.PalmaresEntry{Year: 2023, Awarded: true, Level: lvl(3)}, TrendBack},
		{"back after a year without label", 2, &domain.PalmaresEntry{Year: 2025, Awarded: false}, TrendBack},
		{"level not published", 2, &domain.PalmaresEntry{Year: 2025, Awarded: true}, TrendUnknown},
		// Across schemes: level 4 of 5 (0.8) in 2024, Argent (3 of 4, 0.75) now.
		{"across schemes, a little lower", 3, &domain.PalmaresEntry{Year: 2024, Awarded: true, Level: lvl(4)}, TrendBack},
	}
	cp2025 := &domain.Campaign{Year: 2025, AwardScheme: domain.Scheme2025()}
	for _, c := range cases {
		if got := trend(context.Background(), schemes, cp2026, c.level, c.prev); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	// The year after a 1–5 edition: Or (4 of 4) above level 4 of 5, Bronze (2 of 4) below it.
	prev := &domain.PalmaresEntry{Year: 2024, Awarded: true, Level: lvl(4)}
	for level, want := range map[int]string{4: TrendUp, 2: TrendDown} {
		if got := trend(context.Background(), schemes, cp2025, level, prev); got != want {
			t.Errorf("2025 level %d after 2024 level 4: %q, want %q", level, got, want)
		}
	}
}
