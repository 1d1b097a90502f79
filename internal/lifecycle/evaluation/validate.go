package evaluation

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/questionnaire"
)

// Mode is how strictly an evaluation is checked.
type Mode int

const (
	// Draft checks what is given: scores on the scale, known criteria,
	// lengths. An autosaved draft may be incomplete.
	Draft Mode = iota
	// Submission also requires every criterion scored, a level and a
	// confidence.
	Submission
)

// Input is an evaluation as a juror writes it.
type Input struct {
	Scores      map[string]map[string]int // theme → criterion → score
	Comments    map[string]string         // theme → comment
	Level       *int                      // proposed level of the award scheme, 0 for none
	Confidence  string                    // domain.ConfidenceLow, …
	PrivateNote string                    // for the jury
	Remark      string                    // for the collectivité
}

// InputOf returns what an evaluation holds.
func InputOf(e *domain.Evaluation) Input {
	return Input{Scores: e.Scores, Comments: e.Comments, Level: e.Level, Confidence: e.Confidence, PrivateNote: e.PrivateNote, Remark: e.Remark}
}

// Limits of the texts of an evaluation, in characters.
const (
	MaxComment = 5000
	MaxNote    = 5000
)

// Form field names of an evaluation, in pages and in the API.
const (
	FieldLevel       = "niveau"
	FieldConfidence  = "confiance"
	FieldPrivateNote = "note_privee"
	FieldRemark      = "remarque"
)

// ScoreField is the form field of a criterion's score.
func ScoreField(theme, criterion string) string { return "note." + theme + "." + criterion }

// CommentField is the form field of a theme's comment.
func CommentField(theme string) string { return "commentaire." + theme }

// FieldError is one problem of an evaluation, on one form field.
type FieldError struct {
	Field   string
	Message string
}

// Checker validates evaluations: go-playground/validator runs the checks
// (tags built from the grid), Validate words them in French. It is safe
// for concurrent use.
type Checker struct {
	v *validator.Validate
}

// NewChecker returns a Checker.
func NewChecker() *Checker { return &Checker{v: validator.New()} }

