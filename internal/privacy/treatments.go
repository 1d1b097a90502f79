package privacy

import (
	"fmt"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
)

// Treatment is one processing of personal data, as the « Données
// personnelles » page lists it (the template partial "traitements" in
// internal/ui/templates/partials_privacy.html renders a []Treatment).
type Treatment struct {
	// Purpose is what the data is for.
	Purpose string
	// Data lists what is kept.
	Data string
	// Basis is the legal basis (article 6 of the RGPD).
	Basis string
	// Duration is how long it is kept, in French, from the settings.
	Duration string
}

// Treatments lists the platform's processings of personal data, with the
// durations configured: the fixed ones, then those of the registered
// retention rules (drafts, accounts, and any rule another area adds).
func (s *Service) Treatments() []Treatment {
	out := []Treatment{
		{Purpose: "Sessions de connexion", Data: "Empreinte du jeton de session, dates de connexion et de dernière visite",
			Basis: "Exécution du service (article 6.1.b)", Duration: "14 jours sans visite, ou jusqu’à la déconnexion"},
		{Purpose: "Protection contre les tentatives de connexion", Data: "Adresse électronique ou adresse IP, date de chaque échec",
			Basis: "Intérêt légitime : la sécurité des comptes (article 6.1.f)", Duration: "1 jour"},
		{Purpose: "Liens envoyés par courriel (confirmation, mot de passe, invitation)", Data: "Adresse électronique, empreinte du lien, dates",
			Basis: "Exécution du service (article 6.1.b)", Duration: "Jusqu’à leur usage ou leur expiration, puis avec le compte"},
		{Purpose: "Candidatures déposées et palmarès", Data: "Nom et mandat de l’élu qui atteste, réponses, pièces justificatives, décision du jury",
			Basis: "Mission d’intérêt public du label (article 6.1.e)", Duration: "Archivées avec leur campagne : elles fondent le label attribué"},
		{Purpose: "Journal d’audit", Data: "Qui a fait quoi et quand sur chaque dossier ; l’auteur devient « " + domain.AnonymousActor + " » quand son compte est supprimé",
			Basis: "Obligation de traçabilité du label (article 6.1.c et e)", Duration: "Autant que les dossiers, inaltérable"},
		{Purpose: "Courriels envoyés", Data: "Adresse du destinataire, objet, texte",
			Basis: "Exécution du service (article 6.1.b)", Duration: "Avec le compte du destinataire"},
	}
	for _, r := range s.rules {
		out = append(out, r.Treatment)
	}
	return out
}

func (s *Service) noticeText() string {
	if s.settings.NoticeDays == 0 {
		return ""
	}
	return fmt.Sprintf(", après un courriel d’avertissement %s avant", fr.Count(s.settings.NoticeDays, "jour", "jours"))
}

func (s *Service) draftsTreatment() Treatment {
	return Treatment{Purpose: "Candidatures jamais déposées (brouillons)", Data: "Réponses, pièces justificatives, membres",
		Basis:    "Exécution du service (article 6.1.b)",
		Duration: fmt.Sprintf("%s après la date limite de leur campagne%s", fr.Count(s.settings.DraftMonths, "mois", "mois"), s.noticeText())}
}

func (s *Service) accountsTreatment() Treatment {
	return Treatment{Purpose: "Comptes des candidats, des accompagnateurs et du jury", Data: "Nom, adresse électronique, empreinte du mot de passe, dates de création et de dernière connexion, jetons d’API",
		Basis:    "Exécution du service (article 6.1.b)",
		Duration: fmt.Sprintf("%s sans connexion%s ; ou jusqu’à la suppression du compte depuis « Mon compte »", fr.Count(s.settings.AccountYears, "an", "ans"), s.noticeText())}
}
