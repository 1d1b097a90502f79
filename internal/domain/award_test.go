package domain

import (
	"encoding/json"
	"testing"
)

func TestAwardSchemes(t *testing.T) {
	t.Parallel()
	for _, s := range []AwardScheme{DefaultAwardScheme(), Scheme2025()} {
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", s.Name, err)
		}
		// Schemes are data: they survive their JSON column.
		b, _ := json.Marshal(s)
		var back AwardScheme
		if err := json.Unmarshal(b, &back); err != nil || back.HasBadge() != s.HasBadge() || len(back.Mentions) != len(s.Mentions) || back.Levels[0].Template != s.Levels[0].Template {
			t.Errorf("%s: JSON round trip %+v (%v)", s.Name, back, err)
		}
	}
	old, s25 := DefaultAwardScheme(), Scheme2025()
	if old.HasBadge() || len(old.LevelsFor(TrackLabel)) != 5 || len(old.LevelsFor(TrackBadge)) != 5 {
		t.Error("the 1–5 scheme has tracks")
	}
	if !s25.HasBadge() || len(s25.Mentions) != 4 {
		t.Fatal("the 2025 scheme has no Badge or not its four mentions")
	}
	if b := s25.LevelsFor(TrackBadge); len(b) != 1 || b[0].Label != "Badge" {
		t.Errorf("Badge track levels: %+v", b)
	}
	if l := s25.LevelsFor(TrackLabel); len(l) != 3 || l[0].Label != "Bronze" || l[2].Label != "Or" {
		t.Errorf("label track levels: %+v", l)
	}
	bad := []AwardScheme{
		{Name: "vide"},
		{Name: "filière", Levels: []AwardLevel{{Value: 1, Label: "A", Track: "autre"}}},
		{Name: "mentions", Levels: []AwardLevel{{Value: 1, Label: "A"}}, Mentions: []string{"X", "X"}},
		{Name: "mention vide", Levels: []AwardLevel{{Value: 1, Label: "A"}}, Mentions: []string{""}},
	}
	for _, s := range bad {
		if err := s.Validate(); err == nil {
			t.Errorf("%s: accepted", s.Name)
		}
	}
}
