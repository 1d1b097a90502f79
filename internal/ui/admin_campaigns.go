package ui

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	camplc "github.com/adullact/tnl/internal/lifecycle/campagne"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/workflow"
)

// The award schemes staff choose from when they create a campaign.
var schemeChoices = []struct {
	Value, Label string
	Scheme       func() domain.AwardScheme
}{
	{"niveaux", "Niveaux 1 à 5 (barème de 2016 à 2024)", domain.DefaultAwardScheme},
	{"2025", "Badge, Bronze, Argent et Or (barème depuis 2025)", domain.Scheme2025},
}

type campaignRow struct {
	domain.Campaign
	StateLabel string
}

type campaignsPage struct {
	Rows []campaignRow
}

// handleCampaigns lists the campaigns, newest first.
func (s *Server) handleCampaigns(w http.ResponseWriter, r *http.Request) {
	cps, err := s.app.Store.Campaigns(r.Context())
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	var page campaignsPage
	for _, c := range cps {
		page.Rows = append(page.Rows, campaignRow{Campaign: c, StateLabel: camplc.StateLabel(c.State)})
	}
	s.render(w, r, http.StatusOK, "admin_campaigns", "Campagnes", page)
}

type schemeOption struct {
	Value, Label string
	Checked      bool
}

type newCampaignPage struct {
	Year, Title, OpensDate, OpensTime, ClosesDate string
	Schemes                                       []schemeOption
	Errors                                        []formError
	FieldErr                                      map[string]string
}

func (p *newCampaignPage) setSchemes(chosen string) {
	for _, c := range schemeChoices {
		p.Schemes = append(p.Schemes, schemeOption{Value: c.Value, Label: c.Label, Checked: c.Value == chosen})
	}
}

// handleNewCampaign shows the form of a new campaign, prefilled for next
// year's usual calendar.
func (s *Server) handleNewCampaign(w http.ResponseWriter, r *http.Request) {
	year := s.app.Store.Now().Year() + 1
	page := newCampaignPage{Year: strconv.Itoa(year), OpensDate: fmt.Sprintf("%d-09-01", year), OpensTime: "09:00", ClosesDate: fmt.Sprintf("%d-10-31", year)}
	page.setSchemes("2025")
	s.render(w, r, http.StatusOK, "admin_campaign_new", "Nouvelle campagne", page)
}

