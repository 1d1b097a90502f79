package ambassadeurs

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/domain"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// Abuse limits of the public request form.
const (
	// MaxAsksPerClient requests per client address in AskWindow.
	MaxAsksPerClient = 5
	AskWindow        = 15 * time.Minute
	// MaxAsksPerCommune requests per collectivité a day (confirmed or not).
	MaxAsksPerCommune = 3
)

// AskRequest is what a mairie fills in the public form.
type AskRequest struct {
	CollectiviteID int64
	// Code is the personal code of the letter the form was opened from.
	Code         string
	Name         string
	Function     string // a domain.ContactFunctions code
	Email        string
	Phone        string
	Topics       []string // domain.VisiteTopics codes
	TopicOther   string
	Availability string
	Message      string
	Consent      bool // appear on the public site
	// ClientIP counts the requests per client (empty: not counted).
	ClientIP string
}

// Ask records a mairie's request and mails its contact the link that
// confirms the address; nothing is routed before. A collectivité has one
// request in progress at a time.
func (s *Service) Ask(ctx context.Context, req AskRequest) (*domain.Visite, error) {
	fields := map[string]string{}
	v := &domain.Visite{CollectiviteID: req.CollectiviteID, State: domain.VisiteDemandee, ContactName: oneLine(req.Name),
		ContactFunction: req.Function, ContactPhone: oneLine(req.Phone), TopicOther: oneLine(req.TopicOther),
		Availability: strings.TrimSpace(req.Availability), Message: strings.TrimSpace(req.Message), ConsentPublic: req.Consent,
		CourrierCode: strings.ToUpper(strings.TrimSpace(req.Code))}
	var commune *domain.Collectivite
	if req.CollectiviteID == 0 {
		fields["commune"] = "Choisissez votre commune : cherchez-la par son nom, son code postal ou son code INSEE."
	} else if c, err := s.store.Collectivite(ctx, req.CollectiviteID); err != nil || c.Kind != domain.KindCommune || !c.Active {
		fields["commune"] = "Cette commune n’existe pas (ou plus) : cherchez-la de nouveau."
	} else {
		commune = c
	}
	switch n := utf8.RuneCountInString(v.ContactName); {
	case n == 0:
		fields["name"] = "Indiquez votre nom."
	case n > 120:
		fields["name"] = "Nom trop long (120 caractères au plus)."
	}
	if domain.ContactFunctionLabel(v.ContactFunction) == v.ContactFunction {
		fields["function"] = "Indiquez votre fonction : maire, adjoint·e, DGS, agent·e ou élu·e."
	}
	if email, err := account.CheckEmail(req.Email); err != nil {
		fields["email"] = "Indiquez une adresse électronique valide, par exemple mairie@commune.fr : un lien de confirmation y est envoyé."
	} else {
		v.ContactEmail = email
	}
	if v.ContactPhone != "" && !validPhone(v.ContactPhone) {
		fields["phone"] = "Numéro de téléphone illisible : par exemple 03 20 12 34 56."
	}
	for _, t := range req.Topics {
		if domain.TopicLabel(t) != t && !slices.Contains(v.Topics, t) {
			v.Topics = append(v.Topics, t)
		}
	}
	if len(v.Topics) == 0 {
		fields["topics"] = "Cochez au moins un sujet que vous voulez aborder."
	} else if slices.Contains(v.Topics, "autre") && v.TopicOther == "" {
		fields["topic_other"] = "Précisez l’autre sujet."
	}
	if utf8.RuneCountInString(v.Availability) > 1000 || utf8.RuneCountInString(v.Message) > 4000 || utf8.RuneCountInString(v.TopicOther) > 200 {
		fields["message"] = "Texte trop long : 1 000 caractères au plus pour les disponibilités, 4 000 pour le message."
	}
	if len(fields) > 0 {
		return nil, &domain.Error{Code: domain.EInvalid, Message: "Le formulaire contient des erreurs.", Fields: fields}
	}
	// The limits: a client sends a few requests at a time, a commune has
	// one in progress and a few a day.
	now := s.store.Now()
	if req.ClientIP != "" {
		n, err := s.store.RecordLoginFailure(ctx, "visite:"+req.ClientIP, now.Add(-AskWindow))
		if err != nil {
			return nil, err
		}
		if n > MaxAsksPerClient {
			return nil, domain.Errorf(domain.EUnprocessable, "Trop de demandes envoyées depuis cette connexion : réessayez dans un quart d’heure.")
		}
	}
	if open, err := s.store.OpenVisiteOf(ctx, commune.ID); err == nil {
		msg := "Une demande de visite est déjà en cours pour " + commune.Name + " : suivez-la avec le lien reçu par courriel"
		if open.State == domain.VisiteDemandee {
			msg = "Une demande pour " + commune.Name + " attend déjà la confirmation de son adresse : ouvrez le lien reçu par courriel (regardez aussi dans les indésirables)"
		}
		return nil, &domain.Error{Code: domain.EConflict, Message: msg + ".", Fields: map[string]string{"commune": msg + "."}}
	} else if domain.ErrorCode(err) != domain.ENotFound {
		return nil, err
	}
	if n, err := s.store.CountVisitesSince(ctx, commune.ID, now.Add(-24*time.Hour)); err != nil {
		return nil, err
	} else if n >= MaxAsksPerCommune {
		return nil, domain.Errorf(domain.EUnprocessable, "Trop de demandes pour %s aujourd’hui : réessayez demain.", commune.Name)
	}
	err := s.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateVisite(ctx, v); err != nil {
			return err
		}
		who := policy.ContactOf(policy.Principal{}, visitelc.Name, v.ID, v.ContactEmail)
		if err := s.engine.Record(ctx, tx, visitelc.Name, v.ID, workflow.RecordCreate, v.State, who, policy.Contact, ""); err != nil {
			return err
		}
		token, hash := store.NewLinkToken()
		id := v.ID
		l := &domain.AmbassadeurLink{TokenHash: hash, Kind: domain.LinkSuivi, Email: v.ContactEmail, VisiteID: &id, ExpiresAt: tx.Now().Add(visitelc.LinkTTL)}
		if err := tx.CreateAmbassadeurLink(ctx, l); err != nil {
			return err
		}
		msg, err := s.mail.Message("visite_confirmation", v.ContactEmail, struct{ Name, Commune, Link string }{v.ContactName, commune.Name, visitelc.FollowPath(token)})
		if err != nil {
			return err
		}
		return tx.Enqueue(ctx, msg)
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

func validPhone(p string) bool {
	digits := 0
	for _, r := range p {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" .-+()/", r):
		default:
			return false
		}
	}
	return digits >= 8 && digits <= 15
}

// Prefill is what a letter's code fills in the form.
type Prefill struct {
	Commune *domain.Collectivite
	Maire   string
	Code    string
}

// PrefillOf returns what a letter's personal code fills in the request form.
func (s *Service) PrefillOf(ctx context.Context, code string) (*Prefill, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	d, err := s.store.DestinataireByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	c, err := s.store.Collectivite(ctx, d.CollectiviteID)
	if err != nil {
		return nil, err
	}
	return &Prefill{Commune: c, Maire: d.Maire, Code: d.Code}, nil
}

// SearchCommunes finds the communes of a request form's search.
func (s *Service) SearchCommunes(ctx context.Context, q string) ([]domain.Collectivite, error) {
	found, err := s.store.SearchCollectivites(ctx, q, 40)
	if err != nil {
		return nil, err
	}
	out := found[:0]
	for _, c := range found {
		if c.Kind == domain.KindCommune {
			out = append(out, c)
		}
	}
	if len(out) > 15 {
		out = out[:15]
	}
	return out, nil
}
