package server_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/questionnaire"
)

// Staff sign in to their dashboard; the others to their candidatures.
func TestStaffLandOnTheDashboard(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	for person, want := range map[string]string{"staff": "/admin", "elu": "/candidatures"} {
		resp := f.request("anonyme", http.MethodPost, "/connexion", url.Values{"email": {person + "@exemple.fr"}, "password": {testPassword}})
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, want+"?") {
			t.Errorf("%s signs in to %d %q, want %s", person, resp.StatusCode, loc, want)
		}
	}
	page := readBody(t, f.request("staff", http.MethodGet, "/admin", nil))
	for _, want := range []string{"Tableau de bord", fmt.Sprintf("Campagne %d", f.campaign.Year), "1\u00a0candidature par état", "Brouillon"} {
		if !strings.Contains(page, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	for _, person := range []string{"elu", "jure", "membre"} {
		if resp := f.request(person, http.MethodGet, "/admin", nil); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s opens the dashboard: %d", person, resp.StatusCode)
		}
	}
}

// The candidatures table filters, searches and sorts; its CSV export holds
// the same selection, every page of it, formulas neutralised.
func TestStaffCandidaturesTableAndExport(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	// A second candidature, of a commune of another département, whose
	// élu's name a spreadsheet would run.
	other, err := f.st.CollectiviteByCode(f.ctx, domain.KindCommune, "04070")
	if err != nil {
		t.Fatal(err)
	}
	c2, err := f.cands.Create(f.ctx, candidature.CreateRequest{CampaignID: f.campaign.ID, CollectiviteID: other.ID}, policy.User(f.users["membre"]))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.DB().NewUpdate().Table("candidatures").Set("elu_name = ?", `=HYPERLINK("http://attaque.example")`).Where("id = ?", c2.ID).Exec(f.ctx); err != nil {
		t.Fatal(err)
	}
	year := strconv.Itoa(f.campaign.Year)
	tests := []struct {
		name  string
		query url.Values
		want  []string // references, in order
	}{
		{"all, by name (Digne before L’Abergement)", url.Values{}, []string{c2.Reference, f.cand.Reference}},
		{"by name, reversed", url.Values{"tri": {"nom"}, "ordre": {"desc"}}, []string{f.cand.Reference, c2.Reference}},
		{"by population", url.Values{"tri": {"population"}}, []string{f.cand.Reference, c2.Reference}},
		{"by département", url.Values{"departement": {other.DepartementCode}}, []string{c2.Reference}},
		{"search, accents folded", url.Values{"q": {strings.ToUpper(domain.SearchKey(other.Name))}}, []string{c2.Reference}},
		{"search by reference", url.Values{"q": {strings.ToLower(f.cand.Reference)}}, []string{f.cand.Reference}},
		{"by state", url.Values{"etat": {domain.Deposee}}, nil},
		{"by kind", url.Values{"type": {string(domain.KindEPCI)}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.query.Set("campagne", year)
			resp := f.request("staff", http.MethodGet, "/admin/candidatures?"+tt.query.Encode(), nil)
			page := readBody(t, resp)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("table: %d", resp.StatusCode)
			}
			last := -1
			for _, ref := range tt.want {
				i := strings.Index(page, `data-label="Référence">`+ref+"</td>")
				if i < 0 || i < last {
					t.Errorf("table: %s missing or out of order", ref)
				}
				last = i
			}
			if n := strings.Count(page, `data-label="Référence">TNL-`); n != len(tt.want) {
				t.Errorf("table: %d rows, want %d", n, len(tt.want))
			}
			resp = f.request("staff", http.MethodGet, "/admin/candidatures.csv?"+tt.query.Encode(), nil)
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
				t.Errorf("export: %s", ct)
			}
			records, err := csv.NewReader(resp.Body).ReadAll()
			if err != nil {
				t.Fatalf("export is not CSV: %v", err)
			}
			if len(records) != len(tt.want)+1 || records[0][0] != "reference" {
				t.Fatalf("export: %d records (header %v), want %d rows", len(records), records[0], len(tt.want))
			}
			for i, ref := range tt.want {
				if records[i+1][0] != ref {
					t.Errorf("export row %d: %s, want %s", i, records[i+1][0], ref)
				}
			}
		})
	}
	records, err := csv.NewReader(f.request("staff", http.MethodGet, "/admin/candidatures.csv?q="+c2.Reference, nil).Body).ReadAll()
	if err != nil || len(records) != 2 {
		t.Fatalf("export: %v, %d records", err, len(records))
	}
	if elu := records[1][9]; !strings.HasPrefix(elu, "'=") {
		t.Errorf("a formula comes out as %q", elu)
	}
	if resp := f.request("elu", http.MethodGet, "/admin/candidatures.csv", nil); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
		t.Errorf("an élu exports: %d", resp.StatusCode)
	}
}

