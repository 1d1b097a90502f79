package dossier

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/pdf"
)

// Blank renders a campaign's blank questionnaire: every section and
// question with its help and what answer it expects, for collectivités to
// read (and discuss with their GULL) before applying.
func (s *Service) Blank(cp *domain.Campaign) ([]byte, error) {
	q, err := s.questionnaire(cp)
	if err != nil {
		return nil, fmt.Errorf("questionnaire de la campagne %d : %w", cp.Year, err)
	}
	intro := strings.TrimSpace(q.Intro)
	if intro != "" {
		intro += "\n\n"
	}
	intro += "Ce document présente les questions de la campagne " + fmt.Sprint(cp.Year) + ", pour les préparer. Les réponses se donnent sur la plateforme du label, où elles sont enregistrées au fil de la saisie ; certaines questions n’y sont posées que selon une réponse précédente."
	d := &pdf.Dossier{Label: "Territoire Numérique Libre", Year: cp.Year, Blank: true, Intro: intro}
	for _, sec := range q.Sections {
		ps := pdf.Section{Title: sec.Title, Intro: sec.Intro}
		for _, qu := range sec.Questions {
			var lines []string
			if h := strings.TrimSpace(qu.Help); h != "" {
				lines = append(lines, h)
			}
			lines = append(lines, strings.Join(qu.Expected(), " "))
			ps.Items = append(ps.Items, pdf.Item{Label: qu.Label, Answer: pdf.Answer{Kind: pdf.KindLongText, Text: strings.Join(lines, "\n")}})
		}
		d.Sections = append(d.Sections, ps)
	}
	var buf bytes.Buffer
	if err := s.renderer.Dossier(&buf, d); err != nil {
		return nil, fmt.Errorf("questionnaire vierge %d : %w", cp.Year, err)
	}
	return buf.Bytes(), nil
}
