// Package visite defines the lifecycle of a mairie's request for the visit
// of an ambassadeur du libre: asked (the contact's address unconfirmed),
// confirmed and routed to the GULLs near the commune, taken by one of their
// ambassadeurs (« Je m’en occupe ») or declined (« Pas pour moi »), the
// appointment, the visit and its report, the accompaniment, and the end:
// a candidature to the label or no follow-up. Left unclaimed, a request
// has its ambassadeurs reminded, then the next-nearest GULLs added, then
// staff asked to act (timed events). The mairie's contact, who has no
// account, is mailed at each step with a personal link to follow it. Who
// fires each event is in the policy.
package visite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// Name is the lifecycle's name.
const Name = "visite"

// Field names of the events' inputs.
const (
	FieldDate      = "date"
	FieldReason    = "motif"
	FieldReference = "reference"
)

// Defaults of the timed events.
const (
	DefaultWidenAfter    = 14 * 24 * time.Hour
	DefaultEscalateAfter = 45 * 24 * time.Hour
	DefaultExpireAfter   = 7 * 24 * time.Hour
	DefaultNearest       = 3
	// LinkTTL is how long a personal link mailed to the contact works.
	LinkTTL = 365 * 24 * time.Hour
)

// Deps is what the definition needs besides the store.
type Deps struct {
	Mail *mail.Mailer
	// WidenAfter is how long an unclaimed request waits before its
	// ambassadeurs are reminded, and again before the next-nearest GULLs
	// are added (default 14 days).
	WidenAfter time.Duration
	// EscalateAfter is how long after its confirmation an unclaimed
	// request has staff asked to act (default 45 days).
	EscalateAfter time.Duration
	// ExpireAfter is how long a request waits for the confirmation of its
	// contact's address before it is dropped (default 7 days).
	ExpireAfter time.Duration
	// Nearest is how many GULLs a round adds outside every zone (default 3).
	Nearest int
}

func (d Deps) widenAfter() time.Duration    { return orDuration(d.WidenAfter, DefaultWidenAfter) }
func (d Deps) escalateAfter() time.Duration { return orDuration(d.EscalateAfter, DefaultEscalateAfter) }
func (d Deps) expireAfter() time.Duration   { return orDuration(d.ExpireAfter, DefaultExpireAfter) }
func (d Deps) nearest() int {
	if d.Nearest <= 0 {
		return DefaultNearest
	}
	return d.Nearest
}

