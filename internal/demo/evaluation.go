package demo

import (
	"context"
	"fmt"
	"net/url"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/jury"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	evallc "github.com/adullact/tnl/internal/lifecycle/evaluation"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

// evaluatedCommune is the real commune whose candidature the demo deposits
// for the jury to evaluate.
const evaluatedCommune = "01007" // Ambronay

// seedEvaluation deposits a complete candidature, has staff declare it
// recevable and put it in instruction, and assigns it to two jurors, one
// of whom has submitted her evaluation: the other juror tries the juror's
// screens, then sees hers.
func seedEvaluation(ctx context.Context, st *store.Store, engine *workflow.Engine, cands *candidature.Service, juries *jury.Service,
	cp *domain.Campaign, users map[string]*domain.User) (*domain.Candidature, error) {
	coll, err := st.CollectiviteByCode(ctx, domain.KindCommune, evaluatedCommune)
	if err != nil {
		return nil, err
	}
	if c, err := st.CandidatureOf(ctx, cp.ID, coll.ID); err == nil {
		return c, nil
	}
	elu := policy.User(users["mairie-ambronay@exemple.fr"])
	c, err := cands.Create(ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: coll.ID}, elu)
	if err != nil {
		return nil, err
	}
	q, err := cands.Questionnaire(cp)
	if err != nil {
		return nil, err
	}
	d, err := cands.Open(ctx, c.ID, elu)
	if err != nil {
		return nil, err
	}
	answers := SampleAnswers(q, 7)
	stored, err := cands.Answers(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	for _, question := range q.Questions() {
		if question.Section != nil && question.Section.Key == "attestation" {
			continue
		}
		if question.Type == questionnaire.TypeFile {
			if _, err := cands.Attach(ctx, d, candidature.UploadRequest{QuestionKey: question.Key, Name: "justificatif.pdf", Data: SamplePDF()}); err != nil {
				return nil, fmt.Errorf("pièce %s : %w", question.Key, err)
			}
			continue
		}
		if v, ok := answers[question.Key]; ok {
			if _, err := cands.Save(ctx, d, candidature.SaveRequest{Key: question.Key, Value: v, ExpectedVersion: stored[question.Key].Version}); err != nil {
				return nil, fmt.Errorf("réponse %s : %w", question.Key, err)
			}
		}
	}
	staff := policy.Operator("démonstration")
	steps := []struct {
		event string
		who   policy.Principal
		in    workflow.Input
	}{
		{"deposer", elu, workflow.Input{Values: url.Values{"attest": {"true"}, "elu_name": {"Lou Martin"}, "elu_mandate": {"Maire"}}}},
		{"declarer_recevable", staff, workflow.Input{Values: url.Values{candlc.FieldMandateChecked: {"Maire, vérifié au Répertoire national des élus"}, candlc.FieldMandateConfirmed: {"oui"}}}},
		{"instruire", staff, workflow.Input{}},
	}
	for _, step := range steps {
		if _, err := engine.Fire(ctx, "candidature", c.ID, step.event, step.who, step.in); err != nil {
			return nil, fmt.Errorf("%s : %w", step.event, err)
		}
	}
	var submitted *domain.Evaluation
	for _, email := range []string{"jury@exemple.fr", "jure2@exemple.fr"} {
		e, err := juries.AddAssignment(ctx, c.ID, users[email].ID, "Démonstration", staff)
		if err != nil {
			return nil, err
		}
		submitted = e
	}
	// The second juror's evaluation, submitted.
	who := policy.User(users["jure2@exemple.fr"])
	snap, err := engine.Load(ctx, evallc.Name, submitted.ID, who)
	if err != nil {
		return nil, err
	}
	in := evallc.Input{Scores: map[string]map[string]int{}, Comments: map[string]string{}, Confidence: domain.ConfidenceHigh,
		Remark: "Une démarche cohérente : poursuivez la publication des données."}
	level := 3
	in.Level = &level
	for i, th := range q.Grid.Themes {
		in.Scores[th.Theme] = map[string]int{}
		for j, cr := range th.Criteria {
			in.Scores[th.Theme][cr.Key] = min(th.Max(), 1+(i+j)%4)
		}
	}
	in.Comments["strategie"] = "Délibération et élu référent : l’engagement est clair."
	if _, err := juries.SaveDraft(ctx, snap, who, in, 0); err != nil {
		return nil, err
	}
	if _, err := engine.Fire(ctx, evallc.Name, submitted.ID, "remettre", who, workflow.Input{}); err != nil {
		return nil, err
	}
	return st.Candidature(ctx, c.ID)
}
