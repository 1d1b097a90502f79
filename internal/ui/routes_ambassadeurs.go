package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

// ambassadeursRoutes are the pages of the ambassadeurs du libre: the
// public site, the mairies' request form and personal links, the
// ambassadeurs' space, the GULLs, the visit requests, the mailing campaigns
// and staff's view.
func (s *Server) ambassadeursRoutes() []web.Route {
	on := func(subject string) func(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
		return func(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
			return web.Route{Method: method, Pattern: pattern, Action: action, Subject: subject, Handler: h}
		}
	}
	gull, visite, courrier := on("gull"), on("visite"), on("courrier")
	// The ambassadeurs' tools, decided on the person's standing among the
	// validated GULLs.
	tools := func(method, pattern string, h http.HandlerFunc) web.Route {
		return web.Route{Method: method, Pattern: pattern, Action: policy.AmbassadeurTools, Standing: true, Handler: h}
	}
	return []web.Route{
		// The public site.
		page("GET", "/ambassadeurs", policy.AmbassadeursSite, s.handleAmbHome),
		page("GET", "/ambassadeurs/gulls", policy.AmbassadeursSite, s.handleAmbDirectory),
		page("GET", "/ambassadeurs/gulls/inscription", policy.GullRegister, s.handleGullRegisterForm),
		page("POST", "/ambassadeurs/gulls/inscription", policy.GullRegister, s.handleGullRegister),
		page("GET", "/ambassadeurs/gulls/{slug}", policy.AmbassadeursSite, s.handleGullPublic),
		page("GET", "/ambassadeurs/visites.geojson", policy.AmbassadeursSite, s.handleVisitesGeoJSON),
		page("GET", "/ambassadeurs/c/{code}", policy.AmbassadeursSite, s.handleShortLink),

		// A mairie asks, follows its request, updates its public entry.
		page("GET", "/ambassadeurs/demande", policy.VisiteAsk, s.handleAskForm),
		page("POST", "/ambassadeurs/demande", policy.VisiteAsk, s.handleAsk),
		page("GET", "/ambassadeurs/demande/envoyee", policy.VisiteAsk, s.handleAskSent),
		page("GET", "/ambassadeurs/suivi/{token}", policy.VisiteFollow, s.handleFollow),
		page("POST", "/ambassadeurs/suivi/{token}/evenements/{event}", policy.VisiteFollow, s.handleFollowFire),
		page("POST", "/ambassadeurs/suivi/{token}/accord", policy.VisiteFollow, s.handleFollowConsent),
		page("POST", "/ambassadeurs/suivi/{token}/fiche", policy.VisiteFollow, s.handleFollowFiche),
		page("POST", "/ambassadeurs/suivi/{token}/candidature", policy.VisiteFollow, s.handleFollowCandidature),
		page("GET", "/ambassadeurs/fiche", policy.VisiteFollow, s.handleFicheAskForm),
		page("POST", "/ambassadeurs/fiche", policy.VisiteFollow, s.handleFicheAsk),
		page("GET", "/ambassadeurs/fiche/{token}", policy.VisiteFollow, s.handleFicheForm),
		page("POST", "/ambassadeurs/fiche/{token}", policy.VisiteFollow, s.handleFicheSave),

		// The ambassadeurs' space.
		page("GET", "/ambassadeurs/invitation/{token}", policy.PublicPage, s.handleGullInvitation),
		page("POST", "/ambassadeurs/invitation/{token}", policy.AccountUse, s.handleAcceptGullInvitation),
		page("GET", "/ambassadeurs/espace", policy.AmbassadeurSpace, s.handleAmbSpace),
		tools("GET", "/ambassadeurs/espace/kit", s.handleAmbKit),
		tools("GET", "/ambassadeurs/espace/comptes-rendus", s.handleAmbFeed),
		tools("GET", "/ambassadeurs/espace/modeles", s.handleAmbTemplates),
		tools("GET", "/ambassadeurs/espace/modeles/{modele}", s.handleAmbTemplatePDF),
		gull("GET", "/ambassadeurs/espace/gulls/{id}", policy.GullDashboard, s.handleGullBoard),
		gull("GET", "/ambassadeurs/espace/gulls/{id}/modifier", policy.GullManage, s.handleGullEditForm),
		gull("POST", "/ambassadeurs/espace/gulls/{id}/modifier", policy.GullManage, s.handleGullEdit),
		gull("POST", "/ambassadeurs/espace/gulls/{id}/membres", policy.GullManage, s.handleGullInvite),
		gull("POST", "/ambassadeurs/espace/gulls/{id}/membres/{uid}/retirer", policy.GullManage, s.handleGullRemoveMember),
		gull("GET", "/ambassadeurs/espace/gulls/{id}/demandes.csv", policy.GullDashboard, s.handleGullExport),
		gull("GET", "/ambassadeurs/espace/gulls/{id}/evenements/{event}", policy.FireEvent, s.handleEventForm("gull")),
		gull("POST", "/ambassadeurs/espace/gulls/{id}/evenements/{event}", policy.FireEvent, s.handleFire("gull")),

		// The visit requests.
		visite("GET", "/ambassadeurs/visites/{id}", policy.ReadSubject, s.handleVisite),
		visite("GET", "/ambassadeurs/visites/{id}/evenements/{event}", policy.FireEvent, s.handleEventForm("visite")),
		visite("POST", "/ambassadeurs/visites/{id}/evenements/{event}", policy.FireEvent, s.handleFire("visite")),
		visite("GET", "/ambassadeurs/visites/{id}/compte-rendu", policy.VisiteReport, s.handleReportForm),
		visite("POST", "/ambassadeurs/visites/{id}/compte-rendu", policy.VisiteReport, s.handleReport),

		// The mailing campaigns.
		page("GET", "/ambassadeurs/courriers", policy.CourrierList, s.handleCourriers),
		page("POST", "/ambassadeurs/courriers", policy.CourrierList, s.handleCreateCourrier),
		courrier("GET", "/ambassadeurs/courriers/{id}", policy.ReadSubject, s.handleCourrier),
		courrier("POST", "/ambassadeurs/courriers/{id}", policy.CourrierEdit, s.handleUpdateCourrier),
		upload(courrier("POST", "/ambassadeurs/courriers/{id}/adresses", policy.CourrierEdit, s.handleCourrierAddresses)),
		courrier("GET", "/ambassadeurs/courriers/{id}/lettres.pdf", policy.CourrierDocuments, s.handleCourrierMerged),
		courrier("GET", "/ambassadeurs/courriers/{id}/lettres.zip", policy.CourrierDocuments, s.handleCourrierZip),
		courrier("GET", "/ambassadeurs/courriers/{id}/apercu.pdf", policy.CourrierDocuments, s.handleCourrierPreview),
		courrier("GET", "/ambassadeurs/courriers/{id}/suivi.csv", policy.CourrierDocuments, s.handleCourrierProgressCSV),
		courrier("GET", "/ambassadeurs/courriers/{id}/evenements/{event}", policy.FireEvent, s.handleEventForm("courrier")),
		courrier("POST", "/ambassadeurs/courriers/{id}/evenements/{event}", policy.FireEvent, s.handleFire("courrier")),

		// Staff.
		page("GET", "/admin/ambassadeurs", policy.StaffAmbassadeurs, s.handleStaffAmbassadeurs),
	}
}
