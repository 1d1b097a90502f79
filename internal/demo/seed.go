package demo

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/jury"
	camplc "github.com/adullact/tnl/internal/lifecycle/campagne"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/territoires"
	"github.com/adullact/tnl/workflow"
)

//go:embed territoires/*.json
var territoryFiles embed.FS

// Password is the password of every demonstration account.
const Password = "demo-tnl-2026"

// Account is a demonstration account.
type Account struct {
	Email, Name, Role, What string
	// Seat in the demonstration campaign's jury ("" for none).
	Seat string
	// TitleForm: how the person's title is written.
	TitleForm string
}

// Accounts are the demonstration accounts, one per role.
var Accounts = []Account{
	{"equipe@exemple.fr", "Dominique Équipe", domain.RoleStaff, "équipe ADULLACT : recevabilité, jury, délibération, palmarès, courriels", "", ""},
	{"jury@exemple.fr", "Claude Jury", domain.RoleMember, "juré : une candidature déposée à évaluer (Mes évaluations)", domain.SeatMember, ""},
	{"jure2@exemple.fr", "Morgan Jurée", domain.RoleMember, "jurée qui a déjà remis son évaluation de cette candidature", domain.SeatMember, domain.FormFeminine},
	{"presidence@exemple.fr", "Sacha Présidence", domain.RoleMember, "présidence du jury : classement, réouverture des évaluations", domain.SeatPresident, ""},
	{"maire@exemple.fr", "Camille Dupont", domain.RoleMember, "élue référente de Bourg-en-Bresse, candidature à moitié remplie", "", domain.FormFeminine},
	{"gull@exemple.fr", "Alex Libre", domain.RoleMember, "membre du GULL, accompagnateur de la candidature, coordination du GULL de l’Ain", "", ""},
	{"mairie-ambronay@exemple.fr", "Lou Martin", domain.RoleMember, "élue référente d’Ambronay, candidature déposée, en cours d’évaluation", "", domain.FormFeminine},
	{"ambassadeur@exemple.fr", "Sacha Ambassadeur", domain.RoleMember, "ambassadeur du GULL de l’Ain : une demande à prendre, une visite faite", "", ""},
	{"partenaire@exemple.fr", "Association des maires de l’Ain", domain.RoleMember, "partenaire de la campagne de courrier aux mairies de l’Ain", "", ""},
}

// demoCommune is the real commune whose candidature the demo fills in.
const demoCommune = "01053" // Bourg-en-Bresse

// Result says what Seed found or created.
type Result struct {
	Campaign    *domain.Campaign
	Candidature *domain.Candidature
	// Evaluated is the deposited candidature the jury evaluates.
	Evaluated *domain.Candidature
	Created   bool
	// Ambassadeurs is what SeedAmbassadeurs found or created.
	Ambassadeurs *AmbassadeursResult
}

// Seed makes sure the demonstration exists; it is idempotent and leaves
// existing data alone.
func Seed(ctx context.Context, st *store.Store, engine *workflow.Engine, cands *candidature.Service, camps *campaign.Service, juries *jury.Service) (*Result, error) {
	res := &Result{}
	if err := seedTerritories(ctx, st); err != nil {
		return nil, err
	}
	users, err := seedAccounts(ctx, st)
	if err != nil {
		return nil, err
	}
	if res.Campaign, err = seedCampaign(ctx, st, engine, camps); err != nil {
		return nil, err
	}
	for _, a := range Accounts {
		if a.Seat != "" {
			now := st.Now()
			if err := st.PutJuryMember(ctx, &store.JuryMember{CampaignID: res.Campaign.ID, UserID: users[a.Email].ID,
				Seat: a.Seat, CharterAcceptedAt: &now}); err != nil {
				return nil, err
			}
		}
	}
	if res.Campaign.State == domain.CampagneOuverte {
		if res.Evaluated, err = seedEvaluation(ctx, st, engine, cands, juries, res.Campaign, users); err != nil {
			return nil, fmt.Errorf("démo, candidature évaluée : %w", err)
		}
	}
	coll, err := st.CollectiviteByCode(ctx, domain.KindCommune, demoCommune)
	if err != nil {
		return nil, err
	}
	if c, err := st.CandidatureOf(ctx, res.Campaign.ID, coll.ID); err == nil {
		res.Candidature = c
		return res, nil
	}
	if res.Campaign.State != domain.CampagneOuverte {
		return res, nil
	}
	elu, gull := users["maire@exemple.fr"], users["gull@exemple.fr"]
	c, err := cands.Create(ctx, candidature.CreateRequest{CampaignID: res.Campaign.ID, CollectiviteID: coll.ID}, policy.User(elu))
	if err != nil {
		return nil, err
	}
	if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.AddMember(ctx, c.ID, gull.ID, domain.MemberAccompagnateur) }); err != nil {
		return nil, err
	}
	q, err := cands.Questionnaire(res.Campaign)
	if err != nil {
		return nil, err
	}
	// Half-filled: the first three sections, by the élu and the GULL member.
	answers := SampleAnswers(q, 1)
	for i, sec := range q.Sections[:min(3, len(q.Sections))] {
		by := elu
		if i%2 == 1 {
			by = gull
		}
		d, err := cands.Open(ctx, c.ID, policy.User(by))
		if err != nil {
			return nil, err
		}
		stored, err := cands.Answers(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		for _, question := range sec.Questions {
			if v, ok := answers[question.Key]; ok {
				if _, err := cands.Save(ctx, d, candidature.SaveRequest{Key: question.Key, Value: v, ExpectedVersion: stored[question.Key].Version}); err != nil {
					return nil, fmt.Errorf("démo, réponse %s : %w", question.Key, err)
				}
			}
		}
	}
	res.Candidature, res.Created = c, true
	return res, nil
}

