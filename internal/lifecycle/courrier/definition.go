// Package courrier defines the lifecycle of a mailing campaign to the
// mairies of a département or of a list: prepared by staff or a partner (an
// association of mayors, a centre de gestion), sent (postal letters printed
// from one merged PDF, or emails through the outbox to the addresses the
// partner imported), then reminded — the mairies that have not asked for a
// visit by the date set get a reminder letter — and closed. Each mairie's
// letter carries a short link with a personal code that opens the request
// form already filled. Who fires each event is in the policy.
package courrier

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// Name is the lifecycle's name.
const Name = "courrier"

// States returns a campaign's states with their labels.
func States() []workflow.State {
	return []workflow.State{
		{Name: domain.CourrierBrouillon, Label: "En préparation"},
		{Name: domain.CourrierEnvoye, Label: "Envoyée"},
		{Name: domain.CourrierRelance, Label: "Relancée"},
		{Name: domain.CourrierClos, Label: "Close"},
	}
}

// StateLabel returns the French label of a state.
func StateLabel(state string) string {
	for _, s := range States() {
		if s.Name == state {
			return s.Label
		}
	}
	return state
}

// URL is a campaign's page.
func URL(id int64) string { return fmt.Sprintf("/ambassadeurs/courriers/%d", id) }

// ShortLink is the path of a mairie's personal short link.
func ShortLink(code string) string { return "/ambassadeurs/c/" + code }

// Payload is a campaign with its recipients counted.
type Payload struct {
	Courrier   *domain.Courrier
	Recipients int
	WithEmail  int

	// messages the event's side effects prepared.
	messages []*domain.OutboxMessage
}

type subject = workflow.Subject[Payload]

// RecordEdit is the record of a change of the letter or of the recipients.
const RecordEdit = "modifier"

// Definition returns the mailing campaign's lifecycle.
func Definition(m *mail.Mailer) *workflow.Definition[Payload] {
	d := deps{mail: m}
	notify := func(s *subject, _ workflow.Input) ([]*domain.OutboxMessage, error) { return s.P.messages, nil }
	return &workflow.Definition[Payload]{
		Name: Name, Label: "Campagne de courrier", Table: "courriers", Initial: domain.CourrierBrouillon,
		States:  States(),
		Records: map[string]string{workflow.RecordCreate: "Création", RecordEdit: "Modification"},
		URL:     URL,
		Events: []workflow.Event[Payload]{
			{
				Name: "envoyer", Label: "Envoyer les lettres", From: []string{domain.CourrierBrouillon}, To: domain.CourrierEnvoye,
				Guards: []workflow.Guard[Payload]{hasRecipients, lettersValid},
				Apply:  d.send(false), Notify: notify,
				Show: workflow.Presentation{Irreversible: true,
					Confirm: "Par courriel, chaque mairie qui a une adresse reçoit sa lettre ; par courrier, les lettres sont comptées comme envoyées ce jour : imprimez et postez le PDF. Le suivi de chaque mairie commence.",
					Done:    "Les lettres sont envoyées : le suivi des réponses commence."},
			},
			{
				Name: "relancer", Label: "Relancer les mairies sans réponse", From: []string{domain.CourrierEnvoye}, To: domain.CourrierRelance,
				Guards: []workflow.Guard[Payload]{reminderDue},
				Apply:  d.send(true), Notify: notify,
				Show: workflow.Presentation{Irreversible: true,
					Confirm: "Les mairies qui n’ont pas demandé de visite depuis l’envoi reçoivent la lettre de relance (par courriel, ou dans le PDF de relance à imprimer).",
					Done:    "La relance est faite."},
			},
			{
				Name: "clore", Label: "Clore la campagne", From: []string{domain.CourrierEnvoye, domain.CourrierRelance}, To: domain.CourrierClos,
				Show: workflow.Presentation{Secondary: true, Confirm: "Le suivi reste consultable ; plus aucune relance ne part.", Done: "La campagne est close."},
			},
		},
		Timers: []workflow.Timer{{Event: "relancer", Due: reminderTimer}},
		Load: func(ctx context.Context, tx *store.Tx, id int64, who policy.Principal) (*workflow.Loaded[Payload], error) {
			c, err := tx.Courrier(ctx, id)
			if err != nil {
				return nil, err
			}
			n, withEmail, err := tx.CountDestinataires(ctx, id)
			if err != nil {
				return nil, err
			}
			facts := policy.Facts{Partner: !who.System && who.UserID != 0 && c.PartnerID != nil && *c.PartnerID == who.UserID}
			return &workflow.Loaded[Payload]{ID: c.ID, State: c.State, Version: c.Version, Facts: facts,
				Payload: &Payload{Courrier: c, Recipients: n, WithEmail: withEmail}}, nil
		},
	}
}

