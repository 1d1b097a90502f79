package workflow

import (
	"fmt"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
)

const signature = "\n\n—\nL’équipe du label Territoire Numérique Libre (ADULLACT)\nCe message est envoyé automatiquement : pour nous écrire, répondez depuis la plateforme."

func message(kind, to, subject, body string) *domain.OutboxMessage {
	return &domain.OutboxMessage{Kind: kind, Recipient: to, Subject: subject, Body: body + signature}
}

func candidatureURL(env *Env, id int64) string {
	return fmt.Sprintf("%s/candidatures/%d", env.BaseURL, id)
}

func eluEmail(s *Subject) string {
	for _, m := range s.Members {
		if m.UserID == s.Candidature.EluUserID {
			return m.Email
		}
	}
	return ""
}

// notifySubmission sends the accusé de réception to the élu, with the PDF
// receipt attached, and tells the other members.
func notifySubmission(s *Subject, _ *Actor, in Input, env *Env) []*domain.OutboxMessage {
	c, coll, year := s.Candidature, s.Collectivite, s.Campaign.Year
	when := fr.DateTime(s.Now)
	body := fmt.Sprintf(`Bonjour %s,

Nous avons bien reçu la candidature de %s au label Territoire Numérique Libre %d, déposée le %s (heure de Paris).

Référence de la candidature : %s

L’accusé de réception est joint à ce message. Vous pouvez reprendre la candidature pour la corriger jusqu’au %s (heure de Paris) ; il faudra alors la déposer à nouveau.

Suivre la candidature : %s`,
		strings.TrimSpace(in.EluName), coll.Name, year, when, c.Reference, fr.Deadline(s.Campaign.ClosesAt), candidatureURL(env, s.ID))
	receipt := message("accuse_reception", eluEmail(s), fmt.Sprintf("Accusé de réception — candidature %s au label %d", coll.Name, year), body)
	receipt.Attachment = fmt.Sprintf("receipt:%d", s.ID)
	msgs := []*domain.OutboxMessage{receipt}
	for _, m := range s.Members {
		if m.UserID == c.EluUserID {
			continue
		}
		msgs = append(msgs, message("depot", m.Email,
			fmt.Sprintf("Candidature de %s déposée", coll.Name),
			fmt.Sprintf("Bonjour,\n\nLa candidature de %s au label Territoire Numérique Libre %d que vous avez aidé à remplir a été déposée le %s (heure de Paris). Merci pour votre aide !\n\n%s",
				coll.Name, year, when, candidatureURL(env, s.ID))))
	}
	return msgs
}

// notifyMembers tells every member but the actor about an event.
func notifyMembers(kind string) func(*Subject, *Actor, Input, *Env) []*domain.OutboxMessage {
	return func(s *Subject, a *Actor, in Input, env *Env) []*domain.OutboxMessage {
		coll := s.Collectivite.Name
		var subject, text string
		switch kind {
		case "corriger":
			subject = fmt.Sprintf("Candidature de %s reprise pour correction", coll)
			text = fmt.Sprintf("La candidature de %s a été reprise par l’élu référent pour être corrigée. Elle est de nouveau modifiable et devra être déposée au plus tard le %s (heure de Paris).",
				coll, fr.Deadline(s.Campaign.ClosesAt))
		case "complement":
			subject = fmt.Sprintf("Le jury demande un complément sur la candidature de %s", coll)
			text = fmt.Sprintf("Le jury du label a une question sur la candidature de %s :\n\n« %s »\n\nVous pouvez compléter les réponses, puis l’élu référent répond depuis la page de la candidature.",
				coll, strings.TrimSpace(in.Comment))
		case "retrait":
			subject = fmt.Sprintf("Candidature de %s retirée", coll)
			text = fmt.Sprintf("La candidature de %s au label %d a été retirée par l’élu référent.", coll, s.Campaign.Year)
			if c := strings.TrimSpace(in.Comment); c != "" {
				text += "\n\nMotif : " + c
			}
		}
		var msgs []*domain.OutboxMessage
		for _, m := range s.Members {
			if m.UserID == a.UserID && !a.System {
				continue
			}
			msgs = append(msgs, message(kind, m.Email, subject, fmt.Sprintf("Bonjour,\n\n%s\n\n%s", text, candidatureURL(env, s.ID))))
		}
		return msgs
	}
}

// notifyElu tells the élu the outcome of the admissibility check.
func notifyElu(kind string) func(*Subject, *Actor, Input, *Env) []*domain.OutboxMessage {
	return func(s *Subject, _ *Actor, in Input, env *Env) []*domain.OutboxMessage {
		coll, year := s.Collectivite.Name, s.Campaign.Year
		var subject, text string
		switch kind {
		case "recevable":
			subject = fmt.Sprintf("Candidature de %s recevable", coll)
			text = fmt.Sprintf("La candidature de %s au label Territoire Numérique Libre %d est recevable : elle va être instruite par le jury. Le jury peut vous demander des compléments ; vous serez prévenu par courriel.", coll, year)
		case "irrecevable":
			subject = fmt.Sprintf("Candidature de %s irrecevable", coll)
			text = fmt.Sprintf("La candidature de %s au label Territoire Numérique Libre %d n’a pas pu être déclarée recevable, pour le motif suivant :\n\n« %s »", coll, year, strings.TrimSpace(in.Comment))
		}
		return []*domain.OutboxMessage{message(kind, eluEmail(s), subject, fmt.Sprintf("Bonjour,\n\n%s\n\n%s", text, candidatureURL(env, s.ID)))}
	}
}

func notifyPublication(s *Subject, _ *Actor, _ Input, _ *Env) []*domain.OutboxMessage {
	return []*domain.OutboxMessage{publicationMessage(s.Campaign, s.Candidature, eluEmail(s))}
}

func publicationMessage(cp *domain.Campaign, c *domain.Candidature, to string) *domain.OutboxMessage {
	level := cp.AwardScheme.LevelLabel(c.Level)
	body := fmt.Sprintf("Bonjour,\n\nLe palmarès du label Territoire Numérique Libre %d est publié.\n\nRésultat de votre candidature (%s) : %s.", cp.Year, c.Reference, level)
	if c.Motivation != "" {
		body += "\n\nMotivation du jury : « " + c.Motivation + " »"
	}
	key := fmt.Sprintf("publication:%d", c.ID)
	m := message("publication", to, fmt.Sprintf("Palmarès du label Territoire Numérique Libre %d", cp.Year), body)
	m.DedupKey = &key
	return m
}