// handleCreateCampaign creates a campaign from the form: its year, title,
// dates (Paris time; the deadline is the whole day given), award scheme and
// optionally its questionnaire file (YAML).
func (s *Server) handleCreateCampaign(w http.ResponseWriter, r *http.Request) {
	page := newCampaignPage{Year: r.PostFormValue("annee"), Title: r.PostFormValue("titre"), OpensDate: r.PostFormValue("ouverture"),
		OpensTime: r.PostFormValue("heure"), ClosesDate: r.PostFormValue("limite")}
	page.setSchemes(r.PostFormValue("bareme"))
	fail := func(err error) {
		page.Errors, page.FieldErr = formErrors(err, "annee", "titre", "ouverture", "limite", "bareme", "questionnaire")
		s.render(w, r, web.StatusOf(err), "admin_campaign_new", "Erreur : nouvelle campagne", page)
	}
	req, err := s.campaignRequest(r)
	if err != nil {
		fail(err)
		return
	}
	c, err := s.app.Campaigns.Create(r.Context(), req, web.Principal(r))
	if err != nil {
		if e := domain.AsError(err); e != nil && len(e.Fields) == 0 {
			switch {
			case strings.Contains(e.Message, "questionnaire"):
				err = fieldError(e, "questionnaire")
			case strings.Contains(e.Message, "date limite"):
				err = fieldError(e, "limite")
			case strings.Contains(e.Message, "existe déjà") || strings.Contains(e.Message, "Année"):
				err = fieldError(e, "annee")
			}
		}
		fail(err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/admin/campagnes/%d", c.ID), "campagne")
}

// fieldError attaches a form-wide domain error to one field.
func fieldError(e *domain.Error, field string) *domain.Error {
	out := *e
	out.Fields = map[string]string{field: e.Message}
	return &out
}

// campaignRequest reads and checks the form of a new campaign.
func (s *Server) campaignRequest(r *http.Request) (campaign.CreateRequest, error) {
	fields := map[string]string{}
	req := campaign.CreateRequest{Title: r.PostFormValue("titre")}
	year, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("annee")))
	if err != nil || year < 2016 || year > 2100 {
		fields["annee"] = "Indiquez l’année de la campagne, entre 2016 et 2100."
	}
	req.Year = year
	opens := strings.TrimSpace(r.PostFormValue("ouverture"))
	if at := strings.TrimSpace(r.PostFormValue("heure")); at != "" {
		opens += "T" + at
	}
	if req.OpensAt, err = parseFormDate(opens); err != nil {
		fields["ouverture"] = "Indiquez la date d’ouverture (heure de Paris)."
	}
	if req.ClosesAt, err = parseFormDeadline(r.PostFormValue("limite")); err != nil {
		fields["limite"] = "Indiquez la date limite de dépôt (le dernier jour où l’on peut déposer)."
	}
	found := false
	for _, c := range schemeChoices {
		if c.Value == r.PostFormValue("bareme") {
			req.Scheme, found = c.Scheme(), true
		}
	}
	if !found {
		fields["bareme"] = "Choisissez le barème de la campagne."
	}
	if f, hdr, err := r.FormFile("questionnaire"); err == nil {
		defer f.Close()
		if req.Questionnaire, err = io.ReadAll(io.LimitReader(f, web.UploadLimit)); err != nil {
			return req, fmt.Errorf("lecture du questionnaire : %w", err)
		}
		req.QuestionnaireName = hdr.Filename
	}
	if len(fields) > 0 {
		return req, &domain.Error{Code: domain.EInvalid, Message: "Le formulaire contient des erreurs.", Fields: fields}
	}
	return req, nil
}

// parseFormDate reads a date (and time) typed in a form, Paris time, within
// the years a campaign may have.
func parseFormDate(s string) (time.Time, error) {
	t, err := fr.ParseInstant(s)
	if err == nil && (t.Year() < 1900 || t.Year() > 2100) {
		err = fmt.Errorf("date hors de 1900–2100 : %s", s)
	}
	return t, err
}

// parseFormDeadline reads the last day of a deadline (until 23 h 59).
func parseFormDeadline(s string) (time.Time, error) {
	t, err := fr.ParseDeadline(s)
	if err == nil && (t.Year() < 1900 || t.Year() > 2101) {
		err = fmt.Errorf("date hors de 1900–2100 : %s", s)
	}
	return t, err
}

type stateCountRow struct {
	Label string
	N     int
}

type campaignPage struct {
	Campaign           *domain.Campaign
	Subject            *workflow.Snapshot
	Meta               *workflow.Meta
	StateLabel         string
	Counts             []stateCountRow
	Total              int
	Actions            actionsView
	Entries            []domain.AuditEntry
	DatesEditable      bool
	OpensDate          string
	OpensTime          string
	ClosesDate         string
	Errors             []formError
	FieldErr           map[string]string
	QuestionnaireShort string
	// Deliberating: the deliberation table is open (instruction,
	// deliberation); PublishDate and PublishTime fill the schedule form.
	Deliberating bool
	Published    bool
	PublishDate  string
	PublishTime  string
}

// handleCampaign is a campaign's back-office page: its dates, questionnaire
// and scheme, its candidatures per state, the events staff may fire, the
// form that moves its dates, and its history.
func (s *Server) handleCampaign(w http.ResponseWriter, r *http.Request) {
	s.campaignPage(w, r, http.StatusOK, nil, nil)
}

