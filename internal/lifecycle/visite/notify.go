package visite

import (
	"fmt"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/workflow"
)

// notifier writes the request's messages.
type notifier struct {
	mail *mail.Mailer
}

// mailData is what the request's messages say. Messages to the
// ambassadeurs who have not taken it carry neither the contact's address
// nor their telephone (policy.SeesVisitContact).
type mailData struct {
	Name         string // the recipient's name, or ""
	Commune      string
	Departement  string
	ID           int64
	Link         string // path: the contact's personal link, or the request's page
	Function     string
	Topics       []string
	Availability string
	Ambassadeur  string
	AmbEmail     string
	Gull         string
	Gulls        []string
	HorsZone     bool
	Distance     string
	Date         time.Time
	Comment      string
	Summary      string
	NextStep     string
	ContactName  string
	ContactEmail string
	ContactPhone string
	Days         int
}

func (n notifier) data(s *subject, in workflow.Input) mailData {
	v := s.P.Visite
	d := mailData{Commune: s.P.Commune.Name, Departement: s.P.Commune.DepartementCode, ID: s.ID, Link: s.P.link,
		Function: domain.ContactFunctionLabel(v.ContactFunction), Availability: v.Availability, Comment: in.Comment,
		ContactName: v.ContactName, Gull: s.P.InChargeGull}
	for _, t := range v.Topics {
		d.Topics = append(d.Topics, domain.TopicLabel(t))
	}
	for _, r := range s.P.Routes {
		d.Gulls = append(d.Gulls, r.GullName)
	}
	if s.P.InCharge != nil {
		d.Ambassadeur, d.AmbEmail = s.P.InCharge.Name, s.P.InCharge.Email
		if d.Ambassadeur == "" {
			d.Ambassadeur = s.P.InCharge.Email
		}
	}
	if v.RendezVousAt != nil {
		d.Date = *v.RendezVousAt
	}
	if s.P.Report != nil {
		d.NextStep = s.P.Report.NextStep
		if v.ConsentPublic {
			d.Summary = s.P.Report.PublicSummary
		}
	}
	return d
}

func (n notifier) toContact(kind string, s *subject, d mailData) (*domain.OutboxMessage, error) {
	d.Name = s.P.Visite.ContactName
	return n.mail.Message(kind, s.P.Visite.ContactEmail, d)
}

// contact tells the mairie's contact about the event.
func (n notifier) contact(kind string) func(*subject, workflow.Input) ([]*domain.OutboxMessage, error) {
	return func(s *subject, in workflow.Input) ([]*domain.OutboxMessage, error) {
		d := n.data(s, in)
		if kind == "visite_prise" || kind == "visite_rendez_vous" {
			// The contact reaches the ambassadeur in charge directly.
			d.AmbEmail = s.P.InCharge.Email
		}
		msg, err := n.toContact(kind, s, d)
		if err != nil {
			return nil, err
		}
		return []*domain.OutboxMessage{msg}, nil
	}
}

// ambassadeurs writes one message of a kind to each member of the given
// GULLs' routes (all routes when gulls is nil) who has not declined, the
// actor aside.
func (n notifier) ambassadeurs(kind string, s *subject, in workflow.Input, routes []domain.VisiteRoute) ([]*domain.OutboxMessage, error) {
	byGull := map[int64]domain.VisiteRoute{}
	for _, r := range routes {
		byGull[r.GullID] = r
	}
	var out []*domain.OutboxMessage
	for _, m := range s.P.waiting() {
		r, ok := byGull[m.GullID]
		if !ok || (!s.Actor.System && m.UserID == s.Actor.UserID) {
			continue
		}
		d := n.data(s, in)
		d.Name, d.Gull, d.HorsZone, d.Link, d.ContactName = m.Name, r.GullName, r.HorsZone, URL(s.ID), ""
		if r.DistanceKm >= 0 {
			d.Distance = fr.Decimal(r.DistanceKm, 0) + "\u00a0km"
		}
		msg, err := n.mail.Message(kind, m.Email, d)
		if err != nil {
			return nil, err
		}
		out = append(out, msg)
	}
	return out, nil
}

