package ui

import (
	"html/template"
	"slices"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/kit"
	courrierlc "github.com/adullact/tnl/internal/lifecycle/courrier"
	gulllc "github.com/adullact/tnl/internal/lifecycle/gull"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/publipostage"
)

// ambassadeurNotices are the ambassadeurs' pages' notices (?ok=…).
var ambassadeurNotices = map[string]string{
	"gull-inscrit":     "Le GULL est inscrit : l’équipe ADULLACT va vérifier sa fiche et sa zone, puis le valider. Vous recevrez un courriel.",
	"gull-modifie":     "La fiche du GULL est enregistrée.",
	"gull-invite":      "L’invitation est envoyée.",
	"gull-retire":      "La personne ne fait plus partie du GULL.",
	"gull-membre":      "Vous êtes ambassadeur du libre pour ce GULL : les demandes de sa zone arrivent dans votre espace.",
	"accord":           "Votre choix pour le site public est enregistré.",
	"fiche":            "La fiche de votre commune est enregistrée.",
	"fiche-lien":       "Si cette adresse est celle du contact d’une demande de la commune, un lien pour mettre à jour sa fiche vient de lui être envoyé.",
	"compte-rendu":     "Le compte rendu est enregistré.",
	"courrier-cree":    "La campagne est créée : écrivez la lettre, importez les adresses, puis envoyez.",
	"courrier-modifie": "La campagne est enregistrée.",
}

func (s *Server) ambassadeurFuncs() template.FuncMap {
	k := s.app.Ambassadeurs.Kit()
	return template.FuncMap{
		"visiteState":   visitelc.StateLabel,
		"gullState":     gulllc.StateLabel,
		"courrierState": courrierlc.StateLabel,
		"topicLabel":    domain.TopicLabel,
		"functionLabel": domain.ContactFunctionLabel,
		"stepLabel":     publipostage.StepLabel,
		"km": func(d float64) string {
			if d < 0 {
				return ""
			}
			return fr.Decimal(d, 0) + "\u00a0km"
		},
		"kitPoints":    func(keys []string) []string { return k.Titles(kit.Points, keys) },
		"kitDocuments": func(keys []string) []string { return k.Titles(kit.Documents, keys) },
		"kitSoftware":  func(keys []string) []string { return k.Titles(kit.Software, keys) },
		"has":          func(list []string, v string) bool { return slices.Contains(list, v) },
		"lines":        func(s string) []string { return nonEmptyLines(s) },
		"join":         strings.Join,
		"step":         publipostage.Step,
		"courrierForm": func(req publipostage.Request, remind string, fieldErr map[string]string) courrierForm {
			return courrierForm{Req: req, Remind: remind, FieldErr: fieldErr, Placeholders: courrierlc.Placeholders}
		},
		"eventLabel": func(lifecycle, event string) string {
			m, err := s.app.Engine.Lifecycle(lifecycle)
			if err != nil {
				return event
			}
			return m.EventLabel(event)
		},
	}
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// courrierForm is what the partial of a campaign's fields shows.
type courrierForm struct {
	Req          publipostage.Request
	Remind       string
	FieldErr     map[string]string
	Placeholders []struct{ Name, What string }
}
