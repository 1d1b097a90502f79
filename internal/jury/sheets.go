package jury

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/questionnaire"
)

// Sheet renders the jury's sheet of a candidature as PDF, for the jury and
// staff: its dossier (cover and answers), the questionnaire's automatic
// score, every evaluation the person may see and the aggregate (rels and
// facts: their relations to the candidature).
func (s *Service) Sheet(ctx context.Context, c *domain.Candidature, rels policy.Set, facts policy.Facts, who policy.Principal) ([]byte, error) {
	cj, err := s.CandidatureJury(ctx, c, rels, facts, who)
	if err != nil {
		return nil, err
	}
	if !policy.Reviewer(rels) {
		return nil, domain.Errorf(domain.EForbidden, "Réservé au jury et à l’équipe ADULLACT.")
	}
	view, err := s.docs.View(ctx, c.ID, rels)
	if err != nil {
		return nil, err
	}
	cp, err := s.store.Campaign(ctx, c.CampaignID)
	if err != nil {
		return nil, err
	}
	q, err := s.questionnaire(cp)
	if err != nil {
		return nil, err
	}
	coll, err := s.store.Collectivite(ctx, c.CollectiviteID)
	if err != nil {
		return nil, err
	}
	answers, err := s.answers(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	view.Title = "Fiche du jury"
	score := q.Score(answers, questionnaire.Profile{Kind: string(coll.Kind), Population: coll.Population})
	sections := []pdf.Section{scoreSection(score)}
	evals := cj.Evaluations
	if cj.Own != nil && cj.Own.State == domain.EvalRemise {
		sections = append(sections, evaluationSection("Votre évaluation", *cj.Own, "", q.Grid, cp.AwardScheme))
	}
	for _, e := range evals {
		sections = append(sections, evaluationSection("Évaluation de "+orDefault(e.Name, e.Email), e.Evaluation, e.Email, q.Grid, cp.AwardScheme))
	}
	if cj.Aggregate != nil {
		sections = append(sections, aggregateSection(cj))
	} else if !cj.OthersVisible {
		sections = append(sections, pdf.Section{Title: "Agrégat du jury",
			Intro: "Les évaluations des autres jurés et leur agrégat vous seront montrés " + visibilityWhen(cj.Settings.Visibility) + "."})
	}
	view.Sections = append(sections, view.Sections...)
	var buf bytes.Buffer
	if err := s.pdf.Dossier(&buf, view); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func visibilityWhen(v string) string {
	switch v {
	case domain.VisibilityNever:
		return "jamais (réglage de la campagne) : seule la présidence les voit"
	case domain.VisibilityAfterOwn:
		return "une fois votre évaluation remise"
	}
	return "dès qu’elles sont remises"
}

func text(s string) pdf.Answer {
	if strings.TrimSpace(s) == "" {
		return pdf.Answer{Kind: pdf.KindUnanswered}
	}
	if strings.Contains(s, "\n") || len(s) > 120 {
		return pdf.Answer{Kind: pdf.KindLongText, Text: s}
	}
	return pdf.Answer{Kind: pdf.KindText, Text: s}
}

func scoreSection(res questionnaire.Result) pdf.Section {
	t := &pdf.Table{Header: []string{"Thème", "Points", "Pondéré"}}
	for _, th := range res.Themes {
		t.Rows = append(t.Rows, []string{th.Label, fr.Decimal(th.Points, 2) + " / " + fr.Decimal(th.Max, 2), fr.Decimal(th.Weighted, 2) + " / " + fr.Decimal(th.Weight, 2)})
	}
	level := "aucun niveau"
	if res.Level > 0 {
		level = fmt.Sprintf("niveau %d", res.Level)
	}
	return pdf.Section{Title: "Score automatique du questionnaire", Items: []pdf.Item{
		{Label: "Points par thème", Answer: pdf.Answer{Kind: pdf.KindTable, Table: t}},
		{Label: "Total et niveau suggéré", Answer: text(fmt.Sprintf("%s sur %s : %s", fr.Decimal(res.Total, 2), fr.Decimal(res.Max, 2), level))},
		{Label: "Explication", Answer: text(strings.TrimSpace(res.Explanation))},
	}}
}

func evaluationSection(title string, e domain.Evaluation, email string, g *questionnaire.Grid, scheme domain.AwardScheme) pdf.Section {
	sec := pdf.Section{Title: title}
	if email != "" {
		sec.Intro = email
	}
	if e.SubmittedAt != nil {
		sec.Intro = strings.TrimSpace(sec.Intro + " — remise le " + fr.DateTime(*e.SubmittedAt))
	}
	if g != nil {
		for _, th := range g.Themes {
			t := &pdf.Table{Header: []string{"Critère", "Note"}}
			for _, c := range th.Criteria {
				note := "—"
				if v, ok := e.Scores[th.Theme][c.Key]; ok {
					note = fmt.Sprintf("%d « %s »", v, th.Anchor(v))
				}
				t.Rows = append(t.Rows, []string{c.Label, note})
			}
			sec.Items = append(sec.Items, pdf.Item{Label: th.Label, Answer: pdf.Answer{Kind: pdf.KindTable, Table: t}})
			if cm := e.Comments[th.Theme]; strings.TrimSpace(cm) != "" {
				sec.Items = append(sec.Items, pdf.Item{Label: "Commentaire — " + th.Label, Answer: text(cm)})
			}
		}
	}
	level := "non proposé"
	if e.Level != nil {
		level = scheme.LevelLabel(e.Level)
	}
	sec.Items = append(sec.Items,
		pdf.Item{Label: "Niveau proposé", Answer: text(level)},
		pdf.Item{Label: "Confiance", Answer: text(domain.ConfidenceLabel(e.Confidence))},
		pdf.Item{Label: "Note pour le jury", Answer: text(e.PrivateNote)},
		pdf.Item{Label: "Remarque pour la collectivité", Answer: text(e.Remark)})
	return sec
}

func aggregateSection(cj *CandidatureJury) pdf.Section {
	a := cj.Aggregate
	t := &pdf.Table{Header: []string{"", "Médiane", "Moyenne", "Écart", "Normalisée (médiane)"}}
	row := func(label string, n int, med, mean, spread, norm float64) {
		if n == 0 {
			t.Rows = append(t.Rows, []string{label, "—", "—", "—", "—"})
			return
		}
		t.Rows = append(t.Rows, []string{label, fr.Decimal(med, 2), fr.Decimal(mean, 2), fr.Decimal(spread, 2), fr.Decimal(norm, 2)})
	}
	for i, th := range cj.In.Themes {
		st := a.Themes[i]
		row(th.Label, st.N, st.Median, st.Mean, st.Spread, st.NormMedian)
	}
	o := a.Overall
	row("Note globale", o.N, o.Median, o.Mean, o.Spread, o.NormMedian)
	items := []pdf.Item{
		{Label: "Notes des jurés", Answer: pdf.Answer{Kind: pdf.KindTable, Table: t}},
		{Label: "Niveau suggéré", Answer: text(cj.Explanation)},
	}
	if a.Disagreement {
		items = append(items, pdf.Item{Label: "Désaccords", Answer: text(strings.Join(a.Reasons, " ; "))})
	}
	return pdf.Section{Title: "Agrégat du jury", Intro: fr.Count(o.N, "évaluation remise", "évaluations remises"), Items: items}
}

// Grid renders the blank evaluation grid of a campaign as PDF, for a
// juror who works offline (rels and facts: their relations to the
// campaign).
func (s *Service) Grid(ctx context.Context, cp *domain.Campaign, rels policy.Set, facts policy.Facts) ([]byte, error) {
	if err := s.policy.Decide(policy.JuryGrid, rels, facts); err != nil {
		return nil, err
	}
	_, g, err := s.grid(cp)
	if err != nil {
		return nil, err
	}
	view := &pdf.Dossier{Title: "Grille d’évaluation", Label: "Territoire Numérique Libre", Year: cp.Year,
		Collectivite: pdf.Collectivite{Name: "Candidature : ……………………………"}, State: "À remplir par le juré", GeneratedAt: cp.CreatedAt}
	for _, th := range g.Themes {
		anchors := make([]string, len(th.Scale))
		for i, a := range th.Scale {
			anchors[i] = fmt.Sprintf("%d « %s »", a.Value, a.Label)
		}
		sec := pdf.Section{Title: th.Label, Intro: "Échelle : " + strings.Join(anchors, " · ") + "."}
		for _, c := range th.Criteria {
			label := c.Label
			if c.Help != "" {
				label += " — " + c.Help
			}
			sec.Items = append(sec.Items, pdf.Item{Label: label, Answer: text(fmt.Sprintf("Note (de %d à %d) : ………", th.Min(), th.Max()))})
		}
		sec.Items = append(sec.Items, pdf.Item{Label: "Commentaire sur le thème", Answer: text("……………………………………………………………………\n……………………………………………………………………\n……………………………………………………………………")})
		view.Sections = append(view.Sections, sec)
	}
	levels := []string{"0 — aucun niveau"}
	for _, l := range cp.AwardScheme.Levels {
		levels = append(levels, fmt.Sprintf("%d — %s", l.Value, l.Label))
	}
	view.Sections = append(view.Sections, pdf.Section{Title: "Appréciation d’ensemble", Items: []pdf.Item{
		{Label: "Niveau proposé (entourez)", Answer: text(strings.Join(levels, "\n"))},
		{Label: "Confiance (entourez)", Answer: text("faible · moyenne · élevée")},
		{Label: "Note pour le jury", Answer: text("……………………………………………………………………\n……………………………………………………………………")},
		{Label: "Remarque pour la collectivité (publiée avec le résultat si le jury la garde)", Answer: text("……………………………………………………………………\n……………………………………………………………………")},
	}})
	var buf bytes.Buffer
	if err := s.pdf.Dossier(&buf, view); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