func (s *Server) campaignPage(w http.ResponseWriter, r *http.Request, status int, typed map[string]string, formErr error) {
	ctx := r.Context()
	subj := web.CurrentSubject(r)
	snap, ok := subj.Value.(*workflow.Snapshot)
	if !ok {
		s.web.Fail(w, r, fmt.Errorf("campaign page: subject is %T", subj.Value))
		return
	}
	c, err := s.app.Store.Campaign(ctx, subj.ID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	m, err := s.app.Engine.Lifecycle(snap.Type)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page := campaignPage{Campaign: c, Subject: snap, Meta: m, StateLabel: camplc.StateLabel(c.State),
		DatesEditable: c.State == domain.CampagnePreparation || c.State == domain.CampagneOuverte,
		OpensDate:     c.OpensAt.In(fr.Paris()).Format("2006-01-02"), OpensTime: c.OpensAt.In(fr.Paris()).Format("15:04"),
		ClosesDate:         c.ClosesAt.Add(-time.Second).In(fr.Paris()).Format("2006-01-02"),
		QuestionnaireShort: shortHash(c.QuestionnaireHash)}
	page.Deliberating = c.State == domain.CampagneInstruction || c.State == domain.CampagneDeliberation
	page.Published = c.State == domain.CampagneResultatsPublies || c.State == domain.CampagneArchivee
	if c.PublishAt != nil {
		page.PublishDate, page.PublishTime = c.PublishAt.In(fr.Paris()).Format("2006-01-02"), c.PublishAt.In(fr.Paris()).Format("15:04")
	}
	if typed != nil {
		if _, ok := typed["publication"]; ok {
			page.PublishDate, page.PublishTime = typed["publication"], typed["publication_heure"]
		} else {
			page.OpensDate, page.OpensTime, page.ClosesDate = typed["ouverture"], typed["heure"], typed["limite"]
		}
	}
	if formErr != nil {
		page.Errors, page.FieldErr = formErrors(formErr, "ouverture", "limite", "publication")
	}
	counts, err := s.app.Store.CountCandidatures(ctx, c.ID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	for _, st := range candlc.States() {
		page.Counts = append(page.Counts, stateCountRow{Label: st.Label, N: counts[st.Name]})
		page.Total += counts[st.Name]
	}
	if page.Actions, err = s.actionsOf(r, snap); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	trail, err := s.app.Store.AuditTrail(ctx, snap.Type, snap.ID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page.Entries = policy.HistoryAsSeen(snap.Relations, trail)
	title := fmt.Sprintf("Campagne %d", c.Year)
	if formErr != nil {
		title = "Erreur : " + title
	}
	s.render(w, r, status, "admin_campaign", title, page)
}

// handleCampaignDates moves a campaign's opening and deadline.
func (s *Server) handleCampaignDates(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	typed := map[string]string{"ouverture": r.PostFormValue("ouverture"), "heure": r.PostFormValue("heure"), "limite": r.PostFormValue("limite")}
	fields := map[string]string{}
	opens := strings.TrimSpace(typed["ouverture"])
	if at := strings.TrimSpace(typed["heure"]); at != "" {
		opens += "T" + at
	}
	o, err := parseFormDate(opens)
	if err != nil {
		fields["ouverture"] = "Indiquez la date d’ouverture (heure de Paris)."
	}
	cl, err := parseFormDeadline(typed["limite"])
	if err != nil {
		fields["limite"] = "Indiquez la date limite de dépôt (le dernier jour où l’on peut déposer)."
	}
	if len(fields) > 0 {
		s.campaignPage(w, r, http.StatusUnprocessableEntity, typed, &domain.Error{Code: domain.EInvalid, Message: "Le formulaire contient des erreurs.", Fields: fields})
		return
	}
	c, err := s.app.Store.Campaign(r.Context(), subj.ID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	if _, err := s.app.Campaigns.SetDates(r.Context(), c.Year, o, cl, web.Principal(r)); err != nil {
		if e := domain.AsError(err); e != nil && (e.Code == domain.EInvalid || e.Code == domain.EUnprocessable) {
			s.campaignPage(w, r, http.StatusUnprocessableEntity, typed, fieldError(e, "limite"))
			return
		}
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/admin/campagnes/%d", c.ID), "dates")
}

// shortHash is the first characters of a fingerprint, as people compare them.
func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
