package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/questionnaire"
)

// sectionAnswers is a section as a read-only page shows it: every visible
// question with its answer as text, the follow-ups of the answers given,
// the files with a download link.
type sectionAnswers struct {
	Key, Title string
	Items      []answerItem
}

type answerItem struct {
	Label    string
	Text     string
	Followup bool // shown because of another answer
	Empty    bool
	Header   []string   // a group's columns
	Rows     [][]string // a group's rows
	Files    []fileView
}

// answers lays out the given sections of a candidature read-only.
func (v *candView) answers(sections []*questionnaire.Section) []sectionAnswers {
	out := make([]sectionAnswers, 0, len(sections))
	for _, sec := range sections {
		sa := sectionAnswers{Key: sec.Key, Title: sec.Title}
		for _, q := range sec.Questions {
			if !v.Q.Visible(q.Key, v.Values) {
				continue
			}
			raw := v.Values[q.Key]
			item := answerItem{Label: q.Label, Followup: q.ShowIf != nil, Empty: len(raw) == 0}
			switch q.Type {
			case questionnaire.TypeGroup:
				item.Header, item.Rows = q.DisplayRows(raw)
				item.Empty = len(item.Rows) == 0
			case questionnaire.TypeFile:
				for _, e := range v.Evidence {
					if e.QuestionKey == q.Key {
						item.Files = append(item.Files, fileView{ID: e.ID, Name: e.Name, Size: fr.Size(e.Size), SHA256: e.SHA256})
					}
				}
				item.Empty = len(item.Files) == 0
			}
			if item.Empty || q.Type != questionnaire.TypeGroup && q.Type != questionnaire.TypeFile {
				item.Text = q.Display(raw)
			}
			sa.Items = append(sa.Items, item)
		}
		out = append(out, sa)
	}
	return out
}

type answersPage struct {
	*candView
	Sections []sectionAnswers
}

// handleAnswers shows every answer of the candidature, read-only: what
// staff and the jury read, and the collectivité once deposited.
func (s *Server) handleAnswers(w http.ResponseWriter, r *http.Request) {
	v, err := s.loadCand(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "answers", "Réponses — candidature "+fr.De(v.Coll.Name), answersPage{candView: v, Sections: v.answers(v.sections())})
}