type deps struct{ mail *mail.Mailer }

var hasRecipients = workflow.Guard[Payload]{Name: "destinataires", Check: func(_ context.Context, s *subject, _ workflow.Input) string {
	switch {
	case s.P.Recipients == 0:
		return "La campagne n’a aucune mairie destinataire."
	case s.P.Courrier.Channel == domain.ChannelEmail && s.P.WithEmail == 0:
		return "Aucune mairie n’a d’adresse électronique : importez le fichier CSV des adresses."
	}
	return ""
}}

var lettersValid = workflow.Guard[Payload]{Name: "lettre", Check: func(_ context.Context, s *subject, _ workflow.Input) string {
	c := s.P.Courrier
	if strings.TrimSpace(c.Letter) == "" {
		return "La lettre est vide."
	}
	for _, t := range []string{c.Letter, c.Reminder, c.EmailSubject} {
		if err := Check(t); err != nil {
			return "La lettre a des champs inconnus : " + err.Error() + "."
		}
	}
	return ""
}}

var reminderDue = workflow.Guard[Payload]{Name: "date_relance", Check: func(_ context.Context, s *subject, _ workflow.Input) string {
	at := s.P.Courrier.RemindAfter
	switch {
	case at == nil:
		return "Aucune date de relance n’est fixée."
	case s.Now.Before(*at):
		return "La relance est prévue le " + fr.Date(*at) + " : les mairies ont jusque-là pour répondre."
	}
	return ""
}}

func reminderTimer(ctx context.Context, st *store.Store, now time.Time) ([]workflow.Due, error) {
	rows, err := st.CourriersToRemind(ctx, now)
	out := make([]workflow.Due, len(rows))
	for i, r := range rows {
		out[i] = workflow.Due{ID: r.ID, Version: r.Version}
	}
	return out, err
}

// send marks the letters (or the reminders) as sent and, by email,
// prepares one message per mairie with an address.
func (d deps) send(reminder bool) func(context.Context, *store.Tx, *subject, workflow.Input, workflow.Effects) error {
	return func(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input, _ workflow.Effects) error {
		c := s.P.Courrier
		rows, err := tx.DestinatairesToSend(ctx, c.ID, reminder)
		if err != nil {
			return err
		}
		if err := tx.MarkCourrierSent(ctx, c.ID, reminder); err != nil {
			return err
		}
		if c.Channel != domain.ChannelEmail {
			return nil
		}
		deps, err := tx.DepartementNames(ctx)
		if err != nil {
			return err
		}
		text, subjectLine := c.Letter, c.EmailSubject
		if reminder {
			text, subjectLine = c.Reminder, "Relance : "+c.EmailSubject
		}
		for _, r := range rows {
			if r.Email == "" {
				continue
			}
			v := VarsOf(c, r, deps, d.mail.BaseURL())
			msg, err := d.mail.Message("courrier_lettre", r.Email, struct {
				Subject, Opening, Body, Link, Code, Signature, Sender string
			}{Fill(subjectLine, v), Opening(v), Fill(text, v), v.Link, v.Code, c.Signature, c.Sender})
			if err != nil {
				return err
			}
			key := fmt.Sprintf("courrier:%d:%s:%t", c.ID, r.Code, reminder)
			msg.DedupKey = &key
			s.P.messages = append(s.P.messages, msg)
		}
		return nil
	}
}

// VarsOf returns the placeholders' values of a recipient; baseURL is the
// platform's public address.
func VarsOf(c *domain.Courrier, r store.Recipient, departements map[string]string, baseURL string) Vars {
	return Vars{Commune: r.Name, Maire: r.Maire, Departement: departements[r.DepartementCode], Sender: c.Sender,
		Link: strings.TrimRight(baseURL, "/") + ShortLink(r.Code), Code: r.Code}
}
