package ambassadeurs

import (
	"context"
	"io"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/sheet"
	"github.com/adullact/tnl/internal/store"
)

// ExportGull writes the requests routed to a GULL as CSV (formulas
// neutralised by the sheet package). The contacts' details are written for
// those who see them (policy.SeesVisitContact: its coordination, staff).
func (s *Service) ExportGull(ctx context.Context, w io.Writer, gullID int64, rels policy.Set) error {
	g, err := s.store.Gull(ctx, gullID)
	if err != nil {
		return err
	}
	rows, err := s.store.VisitesOfGull(ctx, gullID)
	if err != nil {
		return err
	}
	contact := policy.SeesVisitContact(rels)
	t := &sheet.Table{Name: "Demandes", Title: "Demandes de visite adressées à " + g.Name, Updated: s.store.Now(),
		Columns: []sheet.Column{
			{Name: "numero", Title: "Numéro", Type: sheet.Integer, Required: true, Unique: true},
			{Name: "commune", Title: "Commune", Type: sheet.String, Required: true},
			{Name: "code_insee", Title: "Code INSEE", Type: sheet.String, Required: true},
			{Name: "departement", Title: "Département", Type: sheet.String},
			{Name: "etat", Title: "État", Type: sheet.String, Required: true},
			{Name: "demandee_le", Title: "Demandée le", Type: sheet.Date, Required: true},
			{Name: "hors_zone", Title: "Hors zone", Type: sheet.Boolean},
			{Name: "distance_km", Title: "Distance (km)", Type: sheet.Number},
			{Name: "fonction", Title: "Fonction du contact", Type: sheet.String},
			{Name: "sujets", Title: "Sujets", Type: sheet.String},
			{Name: "disponibilites", Title: "Disponibilités", Type: sheet.String},
			{Name: "message", Title: "Message", Type: sheet.String},
			{Name: "ambassadeur", Title: "Ambassadeur en charge", Type: sheet.String},
			{Name: "rendez_vous", Title: "Rendez-vous", Type: sheet.Date},
			{Name: "visite_le", Title: "Visite le", Type: sheet.Date},
			{Name: "contact", Title: "Contact", Type: sheet.String},
			{Name: "courriel", Title: "Courriel", Type: sheet.String},
			{Name: "telephone", Title: "Téléphone", Type: sheet.String},
		}, PrimaryKey: []string{"numero"}}
	for _, v := range rows {
		t.Rows = append(t.Rows, exportRow(v, contact))
	}
	return sheet.WriteCSV(w, t)
}

func exportRow(v store.VisiteSummary, contact bool) []any {
	var topics []string
	for _, c := range v.Topics {
		topics = append(topics, domain.TopicLabel(c))
	}
	if v.TopicOther != "" {
		topics = append(topics, v.TopicOther)
	}
	var rdv, visited, dist any
	if v.RendezVousAt != nil {
		rdv = v.RendezVousAt.In(fr.Paris())
	}
	if v.VisitedAt != nil {
		visited = v.VisitedAt.In(fr.Paris())
	}
	if v.DistanceKm >= 0 {
		dist = v.DistanceKm
	}
	row := []any{v.ID, v.CommuneName, v.CommuneCode, v.DepartementCode, visitelc.StateLabel(v.State), v.CreatedAt.In(fr.Paris()),
		v.HorsZone(), dist, domain.ContactFunctionLabel(v.ContactFunction), strings.Join(topics, ", "), v.Availability, v.Message,
		v.InChargeName, rdv, visited, nil, nil, nil}
	if contact {
		row[15], row[16], row[17] = v.ContactName, v.ContactEmail, v.ContactPhone
	}
	return row
}
