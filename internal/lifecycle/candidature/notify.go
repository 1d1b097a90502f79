package candidature

import (
	"fmt"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/workflow"
)

// notifier writes the messages of the candidature's events.
type notifier struct {
	mail *mail.Mailer
}

// mailData is what the candidature's messages say.
type mailData struct {
	Name         string // whom the greeting names, or ""
	Collectivite string
	Year         int
	Reference    string
	ID           int64
	At           time.Time
	Deadline     time.Time
	Comment      string
	Level        string
	Motivation   string
	// EluTitle is the élu référent's title in the form they chose
	// (« élue référente »).
	EluTitle string
	ReplyBy  time.Time // the complement's reply deadline, or zero
	// The published result: whether awarded, its mentions, the public
	// code of the collectivité (its page and badge) and a rectification's
	// reason.
	Awarded    bool
	Mentions   []string
	PublicCode string
	Reason     string
}

func data(s *subject, in workflow.Input) mailData {
	p := s.P
	d := mailData{Collectivite: p.Collectivite.Name, Year: p.Campaign.Year, Reference: p.Candidature.Reference, ID: s.ID,
		At: s.Now, Deadline: p.Campaign.ClosesAt, Comment: in.Comment, EluTitle: domain.EluReferent(p.EluTitleForm())}
	if due := p.Candidature.ComplementDueAt; due != nil {
		d.ReplyBy = *due
	}
	return d
}

// submission sends the accusé de réception to the élu, with the PDF
// receipt attached, and tells the other members.
func (n notifier) submission(s *subject, in workflow.Input) ([]*domain.OutboxMessage, error) {
	d := data(s, in)
	d.Name = in.Value(FieldEluName)
	receipt, err := n.mail.Message("accuse_reception", s.P.EluEmail(), d)
	if err != nil {
		return nil, err
	}
	// The receipt is rendered from the deposit's own snapshot: it can be
	// sent even after the élu takes the candidature back (corriger).
	c := s.P.Candidature
	snap := domain.ReceiptSnapshot{CandidatureID: s.ID, Reference: c.Reference, Collectivite: s.P.Collectivite.Name, Year: s.P.Campaign.Year,
		EluName: c.EluName, EluMandate: c.EluMandate, EluEmail: s.P.EluEmail(), EluTitleForm: s.P.EluTitleForm(),
		Answers: c.SubmittedAnswers, Files: c.SubmittedFiles, SHA256: c.SubmittedHash}
	if c.SubmittedAt != nil {
		snap.SubmittedAt = *c.SubmittedAt
	}
	receipt.Attachment = snap.Ref()
	msgs := []*domain.OutboxMessage{receipt}
	for _, m := range s.P.Members {
		if m.UserID == s.P.Candidature.EluUserID {
			continue
		}
		msg, err := n.mail.Message("depot", m.Email, data(s, in))
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, msg)
	}
	return msgs, nil
}

// members tells every member but the actor about an event.
func (n notifier) members(kind string) func(*subject, workflow.Input) ([]*domain.OutboxMessage, error) {
	return func(s *subject, in workflow.Input) ([]*domain.OutboxMessage, error) {
		var msgs []*domain.OutboxMessage
		for _, m := range s.P.Members {
			if m.UserID == s.Actor.UserID && !s.Actor.System {
				continue
			}
			msg, err := n.mail.Message(kind, m.Email, data(s, in))
			if err != nil {
				return nil, err
			}
			msgs = append(msgs, msg)
		}
		return msgs, nil
	}
}

// elu tells the élu the outcome of the admissibility check.
func (n notifier) elu(kind string) func(*subject, workflow.Input) ([]*domain.OutboxMessage, error) {
	return func(s *subject, in workflow.Input) ([]*domain.OutboxMessage, error) {
		msg, err := n.mail.Message(kind, s.P.EluEmail(), data(s, in))
		if err != nil {
			return nil, err
		}
		return []*domain.OutboxMessage{msg}, nil
	}
}

// publication tells every member the result, once per candidature.
func (n notifier) publication(s *subject, in workflow.Input) ([]*domain.OutboxMessage, error) {
	c := s.P.Candidature
	d := result(s, in, c.Level, c.Mentions, c.Motivation)
	return n.toMembers(s, "publication", fmt.Sprintf("publication:%d", c.ID), d)
}

// rectification tells every member a published decision was rectified, and why.
func (n notifier) rectification(s *subject, in workflow.Input) ([]*domain.OutboxMessage, error) {
	dec := DecisionOf(in)
	d := result(s, in, &dec.Level, dec.Mentions, dec.Motivation)
	d.Reason = in.Comment
	return n.toMembers(s, "rectification", "", d)
}

func result(s *subject, in workflow.Input, level *int, mentions []string, motivation string) mailData {
	d := data(s, in)
	d.Awarded = level != nil && *level > 0
	d.Level, d.Motivation, d.Mentions = "Pas de label", motivation, mentions
	if d.Awarded {
		d.Level = s.P.Campaign.AwardScheme.LevelLabel(level)
	}
	d.PublicCode = s.P.Collectivite.PublicCode()
	return d
}

// toMembers writes one message of a kind to each member; dedup, when set,
// keys them so that each is sent once.
func (n notifier) toMembers(s *subject, kind, dedup string, d mailData) ([]*domain.OutboxMessage, error) {
	var msgs []*domain.OutboxMessage
	for _, m := range s.P.Members {
		d := d
		d.Name = m.Name
		msg, err := n.mail.Message(kind, m.Email, d)
		if err != nil {
			return nil, err
		}
		if dedup != "" {
			key := fmt.Sprintf("%s:%d", dedup, m.UserID)
			msg.DedupKey = &key
		}
		msgs = append(msgs, msg)
	}
	return msgs, nil
}