func seedTerritories(ctx context.Context, st *store.Store) error {
	counts, err := st.CountCollectivites(ctx)
	if err != nil {
		return err
	}
	if counts[domain.KindCommune] > 0 {
		if _, err := st.CollectiviteByCode(ctx, domain.KindCommune, demoCommune); err == nil {
			return nil
		}
	}
	dir, err := os.MkdirTemp("", "tnl-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	entries, err := fs.ReadDir(territoryFiles, "territoires")
	if err != nil {
		return err
	}
	for _, e := range entries {
		data, err := territoryFiles.ReadFile("territoires/" + e.Name())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o600); err != nil {
			return err
		}
	}
	// Only the files whose kind is absent, so that a real import is never undone.
	var args []string
	for _, e := range entries {
		kind := map[string]domain.CollectiviteKind{"communes.json": domain.KindCommune, "epci.json": domain.KindEPCI,
			"departements.json": domain.KindDepartement, "regions.json": domain.KindRegion}[e.Name()]
		if counts[kind] == 0 {
			args = append(args, filepath.Join(dir, e.Name()))
		}
	}
	if len(args) == 0 {
		return errors.New("démo : la commune de Bourg-en-Bresse (01053) manque dans les collectivités importées")
	}
	_, err = territoires.Import(ctx, st, args)
	return err
}

func seedAccounts(ctx context.Context, st *store.Store) (map[string]*domain.User, error) {
	users := map[string]*domain.User{}
	hash := ""
	for _, a := range Accounts {
		u, err := st.UserByEmail(ctx, a.Email)
		if domain.ErrorCode(err) == domain.ENotFound {
			if hash == "" {
				if hash, err = account.HashPassword(Password); err != nil {
					return nil, err
				}
			}
			now := st.Now()
			u = &domain.User{Email: a.Email, Name: a.Name, Role: a.Role, PasswordHash: hash, EmailVerifiedAt: &now, TitleForm: a.TitleForm}
			err = st.CreateUser(ctx, u)
		}
		if err != nil {
			return nil, err
		}
		users[a.Email] = u
	}
	return users, nil
}

// seedCampaign returns the campaign of the current year, creating it open
// from yesterday for two months when there is none.
func seedCampaign(ctx context.Context, st *store.Store, engine *workflow.Engine, camps *campaign.Service) (*domain.Campaign, error) {
	now := st.Now()
	year := now.In(fr.Paris()).Year()
	if c, err := st.CampaignByYear(ctx, year); err == nil {
		return c, nil
	}
	day := func(t time.Time) time.Time {
		p := t.In(fr.Paris())
		return time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, fr.Paris())
	}
	c, err := camps.Create(ctx, campaign.CreateRequest{Year: year, OpensAt: day(now.AddDate(0, 0, -1)), ClosesAt: day(now.AddDate(0, 2, 1))}, policy.Operator("démonstration"))
	if err != nil {
		return nil, err
	}
	if _, err := engine.Fire(ctx, camplc.Name, c.ID, "ouvrir", policy.Platform(), workflow.Input{}); err != nil {
		return nil, err
	}
	return st.Campaign(ctx, c.ID)
}

// Instructions tells, in French, how to try the demonstration.
func Instructions(baseURL string, r *Result) string {
	s := fmt.Sprintf("\nDémonstration prête sur %s\n", baseURL)
	if r.Campaign != nil {
		s += fmt.Sprintf("Campagne %d : %s, date limite %s (heure de Paris).\n", r.Campaign.Year,
			camplc.StateLabel(r.Campaign.State), fr.Deadline(r.Campaign.ClosesAt))
	}
	s += fmt.Sprintf("Comptes (mot de passe : %s) :\n", Password)
	for _, a := range Accounts {
		s += fmt.Sprintf("  %-27s %s\n", a.Email, a.What)
	}
	if r.Candidature != nil {
		s += fmt.Sprintf("Candidature de démonstration : %s/candidatures/%d\n", baseURL, r.Candidature.ID)
	}
	if r.Evaluated != nil {
		s += fmt.Sprintf("Candidature à évaluer (jury@exemple.fr, Mes évaluations) : %s/candidatures/%d/jury\n", baseURL, r.Evaluated.ID)
	}
	if a := r.Ambassadeurs; a != nil {
		s += fmt.Sprintf("Ambassadeurs du libre : %s/ambassadeurs (GULL de démonstration : %s/ambassadeurs/gulls/%s)\n", baseURL, baseURL, a.GullSlug)
		if a.FollowLink != "" {
			s += fmt.Sprintf("Suivi d’une demande par la mairie (lien personnel, sans compte) : %s%s\n", baseURL, a.FollowLink)
		}
		if a.NoOutlines {
			s += "Carte : les contours des départements ne sont pas importés ; la page donne les chiffres en liste. Importez-les avec « tnl geo import ../shared/data/geo ».\n"
		}
	}
	return s
}
