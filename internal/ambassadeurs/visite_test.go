package ambassadeurs_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/domain"
	camplc "github.com/adullact/tnl/internal/lifecycle/campagne"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

// Routing on the real territories and centres: a commune of the Nord goes
// to the GULL whose zone is the département 59; a commune outside every
// zone goes to the nearest GULLs, hors zone, with the distance between the
// commune centres.
func TestRoutingOnRealTerritories(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, true)
		nord := e.gull("Chtinux", "coord@chtinux.org", "59", "59350")
		e.gull("ALDIL", "coord@aldil.org", "69 Rhône", "69123")
		e.gull("Gullivers", "coord@gullivers.org", "13", "Marseille")

		roubaix, token := e.ask("59512", "mairie@roubaix.fr", true)
		if _, err := e.svc.Follow(e.ctx, token, policy.Principal{}); err != nil {
			t.Fatal(err)
		}
		routes, err := e.st.VisiteRoutes(e.ctx, roubaix.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(routes) != 1 || routes[0].GullID != nord.ID || routes[0].HorsZone {
			t.Fatalf("Roubaix: routes %+v, want Chtinux in zone", routes)
		}
		if d := routes[0].DistanceKm; d < 5 || d > 20 {
			t.Errorf("Roubaix–Lille: %.1f km", d)
		}

		amiens, token := e.ask("80021", "mairie@amiens.fr", false)
		if _, err := e.svc.Follow(e.ctx, token, policy.Principal{}); err != nil {
			t.Fatal(err)
		}
		routes, err = e.st.VisiteRoutes(e.ctx, amiens.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(routes) != 3 || routes[0].GullID != nord.ID || !routes[0].HorsZone {
			t.Fatalf("Amiens: routes %+v, want the three GULLs, Chtinux first, hors zone", routes)
		}
		if d := routes[0].DistanceKm; d < 90 || d > 115 {
			t.Errorf("Amiens–Lille: %.1f km", d)
		}
		if !(routes[0].DistanceKm < routes[1].DistanceKm && routes[1].DistanceKm < routes[2].DistanceKm) {
			t.Errorf("routes not nearest first: %+v", routes)
		}
		msgs := e.sent("visite_nouvelle", "coord@chtinux.org")
		if len(msgs) != 2 || !strings.Contains(msgs[1].Body, "hors de la zone de Chtinux") || !strings.Contains(msgs[1].Body, "\u00a0km de chez vous") {
			t.Errorf("the hors-zone request's message to Chtinux: %+v", msgs)
		}
		if strings.Contains(msgs[1].Body, "mairie@amiens.fr") {
			t.Error("the ambassadeurs who have not taken a request see the contact's address")
		}
		// The public map, from the imported outlines: Roubaix agreed.
		site, err := e.svc.Site(e.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if site.MapMissing || !strings.Contains(site.Map, `<a href="#dep-59"><path id="carte-59"`) || !strings.Contains(site.Map, "<title>Nord : 1\u00a0mairie</title>") {
			t.Errorf("map: missing %v, %d bytes", site.MapMissing, len(site.Map))
		}
	})
}

