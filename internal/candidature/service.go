// Package candidature is the candidate's side of the platform: creating a
// candidature, saving answers, attaching evidence, inviting co-editors,
// pre-filling from last year, depositing, and reading a candidature's
// history. Web pages, the JSON API and the CLI all go through it; who may do
// what is the policy's (internal/policy), transitions go through the
// workflow engine.
package candidature

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

// Service implements the candidate's use cases.
type Service struct {
	store          *store.Store
	engine         *workflow.Engine
	policy         *policy.Policy
	questionnaires *questionnaire.Cache
	mail           *mail.Mailer
	// EluLimit is how many candidatures of a campaign one person may be
	// élu référent of (DefaultEluLimit; staff lift it per person; 0: no
	// limit).
	EluLimit int
}

// DefaultEluLimit is the platform's limit of candidatures per campaign one
// person may be élu référent of.
const DefaultEluLimit = 3

// New returns a Service.
func New(st *store.Store, engine *workflow.Engine, qs *questionnaire.Cache, mailer *mail.Mailer) *Service {
	return &Service{store: st, engine: engine, policy: engine.Policy(), questionnaires: qs, mail: mailer, EluLimit: DefaultEluLimit}
}

// Questionnaire returns the questionnaire pinned by a campaign.
func (s *Service) Questionnaire(c *domain.Campaign) (*questionnaire.Questionnaire, error) {
	return s.questionnaires.Get(c.QuestionnaireHash, c.Questionnaire, c.QuestionnaireName())
}

// FactsOf returns the policy's facts of a candidature for a person whose
// links to it are a.
func FactsOf(c *domain.Candidature, a store.Access) policy.Facts {
	f := candlc.Facts(c, a.Member)
	f.Seat, f.Assigned, f.Conflicted = a.Seat, a.Assigned, a.Conflicted
	return f
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
	// that candidature (a new élu after elections), and the élu's address
	// need not be confirmed yet.
	ByStaff bool
	// Track is domain.TrackBadge or domain.TrackLabel (the default) where
	// the campaign's scheme has a Badge; it must be empty or the label's
	// otherwise.
	Track string
}

// trackOf checks the track asked for a candidature of the campaign.
func trackOf(cp *domain.Campaign, track string) (string, error) {
	switch {
	case track == "" || track == domain.TrackLabel:
		return domain.TrackLabel, nil
	case track == domain.TrackBadge && cp.AwardScheme.HasBadge():
		return domain.TrackBadge, nil
	case track == domain.TrackBadge:
		return "", domain.Errorf(domain.EInvalid, "La campagne %d ne propose pas de Badge : la candidature vise le label.", cp.Year)
	}
	return "", domain.Errorf(domain.EInvalid, "Filière « %s » inconnue : choisissez « badge » ou « label ».", track)
}

