package jury

import (
	"fmt"
	"io"
	"strings"

	"github.com/adullact/tnl/internal/sheet"
)

// RankingTable is the ranking as a table for the deliberation: one row per
// candidature in the ranking's order.
func RankingTable(rk *Ranking) *sheet.Table {
	t := &sheet.Table{
		Name:        "Classement",
		Title:       fmt.Sprintf("Classement du jury — label %d", rk.Campaign.Year),
		Description: "Agrégat des évaluations du jury par candidature : médianes, moyennes, écarts, notes normalisées et niveau suggéré.",
		Columns: []sheet.Column{
			{Name: "rang", Title: "Rang", Type: sheet.Integer, Required: true},
			{Name: "reference", Title: "Référence", Type: sheet.String, Required: true, Unique: true},
			{Name: "collectivite", Title: "Collectivité", Type: sheet.String, Required: true},
			{Name: "type", Title: "Type", Type: sheet.String},
			{Name: "etat", Title: "État", Type: sheet.String},
			{Name: "evaluations", Title: "Évaluations remises", Type: sheet.Integer},
			{Name: "affectees", Title: "Évaluations affectées", Type: sheet.Integer},
			{Name: "niveau_suggere", Title: "Niveau suggéré", Type: sheet.Integer},
			{Name: "note_mediane", Title: "Note globale médiane", Type: sheet.Number},
			{Name: "note_moyenne", Title: "Note globale moyenne", Type: sheet.Number},
			{Name: "note_normalisee", Title: "Note globale normalisée (médiane)", Type: sheet.Number},
			{Name: "ecart_niveaux", Title: "Écart des niveaux proposés", Type: sheet.Integer},
			{Name: "desaccord", Title: "Désaccord", Type: sheet.Boolean},
			{Name: "score_auto", Title: "Score automatique", Type: sheet.Number},
			{Name: "niveau_auto", Title: "Niveau du score automatique", Type: sheet.Integer},
		},
	}
	for _, th := range rk.Grid.Themes {
		t.Columns = append(t.Columns, sheet.Column{Name: "theme_" + th.Theme, Title: th.Label + " (médiane)", Type: sheet.Number})
	}
	t.Columns = append(t.Columns, sheet.Column{Name: "desaccords", Title: "Désaccords", Type: sheet.String},
		sheet.Column{Name: "explication", Title: "Comment le niveau est suggéré", Type: sheet.String})
	for i := range rk.Rows {
		r := &rk.Rows[i]
		row := []any{i + 1, r.Reference, r.CollectiviteName, r.CollectiviteKind.Label(), r.State, r.Overall.N, r.Assigned,
			r.Suggested, num(r.Overall.N, r.Overall.Median), num(r.Overall.N, r.Overall.Mean), num(r.Overall.N, r.Overall.NormMedian),
			intOrNil(r.Levels.N, int(r.Levels.Spread)), r.Disagreement, autoTotal(r), autoLevel(r)}
		for d := range rk.Grid.Themes {
			st := r.Themes[d]
			row = append(row, num(st.N, st.Median))
		}
		row = append(row, strings.Join(r.Reasons, " ; "), r.Explain(rk.In))
		t.Rows = append(t.Rows, row)
	}
	return t
}

func num(n int, v float64) any {
	if n == 0 {
		return nil
	}
	return v
}

func intOrNil(n, v int) any {
	if n == 0 {
		return nil
	}
	return v
}

func autoTotal(r *RankingRow) any {
	if !r.Automatic.Known {
		return nil
	}
	return r.Automatic.Total
}

func autoLevel(r *RankingRow) any {
	if !r.Automatic.Known {
		return nil
	}
	return r.Automatic.Level
}

// WriteRanking writes the ranking as CSV ("csv") or ODS ("ods").
func WriteRanking(w io.Writer, rk *Ranking, format string) error {
	t := RankingTable(rk)
	switch format {
	case "csv":
		return sheet.WriteCSV(w, t)
	case "ods":
		return sheet.WriteODS(w, t)
	}
	return fmt.Errorf("format %q inconnu (csv ou ods)", format)
}
