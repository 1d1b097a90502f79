package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/fr"
)

type missingItem struct {
	Section, SectionKey, Field, Message string
}

type missingPage struct {
	*candView
	Items []missingItem
}

// handleMissing lists what still stands between the candidature and its
// submission, each item linking to its question.
func (s *Server) handleMissing(w http.ResponseWriter, r *http.Request) {
	v, err := s.loadCand(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page := missingPage{candView: v}
	for _, p := range v.missing() {
		q := v.Q.Question(p.Key)
		item := missingItem{Field: fieldID(p.Key), Message: p.Message}
		if q != nil && q.Section != nil {
			item.Section, item.SectionKey = q.Section.Title, q.Section.Key
		}
		page.Items = append(page.Items, item)
	}
	s.render(w, r, http.StatusOK, "missing", "Ce qu’il reste à faire — candidature "+fr.De(page.Coll.Name), page)
}