// confirmed tells the contact where the request went, and every member of
// those GULLs that a request awaits them; staff when no GULL was found.
func (n notifier) confirmed(s *subject, in workflow.Input) ([]*domain.OutboxMessage, error) {
	d := n.data(s, in)
	msg, err := n.toContact("visite_confirmee", s, d)
	if err != nil {
		return nil, err
	}
	out := []*domain.OutboxMessage{msg}
	if len(s.P.added) == 0 {
		staff, err := n.staff(s, in, "Aucun GULL n’a pu être trouvé pour cette commune (zone ou centre de la commune inconnus).")
		return append(out, staff...), err
	}
	amb, err := n.ambassadeurs("visite_nouvelle", s, in, s.P.added)
	return append(out, amb...), err
}

// widened tells the GULLs just added, and the contact, when a round added
// some.
func (n notifier) widened(s *subject, in workflow.Input) ([]*domain.OutboxMessage, error) {
	if len(s.P.added) == 0 {
		return nil, nil
	}
	d := n.data(s, in)
	d.Gulls = nil
	for _, r := range s.P.added {
		d.Gulls = append(d.Gulls, r.GullName)
	}
	msg, err := n.toContact("visite_elargie", s, d)
	if err != nil {
		return nil, err
	}
	amb, err := n.ambassadeurs("visite_nouvelle", s, in, s.P.added)
	return append([]*domain.OutboxMessage{msg}, amb...), err
}

func (n notifier) released(s *subject, in workflow.Input) ([]*domain.OutboxMessage, error) {
	msg, err := n.toContact("visite_liberee", s, n.data(s, in))
	if err != nil {
		return nil, err
	}
	amb, err := n.ambassadeurs("visite_disponible", s, in, s.P.Routes)
	return append([]*domain.OutboxMessage{msg}, amb...), err
}

// closed tells the contact, and the ambassadeur in charge unless they
// closed it.
func (n notifier) closed(kind string) func(*subject, workflow.Input) ([]*domain.OutboxMessage, error) {
	return func(s *subject, in workflow.Input) ([]*domain.OutboxMessage, error) {
		d := n.data(s, in)
		msg, err := n.toContact(kind, s, d)
		if err != nil {
			return nil, err
		}
		out := []*domain.OutboxMessage{msg}
		if a := s.P.InCharge; a != nil && a.ID != s.Actor.UserID {
			d.Name, d.Link = a.Name, URL(s.ID)
			m, err := n.mail.Message(kind+"_ambassadeur", a.Email, d)
			if err != nil {
				return nil, err
			}
			out = append(out, m)
		}
		return out, nil
	}
}

// reminder reminds the ambassadeurs who have not declined.
func (n notifier) reminder(s *subject, in workflow.Input) ([]*domain.OutboxMessage, error) {
	return n.ambassadeurs("visite_relance", s, in, s.P.Routes)
}

// escalated asks staff to act and tells the contact.
func (n notifier) escalated(s *subject, in workflow.Input) ([]*domain.OutboxMessage, error) {
	why := fmt.Sprintf("Aucun ambassadeur n’a pris la demande depuis sa confirmation, malgré %s.", fr.Count(len(s.P.Routes), "GULL sollicité", "GULL sollicités"))
	out, err := n.staff(s, in, why)
	if err != nil {
		return nil, err
	}
	msg, err := n.toContact("visite_relais", s, n.data(s, in))
	return append(out, msg), err
}

func (n notifier) staff(s *subject, in workflow.Input, why string) ([]*domain.OutboxMessage, error) {
	var out []*domain.OutboxMessage
	for _, email := range s.P.staff {
		d := n.data(s, in)
		d.Link, d.Comment = URL(s.ID), why
		d.ContactEmail, d.ContactPhone = s.P.Visite.ContactEmail, s.P.Visite.ContactPhone
		if c := s.P.Visite.ConfirmedAt; c != nil {
			d.Days = int(s.Now.Sub(*c).Hours() / 24)
		}
		msg, err := n.mail.Message("visite_alerte", email, d)
		if err != nil {
			return nil, err
		}
		out = append(out, msg)
	}
	return out, nil
}
