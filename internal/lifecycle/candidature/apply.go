package candidature

import (
	"context"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

type subject = workflow.Subject[Payload]

// applySubmission writes the élu's attestation into the questionnaire's
// attestation section, drops the answers hidden by their display
// condition, with the files attached to them, and records the submission,
// the attestation and the fingerprint of the answers as deposited — all in
// the deposit's transaction: a refused deposit leaves nothing behind.
func applySubmission(ctx context.Context, tx *store.Tx, s *subject, in workflow.Input, _ workflow.Effects) error {
	q := s.P.Questionnaire
	att := Attestation{EluName: in.Value(FieldEluName), Mandate: in.Value(FieldEluMandate), Attest: in.Bool(FieldAttest)}
	for key, value := range AttestationAnswers(q, att) {
		normalized, problems := q.ValidateAnswer(key, value)
		if len(problems) > 0 {
			return &domain.Error{Code: domain.EInvalid, Message: problems[0].Message, Fields: map[string]string{key: problems[0].Message}}
		}
		if string(s.P.Answers[key]) == string(normalized) {
			continue
		}
		a := &domain.Answer{CandidatureID: s.ID, QuestionKey: key, Value: normalized, QuestionnaireVersion: q.Version, UpdatedBy: s.Actor.UserID}
		if err := tx.OverwriteAnswer(ctx, a); err != nil {
			return err
		}
		s.P.Answers[key] = normalized
	}
	kept, err := pruneHidden(ctx, tx, s)
	if err != nil {
		return err
	}
	fp := s.P.Questionnaire.Fingerprint(kept)
	if err := tx.MarkSubmitted(ctx, s.ID, store.Submission{At: s.Now, EluName: in.Value(FieldEluName), Mandate: in.Value(FieldEluMandate),
		Answers: fp.Answers, Files: fp.Files, SHA256: fp.SHA256}); err != nil {
		return err
	}
	// The deposit's snapshot, for the accusé de réception (submission).
	at := s.Now.UTC()
	c := s.P.Candidature
	c.SubmittedAt, c.AttestedAt = &at, &at
	c.EluName, c.EluMandate = in.Value(FieldEluName), in.Value(FieldEluMandate)
	c.SubmittedAnswers, c.SubmittedFiles, c.SubmittedHash = fp.Answers, fp.Files, fp.SHA256
	return tx.PutCandidatureScores(ctx, ScoreOf(s.P.Questionnaire, kept, s.P.Collectivite, s.ID))
}

func applyTakeBack(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input, _ workflow.Effects) error {
	return tx.ClearSubmission(ctx, s.ID)
}

// applyComplement drops what the complement's answers have hidden, scores
// the answers again and clears the reply deadline.
func applyComplement(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input, _ workflow.Effects) error {
	kept, err := pruneHidden(ctx, tx, s)
	if err != nil {
		return err
	}
	if err := tx.PutCandidatureScores(ctx, ScoreOf(s.P.Questionnaire, kept, s.P.Collectivite, s.ID)); err != nil {
		return err
	}
	return tx.SetComplementDue(ctx, s.ID, nil)
}

// applyComplementRequest records the reply deadline.
func applyComplementRequest(ctx context.Context, tx *store.Tx, s *subject, in workflow.Input, _ workflow.Effects) error {
	days, _ := ReplyDays(in) // the guard has checked it
	due := ReplyDeadline(s.Now, days)
	s.P.Candidature.ComplementDueAt = &due
	return tx.SetComplementDue(ctx, s.ID, &due)
}

// applyComplementExpired clears the reply deadline: the request is over.
func applyComplementExpired(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input, _ workflow.Effects) error {
	return tx.SetComplementDue(ctx, s.ID, nil)
}

// ScoreOf is the questionnaire's automatic score of a candidature's
// answers as the store keeps it, with the theme it does best in (the
// highest share of its theme's weight; the first one on a tie).
func ScoreOf(q *questionnaire.Questionnaire, answers questionnaire.Answers, coll *domain.Collectivite, candidatureID int64) store.CandidatureScore {
	res := q.Score(answers, questionnaire.Profile{Kind: string(coll.Kind), Population: coll.Population})
	sc := store.CandidatureScore{CandidatureID: candidatureID, Total: res.Total, Max: res.Max, Level: res.Level}
	parts := make([]string, len(res.Themes))
	best := -1.0
	for i, th := range res.Themes {
		parts[i] = strconv.FormatFloat(th.Weighted, 'f', -1, 64)
		if th.Weight > 0 && th.Weighted/th.Weight > best {
			best, sc.LeadTheme = th.Weighted/th.Weight, th.Key
		}
	}
	sc.Themes = strings.Join(parts, " ")
	return sc
}

// pruneHidden drops the answers hidden by their display condition, with the
// files attached to them, and returns those kept: what the jury reads is
// what the questionnaire shows (on deposit, and again when a complement
// was answered).
func pruneHidden(ctx context.Context, tx *store.Tx, s *subject) (questionnaire.Answers, error) {
	kept := s.P.Questionnaire.Prune(s.P.Answers)
	var hidden []string
	for key := range s.P.Answers {
		if _, ok := kept[key]; !ok {
			hidden = append(hidden, key)
		}
	}
	if err := tx.DeleteAnswers(ctx, s.ID, hidden); err != nil {
		return nil, err
	}
	return kept, tx.DeleteQuestionsEvidence(ctx, s.ID, hidden)
}

// applyReopen makes a withdrawn candidature a draft again: its deposit and
// its reason are forgotten. The collectivité must not have another
// candidature in the campaign meanwhile (a withdrawal frees it).
func applyReopen(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input, _ workflow.Effects) error {
	c := s.P.Candidature
	other, err := tx.ActiveCandidatureOf(ctx, c.CampaignID, c.CollectiviteID)
	if err != nil && domain.ErrorCode(err) != domain.ENotFound {
		return err
	}
	if other != nil && other.ID != c.ID {
		return domain.Errorf(domain.EConflict, "La collectivité a depuis une autre candidature (%s) : celle-ci ne peut pas être rouverte.", other.Reference)
	}
	if err := tx.ClearSubmission(ctx, s.ID); err != nil {
		return err
	}
	return tx.SetReason(ctx, s.ID, "")
}

func applyReason(ctx context.Context, tx *store.Tx, s *subject, in workflow.Input, _ workflow.Effects) error {
	return tx.SetReason(ctx, s.ID, in.Comment)
}
