package ui

import (
	"fmt"
	"net/http"
	"sync"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/privacy"
	"github.com/adullact/tnl/questionnaire"
)

// The information pages anyone reads before applying: the criteria and
// levels, the blank questionnaire (web and PDF), the FAQ, contact, the
// legal notice, personal data and the accessibility statement.

// publicCampaign is the campaign the public pages describe: the current
// one, or, before the first campaign, one that would use the shipped
// questionnaire and the current scheme.
func (s *Server) publicCampaign(r *http.Request) (*domain.Campaign, *questionnaire.Questionnaire, error) {
	cp, err := s.app.Store.CurrentCampaign(r.Context())
	if domain.ErrorCode(err) == domain.ENotFound {
		q, err := questionnaire.Default()
		if err != nil {
			return nil, nil, err
		}
		cp = &domain.Campaign{Year: s.app.Store.Now().Year(), Title: "Label Territoire Numérique Libre", AwardScheme: domain.Scheme2025(),
			Questionnaire: questionnaire.DefaultSource(), QuestionnaireHash: q.Hash, QuestionnaireVersion: q.Version}
		return cp, q, nil
	}
	if err != nil {
		return nil, nil, err
	}
	q, err := s.app.Candidatures.Questionnaire(cp)
	return cp, q, err
}

type themeView struct {
	Label   string
	Percent int
	// Sections are the questionnaire's sections scored in this theme.
	Sections []string
}

type criteriaPage struct {
	Campaign *domain.Campaign
	Q        *questionnaire.Questionnaire
	Themes   []themeView
	Badge    int // questions of the lighter « Badge » questionnaire
}

func (s *Server) handleCriteria(w http.ResponseWriter, r *http.Request) {
	cp, q, err := s.publicCampaign(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page := criteriaPage{Campaign: cp, Q: q, Badge: len(q.Badge())}
	if q.Scoring != nil {
		total := 0.0
		for _, t := range q.Scoring.Themes {
			total += t.Weight
		}
		for _, t := range q.Scoring.Themes {
			v := themeView{Label: t.Label}
			if total > 0 {
				v.Percent = int(t.Weight/total*100 + 0.5)
			}
			for _, sec := range q.Sections {
				if sec.Theme == t.Key {
					v.Sections = append(v.Sections, sec.Title)
				}
			}
			page.Themes = append(page.Themes, v)
		}
	}
	s.render(w, r, http.StatusOK, "criteres", "Critères et niveaux du label", page)
}

type blankPage struct {
	Campaign *domain.Campaign
	Q        *questionnaire.Questionnaire
}

func (s *Server) handleBlankQuestionnaire(w http.ResponseWriter, r *http.Request) {
	cp, q, err := s.publicCampaign(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "questionnaire", fmt.Sprintf("Le questionnaire %d", cp.Year), blankPage{Campaign: cp, Q: q})
}

// blankPDFs keeps the rendered blank questionnaires: the page is public,
// each rendering costs tens of milliseconds (BenchmarkBlankQuestionnaire),
// and a questionnaire never changes once pinned by its hash.
type blankPDFs struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (s *Server) handleBlankQuestionnairePDF(w http.ResponseWriter, r *http.Request) {
	cp, _, err := s.publicCampaign(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	key := fmt.Sprintf("%d-%s", cp.Year, cp.QuestionnaireHash)
	s.blank.mu.Lock()
	data, ok := s.blank.m[key]
	s.blank.mu.Unlock()
	if !ok {
		if data, err = s.app.Documents.Blank(cp); err != nil {
			s.web.Fail(w, r, err)
			return
		}
		s.blank.mu.Lock()
		if s.blank.m == nil {
			s.blank.m = map[string][]byte{}
		}
		s.blank.m[key] = data
		s.blank.mu.Unlock()
	}
	s.sendPDF(w, r, fmt.Sprintf("questionnaire-tnl-%d.pdf", cp.Year), data, nil)
}

type infoPage struct {
	Campaign         *domain.Campaign
	Contact, Hosting string
	BaseURL          string
}

// handleInfo renders an information page that needs only the campaign and
// the team's address.
func (s *Server) handleInfo(name, title string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		cp, _, err := s.publicCampaign(r)
		if err != nil {
			s.web.Fail(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, name, title, infoPage{Campaign: cp, Contact: s.app.Contact, Hosting: s.app.Hosting, BaseURL: s.app.Mail.BaseURL()})
	}
}

type privacyPage struct {
	Contact    string
	Treatments []privacy.Treatment
}

// handlePrivacy is the « Données personnelles » page: what is kept, why,
// how long (from the retention settings), and the person's rights.
func (s *Server) handlePrivacy(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "donnees", "Données personnelles", privacyPage{Contact: s.app.Contact, Treatments: s.app.Privacy.Treatments()})
}