func orDuration(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// States returns a request's states with their labels.
func States() []workflow.State {
	return []workflow.State{
		{Name: domain.VisiteDemandee, Label: "Demandée (adresse à confirmer)"},
		{Name: domain.VisiteConfirmee, Label: "Confirmée, en attente d’un ambassadeur"},
		{Name: domain.VisitePrise, Label: "Prise en charge"},
		{Name: domain.VisiteRendezVous, Label: "Rendez-vous fixé"},
		{Name: domain.VisiteFaite, Label: "Visite faite"},
		{Name: domain.VisiteAccompagnement, Label: "Accompagnement"},
		{Name: domain.VisiteCandidature, Label: "Close : candidature au label"},
		{Name: domain.VisiteSansSuite, Label: "Close : sans suite"},
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

// URL is the address of a request's page for the ambassadeurs and staff.
func URL(id int64) string { return fmt.Sprintf("/ambassadeurs/visites/%d", id) }

// FollowPath is the address of a contact's personal link.
func FollowPath(token string) string { return "/ambassadeurs/suivi/" + token }

// ReportPage is the address of the visit report's page.
const ReportPage = "/ambassadeurs/visites/%d/compte-rendu"

// DeclineReasons are the reasons of a « Pas pour moi ».
func DeclineReasons() []workflow.Choice {
	return []workflow.Choice{
		{Value: "distance", Label: "La commune est trop loin de chez moi"},
		{Value: "disponibilite", Label: "Je ne suis pas disponible dans les semaines qui viennent"},
		{Value: "sujets", Label: "Les sujets demandés ne sont pas les miens"},
		{Value: "autre", Label: "Autre raison (précisez en commentaire)"},
	}
}

// Definition returns the visit request's lifecycle.
func Definition(d Deps) *workflow.Definition[Payload] {
	n := notifier{mail: d.Mail}
	openStates := []string{domain.VisiteConfirmee, domain.VisitePrise, domain.VisiteRendezVous, domain.VisiteFaite, domain.VisiteAccompagnement}
	return &workflow.Definition[Payload]{
		Name: Name, Label: "Demande de visite", Table: "visites", Initial: domain.VisiteDemandee,
		States:  States(),
		Records: map[string]string{workflow.RecordCreate: "Demande", RecordConsent: "Accord pour le site public", RecordReport: "Compte rendu modifié"},
		URL:     URL,
		Events: []workflow.Event[Payload]{
			{
				Name: "confirmer", Label: "Confirmer la demande", From: []string{domain.VisiteDemandee}, To: domain.VisiteConfirmee,
				Apply:  d.withLink(d.confirm),
				Notify: n.confirmed,
				Show:   workflow.Presentation{Done: "Votre demande est confirmée : elle est transmise aux GULL les plus proches de votre commune."},
			},
			{
				Name: "prendre", Label: "Je m’en occupe", From: []string{domain.VisiteConfirmee}, To: domain.VisitePrise,
				Apply:  d.withLink(take),
				Notify: n.contact("visite_prise"),
				Show: workflow.Presentation{
					Confirm: "Vous devenez l’ambassadeur en charge de cette visite : le contact de la mairie reçoit votre nom et votre adresse pour convenir d’un rendez-vous.",
					Undo:    "« Libérer la demande » la rend aux autres ambassadeurs.",
					Done:    "Vous vous occupez de cette demande : prenez contact avec la mairie pour fixer le rendez-vous."},
			},
			{
				Name: "decliner", Label: "Pas pour moi", From: []string{domain.VisiteConfirmee}, To: domain.VisiteConfirmee,
				Guards: []workflow.Guard[Payload]{notDeclinedYet},
				Apply:  d.withLink(d.decline),
				Notify: n.widened,
				Choices: func(*subject) map[string][]workflow.Choice {
					return map[string][]workflow.Choice{FieldReason: DeclineReasons()}
				},
				Show: workflow.Presentation{Secondary: true,
					Fields:  []workflow.Field{{Name: FieldReason, Label: "Pourquoi ?", Kind: workflow.FieldChoice, Required: true, Missing: "Dites pourquoi cette demande n’est pas pour vous."}},
					Comment: &workflow.Field{Label: "Précision (facultative)", Kind: workflow.FieldTextArea},
					Done:    "C’est noté : la demande reste ouverte aux autres ambassadeurs."},
			},
			{
				Name: "liberer", Label: "Libérer la demande", From: []string{domain.VisitePrise, domain.VisiteRendezVous}, To: domain.VisiteConfirmee,
				Apply:  d.withLink(release),
				Notify: n.released,
				Show: workflow.Presentation{Secondary: true,
					Confirm: "La demande redevient libre : les ambassadeurs des GULL concernés en sont avertis, et la mairie aussi.",
					Comment: &workflow.Field{Label: "Pourquoi ?", Kind: workflow.FieldTextArea, Required: true, Missing: "Dites pourquoi vous libérez la demande."},
					Done:    "La demande est libérée."},
			},
			{
				Name: "fixer_rendez_vous", Label: "Fixer le rendez-vous", From: []string{domain.VisitePrise, domain.VisiteRendezVous}, To: domain.VisiteRendezVous,
				Guards: []workflow.Guard[Payload]{{Name: "date", NeedsInput: true, Check: checkDate}},
				Apply:  d.withLink(setDate),
				Notify: n.contact("visite_rendez_vous"),
				Show: workflow.Presentation{
					Fields: []workflow.Field{{Name: FieldDate, Label: "Date et heure du rendez-vous", Help: "Heure de Paris, par exemple 2026-03-17 14:30.",
						Kind: workflow.FieldText, Required: true, Missing: "Indiquez la date et l’heure du rendez-vous."}},
					Done: "Le rendez-vous est fixé : la mairie en reçoit la confirmation."},
			},
			{
				Name: "rendre_compte", Label: "Déposer le compte rendu de la visite", From: []string{domain.VisitePrise, domain.VisiteRendezVous}, To: domain.VisiteFaite,
				Guards: []workflow.Guard[Payload]{reportFiled},
				Apply:  d.withLink(visited),
				Notify: n.contact("visite_faite"),
				Show:   workflow.Presentation{Page: ReportPage, Done: "Le compte rendu est enregistré : merci pour cette visite."},
			},
			{
				Name: "accompagner", Label: "Accompagner la mairie", From: []string{domain.VisiteFaite}, To: domain.VisiteAccompagnement,
				Apply:  d.withLink(nil),
				Notify: n.contact("visite_accompagnement"),
				Show: workflow.Presentation{Confirm: "Vous continuez d’accompagner la mairie après la visite (essais, formation, candidature au label).",
					Done: "La mairie est accompagnée."},
			},
			{
				Name: "candidater", Label: "La mairie candidate au label", From: []string{domain.VisiteFaite, domain.VisiteAccompagnement}, To: domain.VisiteCandidature,
				Guards: []workflow.Guard[Payload]{{Name: "candidature", NeedsInput: true, Check: checkReference}},
				Apply:  d.withLink(closeWithCandidature),
				Notify: n.closed("visite_candidature"),
				Show: workflow.Presentation{Secondary: true,
					Fields: []workflow.Field{{Name: FieldReference, Label: "Référence de la candidature", Help: "Par exemple TNL-2026-COM-59350.",
						Kind: workflow.FieldText, Required: true, Missing: "Indiquez la référence de la candidature."}},
					Done: "La demande est close : la mairie candidate au label."},
			},
			{
				Name: "clore_sans_suite", Label: "Clore sans suite", From: openStates, To: domain.VisiteSansSuite,
				Apply:  d.withLink(closeWithout),
				Notify: n.closed("visite_sans_suite"),
				Show: workflow.Presentation{Secondary: true, Destructive: true,
					Confirm: "La demande est close ; la mairie pourra en faire une nouvelle.",
					Comment: &workflow.Field{Label: "Pourquoi ?", Kind: workflow.FieldTextArea, Required: true, Missing: "Dites pourquoi la demande est close sans suite."},
					Done:    "La demande est close sans suite."},
			},
			{
				Name: "relancer", Label: "Relancer les ambassadeurs", From: []string{domain.VisiteConfirmee}, To: domain.VisiteConfirmee,
				Apply: func(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input, _ workflow.Effects) error {
					return tx.MarkVisiteReminded(ctx, s.ID)
				},
				Notify: n.reminder,
			},
			{
				Name: "elargir", Label: "Proposer la demande aux GULL suivants", From: []string{domain.VisiteConfirmee}, To: domain.VisiteConfirmee,
				Apply:  d.withLink(d.widen),
				Notify: n.widened,
				Show: workflow.Presentation{Secondary: true,
					Confirm: "La demande est proposée aux GULL les plus proches parmi ceux qui ne l’ont pas encore reçue.",
					Done:    "La demande est proposée à d’autres GULL."},
			},
			{
				Name: "alerter", Label: "Demander à l’équipe d’agir", From: []string{domain.VisiteConfirmee}, To: domain.VisiteConfirmee,
				Apply: d.withLink(func(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input) error {
					var err error
					if s.P.staff, err = tx.StaffEmails(ctx); err != nil {
						return err
					}
					return tx.MarkVisiteEscalated(ctx, s.ID)
				}),
				Notify: n.escalated,
			},
			{
				Name: "expirer", Label: "Abandonner la demande non confirmée", From: []string{domain.VisiteDemandee}, To: domain.VisiteSansSuite,
				Apply: func(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input, _ workflow.Effects) error {
					return tx.CloseVisite(ctx, s.ID, "Adresse du contact jamais confirmée.", nil)
				},
			},
		},
		Timers: d.timers(),
		Load:   load,
	}
}

// RecordReport is the record of a change of the report after the visit.
const RecordReport = "compte_rendu"

// RecordConsent is the record of a change of the mairie's agreement to
// appear on the public site.
const RecordConsent = "accord_public"

// withLink runs apply, then gives the contact a fresh personal link for
// the event's message.
func (d Deps) withLink(apply func(ctx context.Context, tx *store.Tx, s *subject, in workflow.Input) error) func(context.Context, *store.Tx, *subject, workflow.Input, workflow.Effects) error {
	return func(ctx context.Context, tx *store.Tx, s *subject, in workflow.Input, _ workflow.Effects) error {
		if apply != nil {
			if err := apply(ctx, tx, s, in); err != nil {
				return err
			}
		}
		token, hash := store.NewLinkToken()
		id := s.ID
		l := &domain.AmbassadeurLink{TokenHash: hash, Kind: domain.LinkSuivi, Email: s.P.Visite.ContactEmail, VisiteID: &id,
			ExpiresAt: tx.Now().Add(LinkTTL)}
		if err := tx.CreateAmbassadeurLink(ctx, l); err != nil {
			return err
		}
		s.P.link = FollowPath(token)
		return nil
	}
}

// confirm records the confirmation and routes the request; when no GULL
// can be found, staff are asked to act at once.
func (d Deps) confirm(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input) error {
	if err := tx.MarkVisiteConfirmed(ctx, s.ID); err != nil {
		return err
	}
	added, err := d.route(ctx, tx, s, true)
	if err != nil {
		return err
	}
	s.P.added = added
	if len(added) > 0 {
		return nil
	}
	if s.P.staff, err = tx.StaffEmails(ctx); err != nil {
		return err
	}
	return tx.MarkVisiteEscalated(ctx, s.ID)
}

func (d Deps) widen(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input) error {
	added, err := d.route(ctx, tx, s, len(s.P.Routes) == 0)
	s.P.added = added
	return err
}

func take(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input) error {
	gulls, err := tx.RoutedGullsOf(ctx, s.ID, s.Actor.UserID)
	if err != nil {
		return err
	}
	if len(gulls) == 0 {
		return domain.Errorf(domain.EForbidden, "Vous n’êtes membre d’aucun des GULL à qui la demande est adressée.")
	}
	if err := tx.SetVisiteAmbassadeur(ctx, s.ID, gulls[0], s.Actor.UserID); err != nil {
		return err
	}
	users, err := tx.UsersByID(ctx, []int64{s.Actor.UserID})
	if err != nil {
		return err
	}
	s.P.InCharge = users[s.Actor.UserID]
	for _, r := range s.P.Routes {
		if r.GullID == gulls[0] {
			s.P.InChargeGull = r.GullName
		}
	}
	return nil
}

// decline records a « Pas pour moi »; when every ambassadeur asked has
// declined, the request goes to the next GULLs at once.
func (d Deps) decline(ctx context.Context, tx *store.Tx, s *subject, in workflow.Input) error {
	reason := in.Value(FieldReason)
	for _, c := range DeclineReasons() {
		if c.Value == reason {
			reason = c.Label
		}
	}
	if c := strings.TrimSpace(in.Comment); c != "" {
		reason += " — " + c
	}
	dec := &domain.VisiteDecline{VisiteID: s.ID, UserID: s.Actor.UserID, Reason: reason}
	if err := tx.AddVisiteDecline(ctx, dec); err != nil {
		return err
	}
	s.P.Declines = append(s.P.Declines, *dec)
	if !s.P.allDeclined() {
		return nil
	}
	added, err := d.route(ctx, tx, s, false)
	s.P.added = added
	return err
}

func release(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input) error {
	if err := tx.SetVisiteAmbassadeur(ctx, s.ID, 0, 0); err != nil {
		return err
	}
	return tx.RestartVisiteClock(ctx, s.ID)
}

func setDate(ctx context.Context, tx *store.Tx, s *subject, in workflow.Input) error {
	at, err := fr.ParseInstant(in.Value(FieldDate))
	if err != nil {
		return domain.Errorf(domain.EUnprocessable, "%s", err.Error())
	}
	s.P.Visite.RendezVousAt = &at
	return tx.SetVisiteRendezVous(ctx, s.ID, at)
}

func visited(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input) error {
	return tx.MarkVisiteVisited(ctx, s.ID)
}

func closeWithCandidature(ctx context.Context, tx *store.Tx, s *subject, in workflow.Input) error {
	c, err := tx.CandidatureByReference(ctx, in.Value(FieldReference))
	if err != nil {
		return domain.Errorf(domain.EUnprocessable, "Aucune candidature de référence « %s ».", in.Value(FieldReference))
	}
	if c.CollectiviteID != s.P.Visite.CollectiviteID {
		return domain.Errorf(domain.EUnprocessable, "La candidature « %s » n’est pas celle %s.", c.Reference, fr.De(s.P.Commune.Name))
	}
	return tx.CloseVisite(ctx, s.ID, "", &c.ID)
}

func closeWithout(ctx context.Context, tx *store.Tx, s *subject, in workflow.Input) error {
	return tx.CloseVisite(ctx, s.ID, strings.TrimSpace(in.Comment), nil)
}

var notDeclinedYet = workflow.Guard[Payload]{Name: "deja_decline", Check: func(_ context.Context, s *subject, _ workflow.Input) string {
	if s.P.Declined(s.Actor.UserID) {
		return "Vous avez déjà répondu « Pas pour moi » à cette demande."
	}
	return ""
}}

var reportFiled = workflow.Guard[Payload]{Name: "compte_rendu", Check: func(_ context.Context, s *subject, _ workflow.Input) string {
	if s.P.Report == nil {
		return "Le compte rendu de la visite n’est pas encore rempli."
	}
	return ""
}}

func checkDate(_ context.Context, s *subject, in workflow.Input) string {
	at, err := fr.ParseInstant(in.Value(FieldDate))
	if err != nil {
		return "Date illisible : écrivez-la AAAA-MM-JJ HH:MM (heure de Paris), par exemple 2026-03-17 14:30."
	}
	if at.Before(s.Now.AddDate(0, -6, 0)) || at.After(s.Now.AddDate(2, 0, 0)) {
		return "Cette date est trop loin : un rendez-vous se fixe dans les deux ans qui viennent."
	}
	return ""
}

func checkReference(ctx context.Context, s *subject, in workflow.Input) string {
	if in.Value(FieldReference) == "" {
		return ""
	}
	if !strings.HasSuffix(in.Value(FieldReference), "-"+s.P.Commune.Code) {
		return fmt.Sprintf("La candidature « %s » n’est pas celle %s.", in.Value(FieldReference), fr.De(s.P.Commune.Name))
	}
	return ""
}
