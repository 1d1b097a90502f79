package dossier

import (
	"encoding/json"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
)

// labelName is the name of the label printed on every document.
const labelName = "Territoire Numérique Libre"

// dossierView builds the view of a dossier: cover, then the sections of the
// questionnaire with the visible questions and their answers. The jury's
// level shows as the policy says (policy.LevelVisible).
func (s *Service) dossierView(sub *subject, rels policy.Set) *pdf.Dossier {
	d, c := sub.data, &sub.data.Candidature
	answers := answerMap(d.Answers)
	view := &pdf.Dossier{
		Label:        labelName,
		Year:         sub.campaign.Year,
		Reference:    c.Reference,
		Collectivite: collectiviteView(c),
		Elu:          eluView(c),
		CoEditors:    coEditors(c, d.Members),
		State:        candlc.StateLabel(c.State),
		GeneratedAt:  lastChange(d),
		Sections:     sections(sub.questionnaire, answers, d),
	}
	if c.SubmittedAt != nil {
		view.SubmittedAt = *c.SubmittedAt
	}
	if c.Level != nil && policy.LevelVisible(rels, candlc.Facts(&c.Candidature, "")) {
		lv := levelView(sub.campaign.AwardScheme, *c.Level)
		view.Level = &lv
	}
	return view
}

func answerMap(rows []store.DossierAnswer) questionnaire.Answers {
	a := make(questionnaire.Answers, len(rows))
	for _, r := range rows {
		a[r.QuestionKey] = json.RawMessage(r.Value)
	}
	return a
}

// lastChange is the instant of the last change to the dossier's content:
// the candidature, its answers or its members. It dates the document, so
// that rendering twice gives the same bytes.
func lastChange(d *store.DossierData) time.Time {
	c := &d.Candidature
	last := c.UpdatedAt
	if c.SubmittedAt != nil && c.SubmittedAt.After(last) {
		last = *c.SubmittedAt
	}
	for _, a := range d.Answers {
		if a.UpdatedAt.After(last) {
			last = a.UpdatedAt
		}
	}
	for _, m := range d.Members {
		if m.CreatedAt.After(last) {
			last = m.CreatedAt
		}
	}
	return last.UTC()
}

func collectiviteView(c *store.DossierCandidature) pdf.Collectivite {
	return pdf.Collectivite{
		Name:        c.CollectiviteName,
		Kind:        kindLabel(c.CollectiviteKind, c.CollectiviteSubtype),
		Code:        c.CollectiviteCode,
		Departement: departementLabel(c.DepartementName, c.DepartementCode),
		Population:  c.Population,
	}
}

// kindLabel names the kind of a collectivité, an EPCI by its category.
func kindLabel(kind domain.CollectiviteKind, subtype string) string {
	if kind == domain.KindEPCI {
		switch subtype {
		case "CC":
			return "Communauté de communes"
		case "CA":
			return "Communauté d’agglomération"
		case "CU":
			return "Communauté urbaine"
		case "METRO":
			return "Métropole"
		case "MET69":
			return "Métropole de Lyon"
		}
	}
	return kind.Label()
}

// departementLabel formats « Ain (01) », or the bare code when the
// département is not among the collectivités.
func departementLabel(name, code string) string {
	switch {
	case code == "":
		return ""
	case name == "":
		return code
	}
	return name + " (" + code + ")"
}

// eluView is the élu référent: the name and mandate given when attesting,
// else the name of the élu's account.
func eluView(c *store.DossierCandidature) pdf.Person {
	name := c.EluName
	if name == "" {
		name = c.EluAccountName
	}
	return pdf.Person{Name: name, Mandate: c.EluMandate, Email: c.EluAccountEmail, Title: domain.Capitalize(domain.EluReferent(c.EluTitleForm))}
}

// coEditors are the members other than the élu référent.
func coEditors(c *store.DossierCandidature, members []store.Member) []pdf.Person {
	var out []pdf.Person
	for _, m := range members {
		if m.UserID == c.EluUserID || m.Role == domain.MemberElu {
			continue
		}
		out = append(out, pdf.Person{Name: m.Name, Email: m.Email})
	}
	return out
}

// sections lays the questionnaire out: each section with its visible
// questions; a section whose questions are all hidden is left out. The
// attestation section also shows when the élu attested, and is added when
// the questionnaire has none.
func sections(q *questionnaire.Questionnaire, answers questionnaire.Answers, d *store.DossierData) []pdf.Section {
	out := make([]pdf.Section, 0, len(q.Sections)+1)
	attested := false
	for _, sec := range q.Sections {
		items := make([]pdf.Item, 0, len(sec.Questions))
		for _, question := range sec.Questions {
			if !q.Visible(question.Key, answers) {
				continue
			}
			items = append(items, pdf.Item{Label: question.Label, Answer: answerView(question, answers[question.Key], d.Evidence)})
		}
		if sec.Key == candlc.AttestationSection {
			items = append(items, attestedItem(&d.Candidature))
			attested = true
		}
		if len(items) > 0 {
			out = append(out, pdf.Section{Title: sec.Title, Intro: sec.Intro, Items: items})
		}
	}
	if !attested {
		out = append(out, attestationSection(&d.Candidature))
	}
	return out
}

// attestedItem is the date of the élu's attestation.
func attestedItem(c *store.DossierCandidature) pdf.Item {
	item := pdf.Item{Label: "Date de l’attestation"}
	if c.AttestedAt != nil {
		item.Answer = pdf.Answer{Kind: pdf.KindText, Text: fr.DateTime(*c.AttestedAt) + " (heure de Paris)"}
	}
	return item
}

// attestationSection stands for the attestation section of a
// questionnaire that has none.
func attestationSection(c *store.DossierCandidature) pdf.Section {
	text := func(label, s string) pdf.Item {
		item := pdf.Item{Label: label}
		if s != "" {
			item.Answer = pdf.Answer{Kind: pdf.KindText, Text: s}
		}
		return item
	}
	return pdf.Section{
		Title: "Attestation",
		Intro: "La candidature est présentée sous la responsabilité de l’élu référent, qui atteste l’exactitude des réponses au moment du dépôt.",
		Items: []pdf.Item{
			text("Élu signataire", c.EluName),
			text("Mandat", c.EluMandate),
			attestedItem(c),
		},
	}
}