// Create opens a candidature for a collectivité with the person as élu
// référent, and records its creation. The person's address must be
// confirmed; the campaign must take submissions; a collectivité has at most
// one candidature per campaign.
func (s *Service) Create(ctx context.Context, req CreateRequest, elu policy.Principal) (*domain.Candidature, error) {
	if err := s.policy.Decide(policy.CandidatureCreate, policy.Relations(elu, policy.Facts{}), policy.Facts{}); err != nil {
		return nil, err
	}
	if !elu.Verified && !req.ByStaff {
		return nil, domain.Errorf(domain.EForbidden, "Confirmez d’abord votre adresse électronique avec le lien reçu par courriel (vous pouvez le renvoyer depuis la page Mon compte).")
	}
	cp, err := s.store.Campaign(ctx, req.CampaignID)
	if err != nil {
		return nil, err
	}
	if cp.State != domain.CampagneOuverte {
		return nil, domain.Errorf(domain.EUnprocessable, "La campagne %d n’accepte pas de nouvelle candidature.", cp.Year)
	}
	if !s.store.Now().Before(cp.ClosesAt) {
		return nil, domain.Errorf(domain.EUnprocessable, "La date limite de dépôt de la campagne %d est passée.", cp.Year)
	}
	track, err := trackOf(cp, req.Track)
	if err != nil {
		return nil, err
	}
	coll, err := s.store.Collectivite(ctx, req.CollectiviteID)
	if err != nil {
		return nil, err
	}
	if !coll.Active {
		return nil, domain.Errorf(domain.EUnprocessable, "%s n’existe plus dans le code officiel géographique.", coll.Name)
	}
	if existing, err := s.store.CandidatureOf(ctx, cp.ID, coll.ID); err == nil && existing.State != domain.Retiree {
		return nil, &domain.Error{Code: domain.EConflict,
			Message: fmt.Sprintf("%s a déjà une candidature pour la campagne %d (référence %s) : demandez à son élu référent de vous inviter.",
				coll.Name, cp.Year, existing.Reference)}
	}
	var prefill []domain.Answer
	if req.Prefill {
		reader := elu.UserID
		if req.ByStaff {
			reader = 0
		}
		if prefill, _, err = s.prefill(ctx, cp, coll, reader); err != nil {
			return nil, err
		}
	}
	if prefill, err = s.fromAccount(cp, elu, prefill); err != nil {
		return nil, err
	}
	c := &domain.Candidature{
		CampaignID: cp.ID, CollectiviteID: coll.ID, Reference: Reference(cp.Year, coll),
		State: domain.Brouillon, EluUserID: elu.UserID, EluName: elu.Name, Track: track,
	}
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		// A person is élu référent of a few candidatures per campaign,
		// not of every collectivité: EluLimit, unless staff lifted it.
		if !req.ByStaff {
			limit := s.EluLimit
			own, err := tx.EluLimitOf(ctx, elu.UserID)
			if err != nil {
				return err
			}
			if own != nil {
				limit = *own
			}
			n, err := tx.EluCandidatures(ctx, cp.ID, elu.UserID)
			if err != nil {
				return err
			}
			if limit > 0 && n >= limit {
				return domain.Errorf(domain.EUnprocessable, "Vous êtes déjà élu référent de %s pour la campagne %d, la limite par personne. Si vous représentez d’autres collectivités, écrivez à l’équipe ADULLACT, qui peut la relever pour vous.",
					fr.Count(n, "candidature", "candidatures"), cp.Year)
			}
		}
		// A withdrawn candidature freed the collectivité: the new one has
		// a reference of its own (« …-2 »).
		n, err := tx.CandidaturesOfCollectivite(ctx, cp.ID, coll.ID)
		if err != nil {
			return err
		}
		if n > 0 {
			c.Reference = fmt.Sprintf("%s-%d", c.Reference, n+1)
		}
		if err := tx.CreateCandidature(ctx, c, prefill); err != nil {
			return err
		}
		return s.engine.Record(ctx, tx, candlc.Name, c.ID, workflow.RecordCreate, c.State, elu, policy.Elu, "")
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// PreviousAnswers returns how many answers of the collectivité's previous
// candidature would be copied into a new one for this campaign by the
// person, and the year of that candidature (0 when there is none, or when
// they did not take part in it).
func (s *Service) PreviousAnswers(ctx context.Context, cp *domain.Campaign, coll *domain.Collectivite, who policy.Principal) (count, year int, err error) {
	answers, year, err := s.prefill(ctx, cp, coll, who.UserID)
	return len(answers), year, err
}

// prefill computes the answers copied from the collectivité's previous
// candidature: same key and type, still valid options; neither evidence
// files nor the attestation are copied. Only someone who took part in that
// candidature (userID, or staff when it is 0) gets its answers: anybody may
// open a candidature for any collectivité, and a draft's answers are not
// public.
func (s *Service) prefill(ctx context.Context, cp *domain.Campaign, coll *domain.Collectivite, userID int64) ([]domain.Answer, int, error) {
	prev, prevCp, err := s.store.PreviousCandidature(ctx, coll.ID, cp.Year)
	if domain.ErrorCode(err) == domain.ENotFound {
		return nil, 0, nil
	} else if err != nil {
		return nil, 0, err
	}
	if userID != 0 {
		members, err := s.store.Members(ctx, prev.ID)
		if err != nil {
			return nil, 0, err
		}
		if !slices.ContainsFunc(members, func(m store.Member) bool { return m.UserID == userID }) {
			return nil, 0, nil
		}
	}
	prevQ, err := s.Questionnaire(prevCp)
	if err != nil {
		return nil, 0, err
	}
	curQ, err := s.Questionnaire(cp)
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
		if q := curQ.Question(k); q != nil && candlc.IsAttestation(q) {
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

// fromAccount adds to a new candidature's first answers those its
// questionnaire fills from the élu's account (the référent's name and
// address), unless last year's answers already gave them.
func (s *Service) fromAccount(cp *domain.Campaign, elu policy.Principal, answers []domain.Answer) ([]domain.Answer, error) {
	q, err := s.Questionnaire(cp)
	if err != nil {
		return nil, err
	}
	have := make(questionnaire.Answers, len(answers))
	for _, a := range answers {
		have[a.QuestionKey] = a.Value
	}
	extra := q.FromAccount(elu.Name, elu.Email, have)
	keys := slices.Sorted(maps.Keys(extra))
	for _, k := range keys {
		answers = append(answers, domain.Answer{QuestionKey: k, Value: extra[k], QuestionnaireVersion: q.Version})
	}
	return answers, nil
}

// SetEluLimit lets staff lift (or set back) the limit of candidatures per
// campaign one person may be élu référent of: a number, or empty for the
// platform's limit. The change is recorded in the audit trail.
func (s *Service) SetEluLimit(ctx context.Context, staff policy.Principal, userID int64, value string) error {
	if err := s.policy.Decide(policy.StaffAccounts, policy.Relations(staff, policy.Facts{}), policy.Facts{}); err != nil {
		return err
	}
	var limit *int
	comment := "Limite de la plateforme rétablie."
	if value != "" {
		n, err := strconv.Atoi(value)
		if err != nil || n < 0 || n > 10000 {
			return &domain.Error{Code: domain.EUnprocessable, Message: "La limite est un nombre entier de candidatures, par exemple 5 (vide : la limite de la plateforme).",
				Fields: map[string]string{"limite": "Un nombre entier, par exemple 5."}}
		}
		limit = &n
		comment = fmt.Sprintf("Limite portée à %s par campagne.", fr.Count(n, "candidature", "candidatures"))
	}
	uid := staff.UserID
	return s.store.SetEluLimit(ctx, userID, limit, &domain.AuditEntry{SubjectType: "compte", SubjectID: userID, Event: "limite_elu",
		ActorID: &uid, ActorLabel: staff.Label(), ActorRole: "staff", Comment: comment})
}