// Validate checks an evaluation against the campaign's grid and award
// scheme, and returns every problem with a French message, in the order of
// the form.
func (ch *Checker) Validate(g *questionnaire.Grid, scheme domain.AwardScheme, in Input, mode Mode) []FieldError {
	var out []FieldError
	check := func(field, label string, value any, tag string, words map[string]string) {
		err := ch.v.VarWithKey(field, value, tag)
		var ves validator.ValidationErrors
		if !errors.As(err, &ves) {
			return
		}
		fe := ves[0]
		msg := words[fe.Tag()]
		if msg == "" {
			msg = fmt.Sprintf("%s : valeur invalide.", label)
		}
		out = append(out, FieldError{Field: field, Message: msg})
	}
	required, optional := "omitnil", "omitempty" // for pointers, for texts
	if mode == Submission {
		required, optional = "required", "required"
	}
	for theme := range in.Scores {
		if g.Theme(theme) == nil {
			out = append(out, FieldError{Field: "note." + theme, Message: fmt.Sprintf("Thème inconnu de la grille : « %s ».", theme)})
		}
	}
	for _, t := range g.Themes {
		scores := in.Scores[t.Theme]
		for key := range scores {
			if t.Criterion(key) == nil {
				out = append(out, FieldError{Field: ScoreField(t.Theme, key), Message: fmt.Sprintf("Critère inconnu dans le thème « %s » : « %s ».", t.Label, key)})
			}
		}
		for _, c := range t.Criteria {
			var v *int
			if s, ok := scores[c.Key]; ok {
				v = &s
			}
			label := fmt.Sprintf("« %s » (%s)", c.Label, t.Label)
			scale := fmt.Sprintf("%s : la note va de %d (%s) à %d (%s).", label, t.Min(), t.Anchor(t.Min()), t.Max(), t.Anchor(t.Max()))
			check(ScoreField(t.Theme, c.Key), label, v, fmt.Sprintf("%s,gte=%d,lte=%d", required, t.Min(), t.Max()), map[string]string{
				"required": label + " : choisissez une note.", "gte": scale, "lte": scale,
			})
		}
		comment := in.Comments[t.Theme]
		check(CommentField(t.Theme), "commentaire", comment, fmt.Sprintf("max=%d", MaxComment), map[string]string{
			"max": fmt.Sprintf("Le commentaire du thème « %s » ne doit pas dépasser %s caractères.", t.Label, fr.Int(MaxComment)),
		})
	}
	for theme := range in.Comments {
		if g.Theme(theme) == nil {
			out = append(out, FieldError{Field: CommentField(theme), Message: fmt.Sprintf("Thème inconnu de la grille : « %s ».", theme)})
		}
	}
	levels := []string{"0"}
	names := []string{"0 (aucun niveau)"}
	for _, l := range scheme.Levels {
		levels = append(levels, strconv.Itoa(l.Value))
		names = append(names, fmt.Sprintf("%d (%s)", l.Value, l.Label))
	}
	check(FieldLevel, "niveau", in.Level, required+",oneof="+strings.Join(levels, " "), map[string]string{
		"required": "Proposez un niveau (ou « aucun niveau »).",
		"oneof":    fmt.Sprintf("Le niveau proposé n’existe pas dans le barème « %s » : niveaux possibles %s.", scheme.Name, strings.Join(names, ", ")),
	})
	check(FieldConfidence, "confiance", in.Confidence, optional+",oneof="+strings.Join(domain.Confidences(), " "), map[string]string{
		"required": "Indiquez votre confiance dans cette évaluation (faible, moyenne ou élevée).",
		"oneof":    "La confiance est faible, moyenne ou élevée.",
	})
	check(FieldPrivateNote, "note", in.PrivateNote, fmt.Sprintf("max=%d", MaxNote), map[string]string{
		"max": fmt.Sprintf("La note pour le jury ne doit pas dépasser %s caractères.", fr.Int(MaxNote)),
	})
	check(FieldRemark, "remarque", in.Remark, fmt.Sprintf("max=%d", MaxNote), map[string]string{
		"max": fmt.Sprintf("La remarque pour la collectivité ne doit pas dépasser %s caractères.", fr.Int(MaxNote)),
	})
	return out
}

// summary names the first problems of a submission, for a guard's message.
func summary(problems []FieldError) string {
	parts := make([]string, 0, 3)
	for _, p := range problems[:min(3, len(problems))] {
		parts = append(parts, strings.TrimSuffix(p.Message, "."))
	}
	s := fr.Count(len(problems), "point à compléter", "points à compléter") + " (" + strings.Join(parts, " ; ")
	if len(problems) > 3 {
		s += " ; …"
	}
	return s + ")"
}

// Figures returns what a submitted evaluation adds to the aggregation: the
// theme averages in the grid's order ("-" for a theme without score),
// space-separated, and the overall score on the grid's default scale.
func Figures(g *questionnaire.Grid, e *domain.Evaluation) (string, float64) {
	avgs := make([]float64, len(g.Themes))
	parts := make([]string, len(g.Themes))
	for i, t := range g.Themes {
		v, ok := t.ThemeAverage(e.Scores[t.Theme])
		if !ok {
			avgs[i], parts[i] = math.NaN(), "-"
			continue
		}
		avgs[i] = v
		parts[i] = strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
	}
	overall, _ := g.Overall(avgs)
	return strings.Join(parts, " "), overall
}

// ParseThemeScores reads the theme averages written by Figures (NaN for
// "-").
func ParseThemeScores(s string) []float64 {
	fields := strings.Fields(s)
	out := make([]float64, len(fields))
	for i, f := range fields {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			v = math.NaN()
		}
		out[i] = v
	}
	return out
}
