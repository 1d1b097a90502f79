package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
)

// decodeJSON reads exactly one JSON object into v, refusing unknown fields,
// with French errors that name the problem.
func decodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return domain.Errorf(domain.EInvalid, "Envoyez du JSON (Content-Type: application/json), pas « %s ».", ct)
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case err == nil:
	case errors.As(err, &tooBig):
		return domain.Errorf(domain.ETooLarge, "Corps de requête trop volumineux (1 Mo au plus).")
	case errors.Is(err, io.EOF):
		return domain.Errorf(domain.EInvalid, "Corps de requête vide : un objet JSON est attendu.")
	case errors.As(err, &syntax):
		return domain.Errorf(domain.EInvalid, "JSON invalide à l’octet %d : vérifiez les guillemets, virgules et accolades.", syntax.Offset)
	case errors.As(err, &typ):
		return &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("Le champ « %s » doit être de type %s.", typ.Field, jsonType(typ.Type.Kind().String())),
			Fields: map[string]string{typ.Field: "Type attendu : " + jsonType(typ.Type.Kind().String()) + "."}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("Champ inconnu : « %s ».", field), Fields: map[string]string{field: "Champ inconnu."}}
	default:
		return domain.Errorf(domain.EInvalid, "JSON illisible : un seul objet JSON complet est attendu.")
	}
	if dec.More() {
		return domain.Errorf(domain.EInvalid, "Un seul objet JSON est attendu.")
	}
	return nil
}

func jsonType(kind string) string {
	switch kind {
	case "string":
		return "texte"
	case "int", "int64", "float64":
		return "nombre"
	case "bool":
		return "booléen"
	case "slice":
		return "liste"
	case "ptr", "struct", "map":
		return "objet"
	}
	return kind
}

// apiTime formats an instant for the API: RFC 3339 in UTC.
func apiTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func apiTimePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := apiTime(*t)
	return &s
}

type apiCampaign struct {
	ID                   int64              `json:"id"`
	Year                 int                `json:"year"`
	Title                string             `json:"title"`
	State                string             `json:"state"`
	StateLabel           string             `json:"state_label"`
	OpensAt              string             `json:"opens_at"`
	ClosesAt             string             `json:"closes_at"`
	Deadline             string             `json:"deadline_paris"`
	QuestionnaireVersion string             `json:"questionnaire_version"`
	QuestionnaireHash    string             `json:"questionnaire_hash"`
	AwardScheme          domain.AwardScheme `json:"award_scheme"`
}

func campaignJSON(c *domain.Campaign, stateLabel string) apiCampaign {
	return apiCampaign{ID: c.ID, Year: c.Year, Title: c.Title, State: c.State, StateLabel: stateLabel,
		OpensAt: apiTime(c.OpensAt), ClosesAt: apiTime(c.ClosesAt), Deadline: fr.Deadline(c.ClosesAt),
		QuestionnaireVersion: c.QuestionnaireVersion, QuestionnaireHash: c.QuestionnaireHash, AwardScheme: c.AwardScheme}
}

type apiCollectivite struct {
	ID          int64    `json:"id"`
	Kind        string   `json:"kind"`
	Code        string   `json:"code"`
	Name        string   `json:"name"`
	Siren       string   `json:"siren,omitempty"`
	Departement string   `json:"departement,omitempty"`
	Region      string   `json:"region,omitempty"`
	Population  int      `json:"population"`
	PostalCodes []string `json:"postal_codes,omitempty"`
}

func collectiviteJSON(c *domain.Collectivite) apiCollectivite {
	return apiCollectivite{ID: c.ID, Kind: string(c.Kind), Code: c.Code, Name: c.Name, Siren: c.Siren,
		Departement: c.DepartementCode, Region: c.RegionCode, Population: c.Population, PostalCodes: strings.Fields(c.PostalCodes)}
}