// postMultipart posts a form with a file as staff.
func postMultipart(t *testing.T, f *fixture, path string, fields map[string]string, file string, data []byte) *http.Response {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fields[web.CSRFField] = web.CSRFToken(f.sessions["staff"])
	for k, v := range fields {
		w.WriteField(k, v)
	}
	if file != "" {
		fw, _ := w.CreateFormFile("questionnaire", file)
		fw.Write(data)
	}
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, f.ts.URL+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.AddCookie(&http.Cookie{Name: web.CSRFCookie, Value: testCSRF})
	req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: f.sessions["staff"]})
	return f.do(req)
}

// Staff create a campaign from the web, with its questionnaire file and
// scheme, move its dates and open it; bad input is refused on its field.
func TestStaffManageCampaigns(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	year := f.campaign.Year + 1
	ok := map[string]string{"annee": strconv.Itoa(year), "ouverture": time.Now().AddDate(0, 0, 1).Format("2006-01-02"), "heure": "09:00",
		"limite": time.Now().AddDate(0, 2, 0).Format("2006-01-02"), "bareme": "2025"}
	with := func(k, v string) map[string]string {
		m := map[string]string{}
		for a, b := range ok {
			m[a] = b
		}
		m[k] = v
		return m
	}
	refused := []struct {
		name   string
		fields map[string]string
		file   []byte
		field  string
		want   string
	}{
		{"no year", with("annee", ""), nil, "annee", "Indiquez l’année"},
		{"deadline before opening", with("limite", time.Now().Format("2006-01-02")), nil, "limite", "doit suivre l’ouverture"},
		{"year 3000 date", with("limite", "3000-01-01"), nil, "limite", "date limite de dépôt"},
		{"no scheme", with("bareme", "autre"), nil, "bareme", "Choisissez le barème"},
		{"broken questionnaire", ok, []byte("version: [\n"), "questionnaire", "Le questionnaire contient des erreurs"},
	}
	for _, tt := range refused {
		file := ""
		if tt.file != nil {
			file = "q.yaml"
		}
		resp := postMultipart(t, f, "/admin/campagnes", tt.fields, file, tt.file)
		page := readBody(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity && resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d", tt.name, resp.StatusCode)
		}
		if !strings.Contains(page, `id="`+tt.field+`-erreur"`) || !strings.Contains(page, tt.want) || !strings.Contains(page, "<title>Erreur : ") {
			t.Errorf("%s: the page does not say %q on field %s", tt.name, tt.want, tt.field)
		}
	}
	if _, err := f.st.CampaignByYear(f.ctx, year); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("a refused form created a campaign: %v", err)
	}
	resp := postMultipart(t, f, "/admin/campagnes", ok, "questionnaire.yaml", questionnaire.DefaultSource())
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %s", resp.StatusCode, readBody(t, resp))
	}
	c, err := f.st.CampaignByYear(f.ctx, year)
	if err != nil {
		t.Fatal(err)
	}
	if c.State != domain.CampagnePreparation || c.AwardScheme.Levels[0].Label != "Badge" || len(c.AwardScheme.Levels) != 4 {
		t.Errorf("created %s with scheme %+v", c.State, c.AwardScheme)
	}
	if want := fmt.Sprintf("/admin/campagnes/%d?", c.ID); !strings.HasPrefix(resp.Header.Get("Location"), want) {
		t.Errorf("create leads to %s", resp.Header.Get("Location"))
	}
	if again := postMultipart(t, f, "/admin/campagnes", ok, "", nil); again.StatusCode == http.StatusSeeOther {
		t.Error("a second campaign of the same year was created")
	}
	campaignPath := fmt.Sprintf("/admin/campagnes/%d", c.ID)
	page := readBody(t, f.request("staff", http.MethodGet, campaignPath, nil))
	for _, want := range []string{"En préparation", "Badge, Bronze, Argent, Or", "Ouvrir les candidatures"} {
		if !strings.Contains(page, want) {
			t.Errorf("campaign page lacks %q", want)
		}
	}
	// Dates: a past deadline is refused, a future one recorded.
	resp = f.request("staff", http.MethodPost, campaignPath+"/dates", url.Values{"ouverture": {time.Now().AddDate(0, 0, -2).Format("2006-01-02")}, "limite": {time.Now().AddDate(0, 0, -1).Format("2006-01-02")}})
	if page := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "déjà passée") {
		t.Errorf("past deadline: %d", resp.StatusCode)
	}
	resp = f.request("staff", http.MethodPost, campaignPath+"/dates", url.Values{"ouverture": {time.Now().AddDate(0, 0, -1).Format("2006-01-02")}, "heure": {"08:30"},
		"limite": {time.Now().AddDate(0, 3, 0).Format("2006-01-02")}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("dates: %d %s", resp.StatusCode, readBody(t, resp))
	}
	page = readBody(t, f.request("staff", http.MethodGet, campaignPath, nil))
	if !strings.Contains(page, "Modification des dates") || !strings.Contains(page, "8\u00a0h\u00a030") {
		t.Error("the campaign's history does not show the new dates")
	}
	// The opening is now reached: staff open the campaign from its page.
	resp = f.request("staff", http.MethodPost, campaignPath+"/evenements/ouvrir", url.Values{"version": {strconv.Itoa(c.Version + 1)}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), campaignPath+"?") {
		t.Fatalf("open: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if c, _ = f.st.Campaign(f.ctx, c.ID); c.State != domain.CampagneOuverte {
		t.Errorf("campaign %s after « ouvrir »", c.State)
	}
	list := readBody(t, f.request("staff", http.MethodGet, "/admin/campagnes", nil))
	if !strings.Contains(list, strconv.Itoa(year)) || !strings.Contains(list, "3\u00a0campagnes") {
		t.Error("the campaigns list lacks the new one")
	}
	for _, path := range []string{"/admin/campagnes", campaignPath, "/admin/campagnes/nouvelle"} {
		if resp := f.request("elu", http.MethodGet, path, nil); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
			t.Errorf("an élu opens %s: %d", path, resp.StatusCode)
		}
	}
}

