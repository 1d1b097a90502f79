package aggregate

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkCompute aggregates a full-scale campaign: 36 359 candidatures,
// three evaluations each by 500 jurors, five themes.
func BenchmarkCompute(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	in := Input{Overall: Theme{Min: 0, Max: 4}, Levels: []Level{{1, "1"}, {2, "2"}, {3, "3"}, {4, "4"}, {5, "5"}}}
	for i := range 5 {
		in.Themes = append(in.Themes, Theme{Key: string(rune('a' + i)), Label: "Thème", Min: 0, Max: 4})
	}
	confs := []string{"faible", "moyenne", "elevee"}
	for i := range 36359 {
		c := Candidature{ID: int64(i + 1), Automatic: Automatic{Known: true, Total: rng.Float64() * 100, Max: 100, Level: rng.IntN(6)}}
		for k := range 3 {
			e := Evaluation{Juror: int64((i*3+k)%500 + 1), Overall: float64(rng.IntN(17)) / 4, Level: rng.IntN(6), Confidence: confs[rng.IntN(3)]}
			for range 5 {
				e.Themes = append(e.Themes, float64(rng.IntN(13))/3)
			}
			c.Evaluations = append(c.Evaluations, e)
		}
		in.Candidatures = append(in.Candidatures, c)
	}
	for b.Loop() {
		if rs := Compute(in); len(rs) != 36359 {
			b.Fatal(len(rs))
		}
	}
}
