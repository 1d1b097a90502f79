// Package candidature is the candidate's side of the platform: creating a
// candidature, saving answers, inviting co-editors, pre-filling from last
// year. Web pages, the JSON API and the CLI all go through it; transitions go
// through the workflow engine.
package candidature

import (
	"context"
	"fmt"
	"slices"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

// Service implements the candidate's use cases.
type Service struct {
	store  *store.Store
	engine *workflow.Engine
}

// New returns a Service.
func New(st *store.Store, engine *workflow.Engine) *Service {
	return &Service{store: st, engine: engine}
}

// Access is what a person may do on a candidature.
type Access struct {
	Role string // store.MemberElu, store.MemberAccompagnateur, or "" for staff/jury
	Edit bool   // may change answers and upload evidence
	Read bool
}

// AccessOf returns what the user may do on the candidature.
func (s *Service) AccessOf(ctx context.Context, c *domain.Candidature, u *domain.User) (Access, error) {
	role, err := s.store.MemberRole(ctx, c.ID, u.ID)
	if err != nil {
		return Access{}, err
	}
	return AccessFor(role, u), nil
}

// AccessFor returns what a person may do on a candidature given their role
// in it (store.MemberElu, store.MemberAccompagnateur, or "" when they are
// not a member).
func AccessFor(role string, u *domain.User) Access {
	a := Access{Role: role}
	switch {
	case role != "":
		a.Read, a.Edit = true, true
	case u.Role == domain.RoleStaff || u.Role == domain.RoleJury:
		a.Read = true
	}
	return a
}

// Get returns a candidature the user may read.
func (s *Service) Get(ctx context.Context, id int64, u *domain.User) (*domain.Candidature, Access, error) {
	c, role, _, err := s.store.CandidatureAndRole(ctx, id, u.ID)
	if err != nil {
		return nil, Access{}, err
	}
	a := AccessFor(role, u)
	if !a.Read {
		return nil, Access{}, domain.Errorf(domain.EForbidden, "Vous ne participez pas à cette candidature.")
	}
	return c, a, nil
}

// Questionnaire returns the questionnaire pinned by a campaign.
func (s *Service) Questionnaire(c *domain.Campaign) (*questionnaire.Questionnaire, error) {
	return s.engine.Env().Questionnaire(c)
}

// Reference returns the reference number of a collectivité's candidature.
func Reference(year int, coll *domain.Collectivite) string {
	abbr := map[domain.CollectiviteKind]string{
		domain.KindCommune: "COM", domain.KindEPCI: "EPCI", domain.KindDepartement: "DEP",
		domain.KindRegion: "REG", domain.KindAutre: "AUT",
	}[coll.Kind]
	return fmt.Sprintf("TNL-%d-%s-%s", year, abbr, coll.Code)
}

// CreateRequest asks for a new candidature.
type CreateRequest struct {
	CampaignID     int64
	CollectiviteID int64
	Prefill        bool // copy last year's answers that still fit
	// ByStaff is set when staff create the candidature for the élu (CLI):
	// the previous answers are copied even if the élu did not take part in
	// that candidature (a new élu after elections).
	ByStaff bool
}

// Create opens a candidature for a collectivité with the user as élu
// référent. The campaign must take submissions; a collectivité has at most
// one candidature per campaign.
func (s *Service) Create(ctx context.Context, req CreateRequest, elu *domain.User) (*domain.Candidature, error) {
	cp, err := s.store.Campaign(ctx, req.CampaignID)
	if err != nil {
		return nil, err
	}
	if cp.State != workflow.CampagneOuverte {
		return nil, domain.Errorf(domain.EUnprocessable, "La campagne %d n’accepte pas de nouvelle candidature (elle est « %s »).",
			cp.Year, workflow.Campagne().StateLabel(cp.State))
	}
	if !s.store.Now().Before(cp.ClosesAt) {
		return nil, domain.Errorf(domain.EUnprocessable, "La date limite de dépôt de la campagne %d est passée.", cp.Year)
	}
	coll, err := s.store.Collectivite(ctx, req.CollectiviteID)
	if err != nil {
		return nil, err
	}
	if !coll.Active {
		return nil, domain.Errorf(domain.EUnprocessable, "%s n’existe plus dans le code officiel géographique.", coll.Name)
	}
	if existing, err := s.store.CandidatureOf(ctx, cp.ID, coll.ID); err == nil {
		return nil, &domain.Error{Code: domain.EConflict,
			Message: fmt.Sprintf("%s a déjà une candidature pour la campagne %d (référence %s) : demandez à son élu référent de vous inviter.",
				coll.Name, cp.Year, existing.Reference)}
	}
	var prefill []domain.Answer
	if req.Prefill {
		reader := elu
		if req.ByStaff {
			reader = nil
		}
		if prefill, _, err = s.prefill(ctx, cp, coll, reader); err != nil {
			return nil, err
		}
	}
	c := &domain.Candidature{
		CampaignID: cp.ID, CollectiviteID: coll.ID, Reference: Reference(cp.Year, coll),
		State: workflow.Brouillon, EluUserID: elu.ID, EluName: elu.Name,
	}
	if err := s.store.CreateCandidature(ctx, c, elu.Email, prefill); err != nil {
		return nil, err
	}
	return c, nil
}

// PreviousAnswers returns how many answers of the collectivité's previous
// candidature would be copied into a new one for this campaign by u, and
// the year of that candidature (0 when there is none, or when u did not
// take part in it).
func (s *Service) PreviousAnswers(ctx context.Context, cp *domain.Campaign, coll *domain.Collectivite, u *domain.User) (count, year int, err error) {
	answers, year, err := s.prefill(ctx, cp, coll, u)
	return len(answers), year, err
}

// prefill computes the answers copied from the collectivité's previous
// candidature: same key and type, still valid options; neither evidence
// files nor the attestation are copied. Only someone who took part in
// that candidature (u, or staff when u is nil) gets its answers: anybody
// may open a candidature for any collectivité, and a draft's answers are
// not public.
func (s *Service) prefill(ctx context.Context, cp *domain.Campaign, coll *domain.Collectivite, u *domain.User) ([]domain.Answer, int, error) {
	prev, prevCp, err := s.store.PreviousCandidature(ctx, coll.ID, cp.Year)
	if domain.ErrorCode(err) == domain.ENotFound {
		return nil, 0, nil
	} else if err != nil {
		return nil, 0, err
	}
	if u != nil {
		members, err := s.store.Members(ctx, prev.ID)
		if err != nil {
			return nil, 0, err
		}
		if !slices.ContainsFunc(members, func(m store.Member) bool { return m.UserID == u.ID }) {
			return nil, 0, nil
		}
	}
	prevQ, err := s.engine.Env().Questionnaire(prevCp)
	if err != nil {
		return nil, 0, err
	}
	curQ, err := s.engine.Env().Questionnaire(cp)
	if err != nil {
		return nil, 0, err
	}
	rows, err := s.store.Answers(ctx, prev.ID)
	if err != nil {
		return nil, 0, err
	}
	old := make(questionnaire.Answers, len(rows))
	for _, r := range rows {
		old[r.QuestionKey] = r.Value
	}
	copied := questionnaire.Prefill(prevQ, old, curQ)
	for k := range copied {
		if q := curQ.Question(k); q != nil && IsAttestation(q) {
			delete(copied, k) // attested anew, by this year's élu
		}
	}
	keys := make([]string, 0, len(copied))
	for k := range copied {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]domain.Answer, 0, len(keys))
	for _, k := range keys {
		out = append(out, domain.Answer{QuestionKey: k, Value: copied[k], QuestionnaireVersion: curQ.Version})
	}
	return out, prevCp.Year, nil
}
