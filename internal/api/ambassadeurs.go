package api

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/domain"
	courrierlc "github.com/adullact/tnl/internal/lifecycle/courrier"
	gulllc "github.com/adullact/tnl/internal/lifecycle/gull"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/workflow"
)

// ambassadeursRoutes are the API of the ambassadeurs du libre: GULLs,
// visit requests, mailing campaigns, dashboards and exports. The events of
// the requests and campaigns go through /api/v1/cycles/{type}/{id}/events.
func (s *Server) ambassadeursRoutes(api func(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route) []web.Route {
	on := func(subject string) func(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
		return func(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
			rt := api(method, pattern, action, h)
			rt.Subject = subject
			return rt
		}
	}
	gull, visite, courrier := on(gulllc.Name), on(visitelc.Name), on(courrierlc.Name)
	addresses := courrier("POST", "/api/v1/courriers/{id}/adresses", policy.CourrierEdit, s.courrierAddresses)
	addresses.BodyLimit = web.UploadLimit
	return []web.Route{
		// The directory is public, as on the site: no token needed.
		{Method: "GET", Pattern: "/api/v1/gulls", Action: policy.AmbassadeursSite, Handler: s.gulls},
		api("POST", "/api/v1/gulls", policy.GullRegister, s.registerGull),
		gull("GET", "/api/v1/gulls/{id}", policy.GullDashboard, s.gull),
		gull("POST", "/api/v1/gulls/{id}/members", policy.GullManage, s.inviteToGull),
		gull("GET", "/api/v1/gulls/{id}/demandes.csv", policy.GullDashboard, s.gullExport),
		api("GET", "/api/v1/visites", policy.AmbassadeurSpace, s.visites),
		api("POST", "/api/v1/visites", policy.VisiteForward, s.askVisite),
		visite("GET", "/api/v1/visites/{id}", policy.ReadSubject, s.visite),
		visite("PUT", "/api/v1/visites/{id}/report", policy.VisiteReport, s.putReport),
		api("GET", "/api/v1/courriers", policy.CourrierList, s.courriers),
		courrier("GET", "/api/v1/courriers/{id}", policy.ReadSubject, s.courrier),
		courrier("GET", "/api/v1/courriers/{id}/suivi.csv", policy.CourrierDocuments, s.courrierProgressCSV),
		addresses,
		api("GET", "/api/v1/ambassadeurs/tableau", policy.StaffAmbassadeurs, s.dashboard),
	}
}

type zoneBody struct {
	Kind string `json:"kind"`
	Code string `json:"code"`
	Name string `json:"name"`
}

type gullBody struct {
	ID          int64      `json:"id"`
	Slug        string     `json:"slug"`
	Name        string     `json:"name"`
	State       string     `json:"state"`
	StateLabel  string     `json:"state_label"`
	Website     string     `json:"website,omitempty"`
	Email       string     `json:"email"`
	Description string     `json:"description,omitempty"`
	Home        string     `json:"home_commune"`
	Zone        []zoneBody `json:"zone"`
	URL         string     `json:"url,omitempty"`
}

func (s *Server) gullJSON(r *http.Request, g *domain.Gull) (gullBody, error) {
	zone, err := s.app.Ambassadeurs.Zone(r.Context(), g.ID)
	if err != nil {
		return gullBody{}, err
	}
	b := gullBody{ID: g.ID, Slug: g.Slug, Name: g.Name, State: g.State, StateLabel: gulllc.StateLabel(g.State), Website: g.Website,
		Email: g.Email, Description: g.Description, Home: g.HomeCommuneCode, Zone: []zoneBody{}}
	if g.State == domain.GullValidated {
		b.URL = s.app.Mail.BaseURL() + "/ambassadeurs/gulls/" + g.Slug
	}
	for _, z := range zone {
		b.Zone = append(b.Zone, zoneBody{Kind: string(z.Kind), Code: z.Code, Name: z.Name})
	}
	return b, nil
}

// gulls lists the validated GULLs, the directory.
func (s *Server) gulls(w http.ResponseWriter, r *http.Request) {
	gs, err := s.app.Store.Gulls(r.Context(), domain.GullValidated)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]gullBody, 0, len(gs))
	for i := range gs {
		b, err := s.gullJSON(r, &gs[i])
		if err != nil {
			s.fail(w, r, err)
			return
		}
		out = append(out, b)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"gulls": out})
}

type registerGullRequest struct {
	Name        string   `json:"name"`
	Website     string   `json:"website"`
	Email       string   `json:"email"`
	Description string   `json:"description"`
	Home        string   `json:"home"`
	Zone        []string `json:"zone"`
}

