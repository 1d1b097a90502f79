package demo

import (
	"context"
	"embed"
	"os"
	"path/filepath"
	"strings"

	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	gulllc "github.com/adullact/tnl/internal/lifecycle/gull"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/publipostage"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

//go:embed geo/communes-centres-2018.csv
var geoFiles embed.FS

// AmbassadeursResult says what SeedAmbassadeurs found or created.
type AmbassadeursResult struct {
	GullSlug string
	// FollowLink is the path of the personal link of the demonstration's
	// visited mairie, as its contact received it.
	FollowLink string
	// NoOutlines: the map shows a list, the outlines being absent.
	NoOutlines bool
}

const (
	demoGull       = "GULL de l’Ain (démonstration)"
	visitedContact = "mairie@oyonnax.exemple.fr"
)

// SeedAmbassadeurs makes sure the ambassadeurs' side of the demonstration
// exists: the centres of its communes (unless a real geography is
// imported), a validated GULL whose zone is the Ain, coordinated by the
// GULL member's account, with an ambassadeur; a request waiting for an
// ambassadeur; a request visited, with its report; a mailing campaign to
// the Ain's mairies with a partner. It is idempotent.
func SeedAmbassadeurs(ctx context.Context, st *store.Store, engine *workflow.Engine, amb *ambassadeurs.Service, pub *publipostage.Service) (*AmbassadeursResult, error) {
	res := &AmbassadeursResult{}
	counts, err := st.CountGeography(ctx)
	if err != nil {
		return nil, err
	}
	if counts.Centres == 0 {
		dir, err := os.MkdirTemp("", "tnl-demo-geo-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		data, err := geoFiles.ReadFile("geo/" + ambassadeurs.FileCentres)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, ambassadeurs.FileCentres), data, 0o600); err != nil {
			return nil, err
		}
		if _, err := amb.ImportGeography(ctx, dir, ""); err != nil {
			return nil, err
		}
	}
	res.NoOutlines = counts.Departements == 0
	users, err := seedAccounts(ctx, st)
	if err != nil {
		return nil, err
	}
	coord, ambassadeur, staff := users["gull@exemple.fr"], users["ambassadeur@exemple.fr"], users["equipe@exemple.fr"]
	gulls, err := st.Gulls(ctx)
	if err != nil {
		return nil, err
	}
	for _, g := range gulls {
		if g.Name == demoGull {
			res.GullSlug = g.Slug
			res.FollowLink, _ = followPath(ctx, st, visitedContact) // "" once the message is gone
			return res, nil
		}
	}
	g, err := amb.RegisterGull(ctx, ambassadeurs.GullRequest{Name: demoGull, Email: "contact@gull-ain.exemple.org", Website: "https://gull-ain.exemple.org",
		Description: "Le groupe d’utilisateurs de logiciels libres de l’Ain, pour la démonstration : ses ambassadeurs visitent les mairies du département.",
		Zone:        "01 Ain", Home: "01053"}, policy.User(coord))
	if err != nil {
		return nil, err
	}
	res.GullSlug = g.Slug
	if _, err := engine.Fire(ctx, gulllc.Name, g.ID, "valider", policy.User(staff), workflow.Input{}); err != nil {
		return nil, err
	}
	if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.AddGullMember(ctx, g.ID, ambassadeur.ID, domain.GullAmbassadeur) }); err != nil {
		return nil, err
	}
	ask := func(code, email, name string, topics ...string) (*domain.Visite, string, error) {
		c, err := st.CollectiviteByCode(ctx, domain.KindCommune, code)
		if err != nil {
			return nil, "", err
		}
		v, err := amb.Ask(ctx, ambassadeurs.AskRequest{CollectiviteID: c.ID, Name: name, Function: "maire", Email: email, Topics: topics,
			Availability: "Le mardi ou le jeudi après-midi", Consent: true})
		if err != nil {
			return nil, "", err
		}
		token, err := lastFollowToken(ctx, st, email)
		if err != nil {
			return nil, "", err
		}
		if _, err := amb.Follow(ctx, token, policy.Principal{}); err != nil {
			return nil, "", err
		}
		return v, token, nil
	}
	if _, _, err := ask("01004", "mairie@amberieu.exemple.fr", "Dominique Maire", "bureautique", "site_web"); err != nil {
		return nil, err
	}
	visited, _, err := ask("01283", visitedContact, "Claude Maire", "messagerie", "label")
	if err != nil {
		return nil, err
	}
	as := policy.User(ambassadeur)
	if _, err := engine.Fire(ctx, visitelc.Name, visited.ID, "prendre", as, workflow.Input{}); err != nil {
		return nil, err
	}
	when := st.Now().AddDate(0, 0, -2).In(fr.Paris()).Format("2006-01-02 15:04")
	if _, err := engine.Fire(ctx, visitelc.Name, visited.ID, "fixer_rendez_vous", as, workflow.Input{}.With(visitelc.FieldDate, when)); err != nil {
		return nil, err
	}
	if err := amb.FileReport(ctx, visited.ID, as, ambassadeurs.ReportRequest{
		Points: []string{"libertes", "formats_ouverts", "label"}, Documents: []string{"plaquette_label", "cle_usb"}, Software: []string{"libreoffice", "thunderbird"},
		Notes: "Accueil par la maire et la DGS ; la mairie utilise déjà Firefox. Essai de LibreOffice sur deux postes.", NextStep: "Deuxième visite dans un mois, puis la candidature au label.",
		Summary: "Bureautique libre et messagerie : la mairie essaie LibreOffice et Thunderbird."}); err != nil {
		return nil, err
	}
	if res.FollowLink, err = followPath(ctx, st, visitedContact); err != nil {
		return nil, err
	}
	if _, err := pub.Create(ctx, publipostage.Request{Title: "Ambassadeurs du libre dans l’Ain", Departement: "01", Channel: domain.ChannelPost,
		Sender: "Association des maires de l’Ain", Signature: "La présidente\nAssociation des maires de l’Ain", Partner: "partenaire@exemple.fr",
		RemindAfter: st.Now().AddDate(0, 1, 0)}, policy.User(staff)); err != nil {
		return nil, err
	}
	return res, nil
}

// lastFollowToken returns the token of the newest personal link mailed to
// an address.
func lastFollowToken(ctx context.Context, st *store.Store, email string) (string, error) {
	p, err := followPath(ctx, st, email)
	return strings.TrimPrefix(p, "/ambassadeurs/suivi/"), err
}

func followPath(ctx context.Context, st *store.Store, email string) (string, error) {
	msgs, _, err := st.OutboxMessages(ctx, store.OutboxFilter{Limit: 100})
	if err != nil {
		return "", err
	}
	for _, m := range msgs { // newest first
		if m.Recipient != email {
			continue
		}
		if i := strings.Index(m.Body, "/ambassadeurs/suivi/"); i >= 0 {
			return strings.Fields(m.Body[i:])[0], nil
		}
	}
	return "", domain.Errorf(domain.ENotFound, "démo : aucun lien de suivi envoyé à %s", email)
}