// Staff open a staff account (the person gets a link to choose a password)
// and find the accounts by name or address.
func TestStaffAccounts(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	resp := f.request("staff", http.MethodPost, "/admin/comptes", url.Values{"name": {"Camille Nouvelle"}, "email": {" Camille@Adullact.org "}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %s", resp.StatusCode, readBody(t, resp))
	}
	u, err := f.st.UserByEmail(f.ctx, "camille@adullact.org")
	if err != nil || u.Role != domain.RoleStaff {
		t.Fatalf("account: %+v, %v", u, err)
	}
	msgs, _, err := f.st.OutboxMessages(f.ctx, store.OutboxFilter{Status: store.OutboxAll})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range msgs {
		if m.Recipient == "camille@adullact.org" && strings.Contains(m.Body, "/reinitialiser/") {
			found = true
		}
	}
	if !found {
		t.Error("no welcome message with a link to choose the password")
	}
	resp = f.request("staff", http.MethodPost, "/admin/comptes", url.Values{"name": {"Autre"}, "email": {"camille@adullact.org"}})
	if page := readBody(t, resp); resp.StatusCode != http.StatusConflict || !strings.Contains(page, `id="email-erreur"`) {
		t.Errorf("duplicate: %d", resp.StatusCode)
	}
	resp = f.request("staff", http.MethodPost, "/admin/comptes", url.Values{"name": {""}, "email": {"x@exemple.fr"}})
	if page := readBody(t, resp); resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `id="name-erreur"`) {
		t.Errorf("no name: %d", resp.StatusCode)
	}
	page := readBody(t, f.request("staff", http.MethodGet, "/admin/comptes?q=camille", nil))
	if !strings.Contains(page, "Camille Nouvelle") || !strings.Contains(page, "1\u00a0compte") || strings.Contains(page, "Personne elu") {
		t.Error("the search does not find exactly the new account")
	}
	page = readBody(t, f.request("staff", http.MethodGet, "/admin/comptes?role=staff", nil))
	if !strings.Contains(page, "2\u00a0comptes") {
		t.Error("the role filter does not list the two staff accounts")
	}
	if resp := f.request("jure", http.MethodPost, "/admin/comptes", url.Values{"name": {"Pirate"}, "email": {"pirate@exemple.fr"}}); resp.StatusCode < 400 {
		t.Errorf("a juror opens a staff account: %d", resp.StatusCode)
	}
}