// The whole lifecycle with the test clock: confirmation through the
// personal link, routing by zone (an EPCI), the reminder after N days, the
// next-nearest GULLs after N more, staff alerted after 45 days; then an
// ambassadeur takes it, fixes the date, files the report, and the mairie
// starts its candidature in one click, the ambassadeur as accompagnateur.
func TestVisitLifecycleWithTestClock(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, false)
		bourg := e.gull("GULL de Bourg", "coord@bourg.org", "200071751 CA du Bassin de Bourg-en-Bresse", "01053")
		bugey := e.gull("GULL du Bugey", "coord@bugey.org", "01004", "Ambérieu-en-Bugey")
		gex := e.gull("GULL de Gex", "coord@gex.org", "01173", "01173")
		// The coordination invites an ambassadeur, who accepts.
		if err := e.svc.Invite(e.ctx, bourg.ID, "amb@bourg.org", e.as("coord@bourg.org")); err != nil {
			t.Fatal(err)
		}
		amb := e.user("amb@bourg.org", domain.RoleMember)
		if _, err := e.svc.AcceptInvitation(e.ctx, e.lastToken("amb@bourg.org", "/ambassadeurs/invitation/"), amb); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.Invite(e.ctx, bourg.ID, "x@bourg.org", e.as("amb@bourg.org")); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("an ambassadeur invited someone: %v", err)
		}

		v, token := e.ask("01053", "mairie@bourg.fr", true)
		if v.State != domain.VisiteDemandee || len(e.sent("visite_nouvelle", "")) != 0 {
			t.Fatalf("before confirmation: %s, %d messages to GULLs", v.State, len(e.sent("visite_nouvelle", "")))
		}
		if _, err := e.svc.Ask(e.ctx, ambassadeurs.AskRequest{CollectiviteID: v.CollectiviteID, Name: "Autre", Function: "agent",
			Email: "autre@bourg.fr", Topics: []string{"messagerie"}}); domain.ErrorCode(err) != domain.EConflict || !strings.Contains(domain.ErrorMessage(err), "attend déjà la confirmation") {
			t.Errorf("a second request for the same commune: %v", err)
		}
		f, err := e.svc.Follow(e.ctx, token, policy.Principal{})
		if err != nil {
			t.Fatal(err)
		}
		if !f.Confirmed || f.Snapshot.State != domain.VisiteConfirmee || !f.Snapshot.Relations.Has(policy.Contact) {
			t.Fatalf("follow: confirmed %v, %s, %s", f.Confirmed, f.Snapshot.State, f.Snapshot.Relations)
		}
		if f2, err := e.svc.Follow(e.ctx, token, policy.Principal{}); err != nil || f2.Confirmed {
			t.Errorf("the link opened again: %v, confirmed again %v", err, f2 != nil && f2.Confirmed)
		}
		routes := func() []domain.VisiteRoute {
			rs, err := e.st.VisiteRoutes(e.ctx, v.ID)
			if err != nil {
				t.Fatal(err)
			}
			return rs
		}
		if rs := routes(); len(rs) != 1 || rs[0].GullID != bourg.ID || rs[0].HorsZone {
			t.Fatalf("routed by the EPCI zone: %+v", rs)
		}
		if len(e.sent("visite_nouvelle", "amb@bourg.org")) != 1 || len(e.sent("visite_confirmee", "mairie@bourg.fr")) != 1 {
			t.Errorf("confirmation messages: %d to the ambassadeur, %d to the contact",
				len(e.sent("visite_nouvelle", "amb@bourg.org")), len(e.sent("visite_confirmee", "mairie@bourg.fr")))
		}

		e.clock.Advance(13 * 24 * time.Hour)
		if got := fired(e.tick()); len(got) != 0 {
			t.Errorf("day 13: %v", got)
		}
		e.clock.Advance(24*time.Hour + time.Minute)
		if got := fired(e.tick()); !slices.Equal(got, []string{"visite.relancer"}) {
			t.Errorf("day 14: %v, want the reminder", got)
		}
		if len(e.sent("visite_relance", "amb@bourg.org")) != 1 {
			t.Error("no reminder to the ambassadeur")
		}
		if got := fired(e.tick()); len(got) != 0 {
			t.Errorf("a second tick fired %v", got)
		}
		e.clock.Advance(14 * 24 * time.Hour)
		if got := fired(e.tick()); !slices.Equal(got, []string{"visite.elargir"}) {
			t.Errorf("day 28: %v, want the widening", got)
		}
		rs := routes()
		if len(rs) != 3 || !rs[1].HorsZone || !rs[2].HorsZone || rs[1].Round != 2 {
			t.Fatalf("after widening: %+v", rs)
		}
		if rs[1].GullID != bugey.ID || rs[2].GullID != gex.ID {
			t.Errorf("the next-nearest GULLs come nearest first: %+v", rs)
		}
		if len(e.sent("visite_nouvelle", "coord@bugey.org")) != 1 || len(e.sent("visite_elargie", "mairie@bourg.fr")) != 1 {
			t.Error("widening messages missing")
		}
		e.clock.Advance(17 * 24 * time.Hour)
		if got := fired(e.tick()); !slices.Equal(got, []string{"visite.relancer", "visite.alerter"}) {
			t.Errorf("day 45: %v, want the second reminder and the alert to staff", got)
		}
		if alerts := e.sent("visite_alerte", "staff@exemple.fr"); len(alerts) != 1 || !strings.Contains(alerts[0].Body, "mairie@bourg.fr") {
			t.Errorf("alert to staff: %+v", alerts)
		}
		e.clock.Advance(24 * time.Hour)
		if got := fired(e.tick()); len(got) != 0 {
			t.Errorf("day 46: %v (staff are alerted once)", got)
		}

		// A member of a GULL not asked may not take it; the ambassadeur may.
		e.user("autre@gull.org", domain.RoleMember)
		if _, err := e.app.Engine.Fire(e.ctx, visitelc.Name, v.ID, "prendre", e.as("autre@gull.org"), workflow.Input{}); domain.ErrorCode(err) != domain.EUnprocessable {
			t.Errorf("a stranger took the request: %v", err)
		}
		if _, err := e.app.Engine.Fire(e.ctx, visitelc.Name, v.ID, "prendre", e.as("amb@bourg.org"), workflow.Input{}); err != nil {
			t.Fatal(err)
		}
		if got := e.visite(v.ID); got.State != domain.VisitePrise || got.GullID == nil || *got.GullID != bourg.ID {
			t.Fatalf("taken: %+v", got)
		}
		if msgs := e.sent("visite_prise", "mairie@bourg.fr"); len(msgs) != 1 || !strings.Contains(msgs[0].Body, "amb@bourg.org") {
			t.Errorf("the contact learns who takes it: %+v", msgs)
		}
		if _, err := e.app.Engine.Fire(e.ctx, visitelc.Name, v.ID, "fixer_rendez_vous", e.as("amb@bourg.org"),
			workflow.Input{}.With(visitelc.FieldDate, "2026-04-21 14:30")); err != nil {
			t.Fatal(err)
		}
		if msgs := e.sent("visite_rendez_vous", "mairie@bourg.fr"); len(msgs) != 1 || !strings.Contains(msgs[0].Subject, "21 avril 2026 à 14\u00a0h\u00a030") {
			t.Errorf("appointment message: %+v", msgs)
		}
		if err := e.svc.FileReport(e.ctx, v.ID, e.as("coord@bourg.org"), ambassadeurs.ReportRequest{Points: []string{"libertes"}, NextStep: "x"}); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("the coordinator filed the report of a visit they are not in charge of: %v", err)
		}
		if err := e.svc.FileReport(e.ctx, v.ID, e.as("amb@bourg.org"), ambassadeurs.ReportRequest{}); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("an empty report: %v", err)
		}
		if err := e.svc.FileReport(e.ctx, v.ID, e.as("amb@bourg.org"), ambassadeurs.ReportRequest{
			Points: []string{"libertes", "label", "inconnu"}, Software: []string{"libreoffice"}, Documents: []string{"cle_usb"},
			Notes: "Maire convaincue, DGS à former.", NextStep: "Essai de LibreOffice sur deux postes.", Summary: "Bureautique et label."}); err != nil {
			t.Fatal(err)
		}
		report, err := e.st.VisiteReport(e.ctx, v.ID)
		if err != nil || !slices.Equal(report.Points, []string{"libertes", "label"}) || report.PublicSummary != "Bureautique et label." {
			t.Fatalf("report: %+v %v", report, err)
		}
		if got := e.visite(v.ID); got.State != domain.VisiteFaite || got.VisitedAt == nil {
			t.Fatalf("after the report: %+v", got)
		}

		// The mairie starts its candidature in one click.
		cp, err := e.app.Campaigns.Create(e.ctx, campaign.CreateRequest{Year: 2026, OpensAt: e.clock.Now().Add(-time.Hour), ClosesAt: e.clock.Now().AddDate(0, 2, 0)}, policy.Operator("test"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.app.Engine.Fire(e.ctx, camplc.Name, cp.ID, "ouvrir", policy.Platform(), workflow.Input{}); err != nil {
			t.Fatal(err)
		}
		token = e.lastToken("mairie@bourg.fr", "/ambassadeurs/suivi/")
		if _, err := e.svc.StartCandidature(e.ctx, token, nil); domain.ErrorCode(err) != domain.EUnauthorized {
			t.Errorf("without an account: %v", err)
		}
		maire := &domain.User{Email: "mairie@bourg.fr", Name: "Camille Maire"}
		if err := e.st.CreateUser(e.ctx, maire); err != nil {
			t.Fatal(err)
		}
		f, err = e.svc.Follow(e.ctx, token, policy.User(maire))
		if err != nil || !f.Candidature {
			t.Fatalf("the follow page offers no candidature: %v", err)
		}
		c, err := e.svc.StartCandidature(e.ctx, token, maire)
		if err != nil {
			t.Fatal(err)
		}
		members, err := e.st.Members(e.ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		roles := map[string]string{}
		for _, m := range members {
			roles[m.Email] = m.Role
		}
		if roles["mairie@bourg.fr"] != domain.MemberElu || roles["amb@bourg.org"] != domain.MemberAccompagnateur {
			t.Errorf("members of the candidature: %v", roles)
		}
		if got := e.visite(v.ID); got.State != domain.VisiteCandidature || got.CandidatureID == nil || *got.CandidatureID != c.ID {
			t.Errorf("the request is not closed with the candidature: %+v", got)
		}
		// Everything is in the audit trail.
		trail, err := e.st.AuditTrail(e.ctx, visitelc.Name, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		var events []string
		for _, a := range trail {
			events = append(events, a.Event)
		}
		want := []string{"creer", "confirmer", "relancer", "elargir", "relancer", "alerter", "prendre", "fixer_rendez_vous", "rendre_compte", "candidater"}
		if !slices.Equal(events, want) {
			t.Errorf("audit trail %v, want %v", events, want)
		}
		if trail[0].ActorRole != "contact" || trail[1].ActorLabel != "mairie@bourg.fr" || trail[6].ActorRole != "ambassadeur_en_charge" && trail[6].ActorRole != "ambassadeur" {
			t.Errorf("actors: %+v", trail[:7])
		}
	})
}

// An unconfirmed request is dropped after a week; a request declined by
// every ambassadeur asked goes to the next GULLs at once; released, it is
// free again.
func TestExpiryDeclineAndRelease(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, false)
		e.gull("GULL de Bourg", "coord@bourg.org", "01053", "01053")
		bugey := e.gull("GULL du Bugey", "coord@bugey.org", "01004", "01004")
		stale, _ := e.ask("01283", "mairie@oyonnax.fr", false)
		v, token := e.ask("01053", "mairie@bourg.fr", false)
		if _, err := e.svc.Follow(e.ctx, token, policy.Principal{}); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(7*24*time.Hour + time.Minute)
		if got := fired(e.tick()); !slices.Equal(got, []string{"visite.expirer"}) {
			t.Errorf("after a week: %v", got)
		}
		if got := e.visite(stale.ID); got.State != domain.VisiteSansSuite || got.Reason == "" {
			t.Errorf("stale request: %+v", got)
		}
		decline := workflow.Input{Comment: "En congés"}.With(visitelc.FieldReason, "disponibilite")
		if _, err := e.app.Engine.Fire(e.ctx, visitelc.Name, v.ID, "decliner", e.as("coord@bourg.org"), decline); err != nil {
			t.Fatal(err)
		}
		if _, err := e.app.Engine.Fire(e.ctx, visitelc.Name, v.ID, "decliner", e.as("coord@bourg.org"), decline); domain.ErrorCode(err) != domain.EUnprocessable {
			t.Errorf("declined twice: %v", err)
		}
		rs, err := e.st.VisiteRoutes(e.ctx, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 2 || rs[1].GullID != bugey.ID || !rs[1].HorsZone {
			t.Fatalf("declined by all: %+v", rs)
		}
		ds, err := e.st.VisiteDeclines(e.ctx, v.ID)
		if err != nil || len(ds) != 1 || !strings.Contains(ds[0].Reason, "pas disponible") || !strings.Contains(ds[0].Reason, "En congés") {
			t.Errorf("decline: %+v %v", ds, err)
		}
		if _, err := e.app.Engine.Fire(e.ctx, visitelc.Name, v.ID, "prendre", e.as("coord@bugey.org"), workflow.Input{}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.app.Engine.Fire(e.ctx, visitelc.Name, v.ID, "liberer", e.as("coord@bugey.org"), workflow.Input{}); domain.ErrorCode(err) != domain.EUnprocessable {
			t.Errorf("released without a reason: %v", err)
		}
		if _, err := e.app.Engine.Fire(e.ctx, visitelc.Name, v.ID, "liberer", e.as("coord@bugey.org"), workflow.Input{Comment: "Trop loin finalement"}); err != nil {
			t.Fatal(err)
		}
		if got := e.visite(v.ID); got.State != domain.VisiteConfirmee || got.AmbassadeurID != nil {
			t.Errorf("released: %+v", got)
		}
		if len(e.sent("visite_liberee", "mairie@bourg.fr")) != 1 {
			t.Error("the contact is not told of the release")
		}
		// The contact closes it through a fresh personal link.
		token = e.lastToken("mairie@bourg.fr", "/ambassadeurs/suivi/")
		if err := e.svc.FireAsContact(e.ctx, token, "clore_sans_suite", policy.Principal{}, workflow.Input{Comment: "Nous avons trouvé"}); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.FireAsContact(e.ctx, "jeton-inconnu", "clore_sans_suite", policy.Principal{}, workflow.Input{}); domain.ErrorCode(err) != domain.ENotFound {
			t.Errorf("an unknown link: %v", err)
		}
		// The personal link still opens the closed request, for a year.
		if f, err := e.svc.Follow(e.ctx, token, policy.Principal{}); err != nil || f.Snapshot.State != domain.VisiteSansSuite {
			t.Errorf("the link after closing: %v", err)
		}
		e.clock.Advance(visitelc.LinkTTL)
		if _, err := e.svc.Follow(e.ctx, token, policy.Principal{}); domain.ErrorCode(err) != domain.ENotFound || !strings.Contains(domain.ErrorMessage(err), "expiré") {
			t.Errorf("an expired link: %v", err)
		}
	})
}