// registerGull registers a GULL; the token's owner coordinates it.
func (s *Server) registerGull(w http.ResponseWriter, r *http.Request) {
	var req registerGullRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	g, err := s.app.Ambassadeurs.RegisterGull(r.Context(), ambassadeurs.GullRequest{Name: req.Name, Website: req.Website, Email: req.Email,
		Description: req.Description, Home: req.Home, Zone: strings.Join(req.Zone, "\n")}, web.Principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := s.gullJSON(r, g)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/gulls/%d", g.ID))
	web.WriteJSON(w, http.StatusCreated, b)
}

type gullBoardBody struct {
	gullBody
	Version  int           `json:"version"`
	Members  []memberBody  `json:"members"`
	Visites  []visiteBrief `json:"visites"`
	Routed   int           `json:"routed"`
	Waiting  int           `json:"waiting"`
	Taken    int           `json:"taken"`
	Visited  int           `json:"visited"`
	Events   []eventBody   `json:"events"`
	Accepted []string      `json:"candidatures"`
}

// gull is a GULL's dashboard.
func (s *Server) gull(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	b, err := s.app.Ambassadeurs.GullBoard(r.Context(), subj.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	gb, err := s.gullJSON(r, b.Gull)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := gullBoardBody{gullBody: gb, Version: b.Gull.Version, Members: []memberBody{}, Visites: []visiteBrief{}, Routed: b.Routed, Waiting: b.Waiting,
		Taken: b.Taken, Visited: b.Visited, Accepted: []string{}}
	for _, m := range b.Members {
		out.Members = append(out.Members, memberBody{Name: m.Name, Email: m.Email, Role: m.Role})
	}
	for _, v := range b.Visites {
		out.Visites = append(out.Visites, visiteBriefOf(v))
	}
	for _, c := range b.Candidatures {
		out.Accepted = append(out.Accepted, c.Reference)
	}
	if snap, ok := subj.Value.(*workflow.Snapshot); ok {
		if out.Events, err = s.events(r, snap); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	web.WriteJSON(w, http.StatusOK, out)
}

func (s *Server) inviteToGull(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Email string `json:"email"`
	}
	if err := web.DecodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.app.Ambassadeurs.Invite(r.Context(), web.CurrentSubject(r).ID, req.Email, web.Principal(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusAccepted, map[string]any{"invited": strings.ToLower(strings.TrimSpace(req.Email))})
}

func (s *Server) gullExport(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	var b bytes.Buffer
	if err := s.app.Ambassadeurs.ExportGull(r.Context(), &b, subj.ID, subj.Relations); err != nil {
		s.fail(w, r, err)
		return
	}
	web.SendFile(w, fmt.Sprintf("demandes-gull-%d.csv", subj.ID), "text/csv; charset=utf-8", b.Bytes())
}

// visiteBrief is a request in a list.
type visiteBrief struct {
	ID          int64    `json:"id"`
	Commune     string   `json:"commune"`
	CodeInsee   string   `json:"code_insee"`
	Departement string   `json:"departement"`
	State       string   `json:"state"`
	StateLabel  string   `json:"state_label"`
	Version     int      `json:"version"`
	Function    string   `json:"contact_function"`
	Topics      []string `json:"topics"`
	CreatedAt   string   `json:"created_at"`
	HorsZone    bool     `json:"hors_zone"`
	DistanceKm  *float64 `json:"distance_km,omitempty"`
	InCharge    string   `json:"ambassadeur,omitempty"`
	Gull        string   `json:"gull,omitempty"`
}

func visiteBriefOf(v store.VisiteSummary) visiteBrief {
	b := visiteBrief{ID: v.ID, Commune: v.CommuneName, CodeInsee: v.CommuneCode, Departement: v.DepartementCode, State: v.State,
		StateLabel: visitelc.StateLabel(v.State), Version: v.Version, Function: v.ContactFunction, Topics: v.Topics,
		CreatedAt: web.Time(v.CreatedAt), HorsZone: v.HorsZone(), InCharge: v.InChargeName, Gull: v.GullName}
	if v.DistanceKm > 0 {
		d := v.DistanceKm
		b.DistanceKm = &d
	}
	return b
}

// visites lists the requests waiting in the person's GULLs' zones and those
// they took; staff get every request, filtered by ?state=.
func (s *Server) visites(w http.ResponseWriter, r *http.Request) {
	who := web.Principal(r)
	out := map[string][]visiteBrief{"waiting": {}, "in_charge": {}}
	if s.app.Policy.Allows(policy.StaffAmbassadeurs, policy.Relations(who, policy.Facts{}), policy.Facts{}) {
		f := store.VisiteFilter{Limit: 5000}
		if st := r.URL.Query().Get("state"); st != "" {
			f.States = []string{st}
		}
		rows, err := s.app.Store.Visites(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		out["all"] = []visiteBrief{}
		for _, v := range rows {
			out["all"] = append(out["all"], visiteBriefOf(v))
		}
	}
	sp, err := s.app.Ambassadeurs.Space(r.Context(), who)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, v := range sp.Waiting {
		out["waiting"] = append(out["waiting"], visiteBriefOf(v))
	}
	for _, v := range sp.InCharge {
		out["in_charge"] = append(out["in_charge"], visiteBriefOf(v))
	}
	web.WriteJSON(w, http.StatusOK, out)
}

type askBody struct {
	CollectiviteID int64    `json:"collectivite_id"`
	Name           string   `json:"name"`
	Function       string   `json:"function"`
	Email          string   `json:"email"`
	Phone          string   `json:"phone"`
	Topics         []string `json:"topics"`
	TopicOther     string   `json:"topic_other"`
	Availability   string   `json:"availability"`
	Message        string   `json:"message"`
	Consent        bool     `json:"consent"`
	Code           string   `json:"code"`
}

// askVisite records a mairie's request (a partner's script forwarding
// it); its contact confirms it through the link mailed to them.
func (s *Server) askVisite(w http.ResponseWriter, r *http.Request) {
	var req askBody
	if err := web.DecodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.app.Ambassadeurs.Ask(r.Context(), ambassadeurs.AskRequest{CollectiviteID: req.CollectiviteID, Code: req.Code, Name: req.Name,
		Function: req.Function, Email: req.Email, Phone: req.Phone, Topics: req.Topics, TopicOther: req.TopicOther,
		Availability: req.Availability, Message: req.Message, Consent: req.Consent, ClientIP: "api:" + strconv.FormatInt(web.Principal(r).UserID, 10)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, map[string]any{"id": v.ID, "state": v.State, "state_label": visitelc.StateLabel(v.State),
		"message": "Demande enregistrée : son contact reçoit le lien qui la confirme."})
}

type visiteBody struct {
	visiteBrief
	Availability string            `json:"availability,omitempty"`
	Message      string            `json:"message,omitempty"`
	Contact      map[string]string `json:"contact,omitempty"`
	Routes       []routeBody       `json:"routes"`
	RendezVous   *string           `json:"rendez_vous,omitempty"`
	Report       *reportBody       `json:"report,omitempty"`
	Events       []eventBody       `json:"events"`
}

type routeBody struct {
	Gull       string  `json:"gull"`
	Round      int     `json:"round"`
	HorsZone   bool    `json:"hors_zone"`
	DistanceKm float64 `json:"distance_km"`
}

type reportBody struct {
	Points    []string `json:"points"`
	Documents []string `json:"documents"`
	Software  []string `json:"software"`
	Notes     string   `json:"notes,omitempty"`
	NextStep  string   `json:"next_step,omitempty"`
	Summary   string   `json:"summary,omitempty"`
}

// visite is a request as the person sees it.
func (s *Server) visite(w http.ResponseWriter, r *http.Request) {
	snap, ok := web.CurrentSubject(r).Value.(*workflow.Snapshot)
	if !ok {
		s.fail(w, r, domain.Errorf(domain.ENotFound, "Demande introuvable."))
		return
	}
	p := snap.Payload.(*visitelc.Payload)
	v := p.Visite
	out := visiteBody{visiteBrief: visiteBrief{ID: v.ID, Commune: p.Commune.Name, CodeInsee: p.Commune.Code, Departement: p.Commune.DepartementCode,
		State: v.State, StateLabel: snap.StateLabel, Version: v.Version, Function: v.ContactFunction, Topics: v.Topics, CreatedAt: web.Time(v.CreatedAt),
		Gull: p.InChargeGull}, Availability: v.Availability, Message: v.Message, Routes: []routeBody{}, RendezVous: web.TimePtr(v.RendezVousAt)}
	if p.InCharge != nil {
		out.InCharge = p.InCharge.Email
	}
	if policy.SeesVisitContact(snap.Relations) {
		out.Contact = map[string]string{"name": v.ContactName, "email": v.ContactEmail, "phone": v.ContactPhone}
	}
	for _, rt := range p.Routes {
		out.Routes = append(out.Routes, routeBody{Gull: rt.GullName, Round: rt.Round, HorsZone: rt.HorsZone, DistanceKm: rt.DistanceKm})
	}
	if rep := p.Report; rep != nil {
		out.Report = &reportBody{Points: rep.Points, Documents: rep.Documents, Software: rep.Logiciels, Summary: rep.PublicSummary}
		if policy.SeesReportNotes(snap.Relations) {
			out.Report.Notes, out.Report.NextStep = rep.Notes, rep.NextStep
		}
	}
	var err error
	if out.Events, err = s.events(r, snap); err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// putReport files (or changes) the visit report.
func (s *Server) putReport(w http.ResponseWriter, r *http.Request) {
	var req struct {
		reportBody
		ExpectedVersion int `json:"expected_version"`
	}
	if err := web.DecodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	id := web.CurrentSubject(r).ID
	err := s.app.Ambassadeurs.FileReport(r.Context(), id, web.Principal(r), ambassadeurs.ReportRequest{Points: req.Points, Documents: req.Documents,
		Software: req.Software, Notes: req.Notes, NextStep: req.NextStep, Summary: req.Summary, Version: req.ExpectedVersion})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	snap, err := s.app.Engine.Load(r.Context(), visitelc.Name, id, web.Principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"id": id, "state": snap.State, "state_label": snap.StateLabel, "version": snap.Version})
}

type courrierBody struct {
	ID          int64          `json:"id"`
	Title       string         `json:"title"`
	State       string         `json:"state"`
	StateLabel  string         `json:"state_label"`
	Version     int            `json:"version"`
	Departement string         `json:"departement,omitempty"`
	Channel     string         `json:"channel"`
	Sender      string         `json:"sender"`
	SentAt      *string        `json:"sent_at"`
	RemindAfter *string        `json:"remind_after"`
	RemindedAt  *string        `json:"reminded_at"`
	Recipients  int            `json:"recipients,omitempty"`
	Progress    map[string]int `json:"progress,omitempty"`
	Events      []eventBody    `json:"events,omitempty"`
}

func courrierJSON(c *domain.Courrier) courrierBody {
	return courrierBody{ID: c.ID, Title: c.Title, State: c.State, StateLabel: courrierlc.StateLabel(c.State), Version: c.Version,
		Departement: c.DepartementCode, Channel: c.Channel, Sender: c.Sender, SentAt: web.TimePtr(c.SentAt),
		RemindAfter: web.TimePtr(c.RemindAfter), RemindedAt: web.TimePtr(c.RemindedAt)}
}

func (s *Server) courriers(w http.ResponseWriter, r *http.Request) {
	cs, err := s.app.Store.Courriers(r.Context(), 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]courrierBody, 0, len(cs))
	for i := range cs {
		out = append(out, courrierJSON(&cs[i]))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"courriers": out})
}

func (s *Server) courrier(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	snap, ok := subj.Value.(*workflow.Snapshot)
	if !ok {
		s.fail(w, r, domain.Errorf(domain.ENotFound, "Campagne introuvable."))
		return
	}
	p := snap.Payload.(*courrierlc.Payload)
	out := courrierJSON(p.Courrier)
	out.Recipients = p.Recipients
	prog, err := s.app.Publipostage.Progress(r.Context(), subj.ID, web.Principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out.Progress = prog.Counts
	if out.Events, err = s.events(r, snap); err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, out)
}

func (s *Server) courrierProgressCSV(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	id := web.CurrentSubject(r).ID
	if err := s.app.Publipostage.WriteProgressCSV(r.Context(), &b, id, web.Principal(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	web.SendFile(w, fmt.Sprintf("suivi-%d.csv", id), "text/csv; charset=utf-8", b.Bytes())
}

// courrierAddresses imports the mairies' addresses: the body is the CSV.
func (s *Server) courrierAddresses(w http.ResponseWriter, r *http.Request) {
	rep, err := s.app.Publipostage.ImportAddresses(r.Context(), web.CurrentSubject(r).ID, r.Body, web.Principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if rep.Unknown == nil {
		rep.Unknown = []string{}
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"lines": rep.Lines, "matched": rep.Matched, "unknown": rep.Unknown})
}

// dashboard is the funnel per département and région of a year (?annee=).
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	year, _ := strconv.Atoi(r.URL.Query().Get("annee"))
	d, err := s.app.Ambassadeurs.Dashboard(r.Context(), year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, d)
}
