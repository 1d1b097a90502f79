package candidature

import (
	"context"
	"encoding/json"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

// Payload is a candidature as its events need it.
type Payload struct {
	Candidature  *domain.Candidature
	Campaign     *domain.Campaign
	Collectivite *domain.Collectivite
	Members      []store.Member
	// Answers and Questionnaire are loaded for a single candidature; a
	// cascade over many (LoadMany) leaves them nil: no event fired in bulk
	// reads them.
	Answers       questionnaire.Answers
	Questionnaire *questionnaire.Questionnaire
	// Evaluations counts the jury's evaluations of the candidature (single
	// loads only).
	Evaluations Progress
}

// Progress counts a candidature's assigned and submitted evaluations.
type Progress struct {
	Assigned, Submitted int
}

// QuestionnaireFor is the questionnaire a candidature answers: the Badge
// questions only on the Badge track, the whole questionnaire otherwise.
func QuestionnaireFor(q *questionnaire.Questionnaire, c *domain.Candidature) *questionnaire.Questionnaire {
	if c.Track == domain.TrackBadge {
		return q.BadgeOnly()
	}
	return q
}

// EluEmail returns the élu référent's address.
func (p *Payload) EluEmail() string {
	for _, m := range p.Members {
		if m.UserID == p.Candidature.EluUserID {
			return m.Email
		}
	}
	return ""
}

// EluTitleForm is how the élu référent's title is written.
func (p *Payload) EluTitleForm() string {
	for _, m := range p.Members {
		if m.UserID == p.Candidature.EluUserID {
			return m.TitleForm
		}
	}
	return domain.FormInclusive
}

func (d Deps) load(ctx context.Context, tx *store.Tx, id int64, who policy.Principal) (*workflow.Loaded[Payload], error) {
	c, err := tx.Candidature(ctx, id)
	if err != nil {
		return nil, err
	}
	cp, err := tx.CampaignShared(ctx, c.CampaignID)
	if err != nil {
		return nil, err
	}
	coll, err := tx.Collectivite(ctx, c.CollectiviteID)
	if err != nil {
		return nil, err
	}
	members, err := tx.Members(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := tx.Answers(ctx, id)
	if err != nil {
		return nil, err
	}
	answers := make(questionnaire.Answers, len(rows))
	for _, a := range rows {
		answers[a.QuestionKey] = json.RawMessage(a.Value)
	}
	q, err := d.Questionnaires.Get(cp.QuestionnaireHash, cp.Questionnaire, cp.QuestionnaireName())
	if err != nil {
		return nil, err
	}
	q = QuestionnaireFor(q, c)
	facts := Facts(c, MemberRole(members, who.UserID))
	if !who.System && who.UserID != 0 && facts.Member == "" {
		st, err := tx.JuryStanding(ctx, c, who.UserID)
		if err != nil {
			return nil, err
		}
		facts.Seat, facts.Assigned, facts.Conflicted = st.Seat, st.Assigned, st.Conflicted
	}
	var ev Progress
	if ev.Assigned, ev.Submitted, err = tx.EvaluationProgress(ctx, c.ID); err != nil {
		return nil, err
	}
	return &workflow.Loaded[Payload]{ID: c.ID, State: c.State, Version: c.Version, Facts: facts,
		Payload: &Payload{Candidature: c, Campaign: cp, Collectivite: coll, Members: members, Answers: answers, Questionnaire: q, Evaluations: ev}}, nil
}

// complementsDue lists the candidatures whose complement reply deadline
// has passed.
func complementsDue(ctx context.Context, st *store.Store, now time.Time) ([]workflow.Due, error) {
	rows, err := st.ComplementsDue(ctx, domain.ComplementDemande, now)
	if err != nil {
		return nil, err
	}
	out := make([]workflow.Due, len(rows))
	for i, r := range rows {
		out[i] = workflow.Due{ID: r[0], Version: int(r[1])}
	}
	return out, nil
}

// loadMany reads candidatures of one or several campaigns for a cascade,
// without their answers.
func (d Deps) loadMany(ctx context.Context, tx *store.Tx, ids []int64) ([]*workflow.Loaded[Payload], error) {
	rows, err := tx.CandidaturesForCascade(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*workflow.Loaded[Payload], 0, len(rows))
	campaigns := map[int64]*domain.Campaign{}
	for _, r := range rows {
		cp, ok := campaigns[r.Candidature.CampaignID]
		if !ok {
			if cp, err = tx.CampaignShared(ctx, r.Candidature.CampaignID); err != nil {
				return nil, err
			}
			campaigns[cp.ID] = cp
		}
		c := r.Candidature
		out = append(out, &workflow.Loaded[Payload]{ID: c.ID, State: c.State, Version: c.Version, Facts: Facts(&c, ""),
			Payload: &Payload{Candidature: &c, Campaign: cp, Collectivite: &r.Collectivite, Members: r.Members}})
	}
	return out, nil
}

// Facts returns what the policy needs of a candidature, for a person with
// this role among its members; their jury seat and assignment are added by
// whoever reads them.
func Facts(c *domain.Candidature, member string) policy.Facts {
	return policy.Facts{
		Member:    member,
		Draft:     c.State == domain.Brouillon,
		Decided:   c.State == domain.Deliberee || c.State == domain.Publiee,
		Published: c.State == domain.Publiee,
		Badge:     c.Track == domain.TrackBadge,
	}
}

// MemberRole returns the person's role among the members, or "".
func MemberRole(members []store.Member, userID int64) string {
	if userID == 0 {
		return ""
	}
	for _, m := range members {
		if m.UserID == userID {
			return m.Role
		}
	}
	return ""
}
