package candidature

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/cleantext"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// Limits of a message.
const (
	MaxMessageLength = 10_000
	MaxMessageFiles  = 5
)

// MessageFile is a file attached to a new message.
type MessageFile struct {
	Name string
	Data []byte
}

// PostMessage writes a message in the candidature's thread, with its files,
// and mails it to the other side (the collectivité's members when staff or
// the jury write, staff when a member writes), in one transaction.
func (s *Service) PostMessage(ctx context.Context, d *Draft, body string, files []MessageFile) (*domain.Message, error) {
	if err := d.may(s.policy, policy.CandidatureMessage); err != nil {
		return nil, err
	}
	body, err := messageBody(body)
	if err != nil {
		return nil, err
	}
	if len(files) > MaxMessageFiles {
		return nil, fieldError("fichiers", domain.EInvalid, fmt.Sprintf("Joignez %s au plus à un message.", fr.Count(MaxMessageFiles, "fichier", "fichiers")))
	}
	m := &domain.Message{CandidatureID: d.C.ID, Kind: domain.MessageText, Body: body}
	s.author(m, d)
	for _, f := range files {
		mf, err := messageFile(f)
		if err != nil {
			return nil, err
		}
		m.Files = append(m.Files, *mf)
	}
	coll, err := s.store.Collectivite(ctx, d.C.CollectiviteID)
	if err != nil {
		return nil, err
	}
	recipients, err := s.messageRecipients(ctx, d)
	if err != nil {
		return nil, err
	}
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.AddMessage(ctx, m); err != nil {
			return err
		}
		var msgs []*domain.OutboxMessage
		for _, r := range recipients {
			from := m.AuthorLabel
			if !r.seesReviewers {
				from = policy.TitleOf(m.AuthorRole)
				if m.AuthorRole == policy.Elu.Code() || m.AuthorRole == policy.Accompagnateur.Code() {
					from = m.AuthorLabel
				}
			}
			msg, err := s.mail.Message("message", r.email, struct {
				From, Collectivite, Body string
				ID                       int64
				Files                    int
			}{from, coll.Name, m.Body, d.C.ID, len(m.Files)})
			if err != nil {
				return err
			}
			msgs = append(msgs, msg)
		}
		return tx.Enqueue(ctx, msgs...)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// author fills the message's author from the draft's person.
func (s *Service) author(m *domain.Message, d *Draft) {
	if d.Who.UserID != 0 {
		uid := d.Who.UserID
		m.AuthorID = &uid
	}
	m.AuthorLabel = strings.TrimSpace(d.Who.Name)
	if m.AuthorLabel == "" {
		m.AuthorLabel = d.Who.Email
	}
	grant := s.policy.Holders(policy.CandidatureMessage)
	if r := d.Relations.Primary(grant); r != 0 {
		m.AuthorRole = r.Code()
	}
}

type recipient struct {
	email         string
	seesReviewers bool
}

// messageRecipients are the other side of a message: staff for the
// collectivité's members, the members for everybody else.
func (s *Service) messageRecipients(ctx context.Context, d *Draft) ([]recipient, error) {
	var out []recipient
	if d.Relations.Any(policy.Of(policy.Elu, policy.Accompagnateur)) {
		staff, err := s.store.UsersWithRole(ctx, domain.RoleStaff)
		if err != nil {
			return nil, err
		}
		for _, u := range staff {
			out = append(out, recipient{email: u.Email, seesReviewers: true})
		}
		return out, nil
	}
	members, err := s.store.Members(ctx, d.C.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		out = append(out, recipient{email: m.Email})
	}
	return out, nil
}

// Thread returns the candidature's messages as the person may read them:
// the collectivité's members read « Jury » or « Équipe ADULLACT » for the
// reviewers' messages.
func (s *Service) Thread(ctx context.Context, d *Draft) ([]domain.Message, error) {
	if err := d.may(s.policy, policy.CandidatureMessage); err != nil {
		return nil, err
	}
	msgs, err := s.store.Messages(ctx, d.C.ID)
	if err != nil || policy.SeesReviewers(d.Relations) {
		return msgs, err
	}
	for i := range msgs {
		if r, ok := policy.RelationByCode(msgs[i].AuthorRole); ok && policy.Reviewer(policy.Of(r)) {
			msgs[i].AuthorLabel, msgs[i].AuthorID = r.Title(), nil
		}
	}
	return msgs, nil
}

// MessageFileOf returns a file of the thread, for download.
func (s *Service) MessageFileOf(ctx context.Context, d *Draft, fileID int64) (*domain.MessageFile, error) {
	if err := d.may(s.policy, policy.CandidatureMessage); err != nil {
		return nil, err
	}
	return s.store.MessageFile(ctx, d.C.ID, fileID)
}

// messageBody checks a message's text: required, readable, within the limit.
func messageBody(body string) (string, error) {
	clean, err := cleantext.Clean(body)
	if err != nil {
		return "", fieldError("message", domain.EInvalid, "Le message contient des caractères illisibles : recopiez-le.")
	}
	clean = strings.TrimSpace(strings.ReplaceAll(clean, "\r\n", "\n"))
	switch n := utf8.RuneCountInString(clean); {
	case strings.TrimFunc(clean, isBlank) == "":
		return "", fieldError("message", domain.EInvalid, "Écrivez votre message.")
	case n > MaxMessageLength:
		return "", fieldError("message", domain.EInvalid, fmt.Sprintf("Le message fait %s : la limite est de %s.",
			fr.Count(n, "caractère", "caractères"), fr.Count(MaxMessageLength, "caractère", "caractères")))
	}
	return clean, nil
}

// isBlank reports spaces and the invisible characters a text made only of
// would look empty: zero-width spaces and joiners, the BOM.
func isBlank(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || r == '\u202f'
}

// messageFile checks a file attached to a message like an evidence file:
// its type by content and its size.
func messageFile(f MessageFile) (*domain.MessageFile, error) {
	if len(f.Data) == 0 {
		return nil, fieldError("fichiers", domain.EInvalid, "Le fichier joint est vide.")
	}
	if len(f.Data) > MaxEvidenceSize {
		return nil, fieldError("fichiers", domain.ETooLarge, fmt.Sprintf("Le fichier fait %s : la limite est de %s.",
			fr.Size(int64(len(f.Data))), fr.Size(MaxEvidenceSize)))
	}
	kind, contentType, err := DetectKind(f.Data)
	if err != nil {
		return nil, fieldError("fichiers", domain.EInvalid, domain.ErrorMessage(err))
	}
	sum := sha256.Sum256(f.Data)
	return &domain.MessageFile{Name: cleanFileName(f.Name, kind), Kind: kind, ContentType: contentType,
		Size: int64(len(f.Data)), SHA256: hex.EncodeToString(sum[:]), Data: f.Data}, nil
}