// Without SMTP, the outbox page does not pretend messages were sent.
func TestOutboxSaysWhenNothingIsSent(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	if _, err := f.accounts.CreateStaff(f.ctx, "nouvelle@adullact.org", "Nouvelle"); err != nil {
		t.Fatal(err)
	}
	msgs, _, err := f.st.OutboxMessages(f.ctx, store.OutboxFilter{Status: store.OutboxAll, Limit: 1})
	if err != nil || len(msgs) == 0 {
		t.Fatalf("no message in the fixture's outbox: %v", err)
	}
	if err := f.st.MarkSent(f.ctx, msgs[0].ID); err != nil {
		t.Fatal(err)
	}
	page := readBody(t, f.request("staff", http.MethodGet, "/admin/envois?etat=sent", nil))
	if !strings.Contains(page, "non envoyé : aucun serveur de courriel configuré") || strings.Contains(page, "— envoyé le") {
		t.Error("the outbox page says a logged message was sent")
	}
}

// A mail given up shows on the staff outbox page with its reason and a
// « Renvoyer » button that puts it back in the queue.
func TestGivenUpMailCanBeSentAgain(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		msgs, _, err := f.st.OutboxMessages(f.ctx, store.OutboxFilter{})
		if err != nil || len(msgs) == 0 {
			t.Fatalf("no message in the outbox: %v", err)
		}
		m := msgs[0]
		if err := f.st.GiveUp(f.ctx, m.ID, "adresse refusée par le serveur de courriel (550)"); err != nil {
			t.Fatal(err)
		}
		page := readBody(t, f.request("staff", http.MethodGet, "/admin/envois?etat=failed", nil))
		for _, want := range []string{"Abandonné : adresse refusée par le serveur de courriel (550).", fmt.Sprintf(`action="/admin/envois/%d/renvoyer"`, m.ID), "Renvoyer"} {
			if !strings.Contains(page, want) {
				t.Errorf("outbox page lacks %q", want)
			}
		}
		resp := f.request("staff", http.MethodPost, fmt.Sprintf("/admin/envois/%d/renvoyer", m.ID), url.Values{})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("renvoyer: %d %s", resp.StatusCode, readBody(t, resp))
		}
		again, _, _ := f.st.OutboxMessages(f.ctx, store.OutboxFilter{Status: store.OutboxFailed})
		for _, x := range again {
			if x.ID == m.ID {
				t.Errorf("message %d still given up after « Renvoyer »", m.ID)
			}
		}
		if resp := f.request("elu", http.MethodPost, fmt.Sprintf("/admin/envois/%d/renvoyer", m.ID), url.Values{}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("an élu requeued a mail: %d", resp.StatusCode)
		}
	})
}
