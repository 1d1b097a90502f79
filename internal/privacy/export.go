package privacy

import (
	"context"
	"encoding/json"
	"time"
)

// Export is what the platform holds about a person, as they download it
// (JSON, keys in French like the rest of what they read).
type Export struct {
	Generated    time.Time           `json:"extrait_le"`
	Account      exportAccount       `json:"compte"`
	Sessions     []exportSession     `json:"sessions"`
	Tokens       []exportToken       `json:"jetons_api"`
	Candidatures []exportCandidature `json:"candidatures"`
	Answers      []exportAnswer      `json:"reponses_enregistrees"`
	Files        []exportFile        `json:"pieces_jointes"`
	Jury         []exportJury        `json:"jury"`
	Assignments  []string            `json:"candidatures_attribuees"`
	Audit        []exportAudit       `json:"historique"`
	Messages     []exportMessage     `json:"courriels"`
	Links        []exportLink        `json:"liens_envoyes"`
	Failures     int                 `json:"echecs_de_connexion_conserves"`
	Treatments   []Treatment         `json:"traitements"`
}

type exportAccount struct {
	ID       int64      `json:"numero"`
	Email    string     `json:"adresse"`
	Name     string     `json:"nom"`
	Role     string     `json:"role"`
	Created  time.Time  `json:"cree_le"`
	Verified *time.Time `json:"adresse_confirmee_le"`
	LastSeen *time.Time `json:"derniere_connexion"`
}

type exportSession struct {
	Created  time.Time `json:"ouverte_le"`
	LastSeen time.Time `json:"derniere_visite"`
	Expires  time.Time `json:"expire_le"`
}

type exportToken struct {
	Name     string     `json:"nom"`
	Created  time.Time  `json:"cree_le"`
	LastUsed *time.Time `json:"dernier_usage"`
	Revoked  *time.Time `json:"revoque_le"`
}

type exportCandidature struct {
	Reference    string     `json:"reference"`
	Collectivite string     `json:"collectivite"`
	Year         int        `json:"campagne"`
	Role         string     `json:"role"`
	State        string     `json:"etat"`
	EluName      string     `json:"nom_de_l_elu,omitempty"`
	EluMandate   string     `json:"mandat,omitempty"`
	Attested     *time.Time `json:"attestee_le,omitempty"`
	Submitted    *time.Time `json:"deposee_le,omitempty"`
}

type exportAnswer struct {
	Reference string          `json:"candidature"`
	Key       string          `json:"question"`
	Value     json.RawMessage `json:"valeur"`
	Updated   time.Time       `json:"enregistree_le"`
}

type exportFile struct {
	Reference string    `json:"candidature"`
	Key       string    `json:"question"`
	Name      string    `json:"nom"`
	Size      int64     `json:"octets"`
	SHA256    string    `json:"sha256"`
	Created   time.Time `json:"jointe_le"`
}

type exportJury struct {
	Year         int        `json:"campagne"`
	Seat         string     `json:"siege"`
	Organisation string     `json:"organisation,omitempty"`
	Charter      *time.Time `json:"charte_acceptee_le"`
}

type exportAudit struct {
	Subject   string    `json:"sujet"`
	SubjectID int64     `json:"numero"`
	Event     string    `json:"evenement"`
	From      string    `json:"de"`
	To        string    `json:"vers"`
	Comment   string    `json:"commentaire,omitempty"`
	At        time.Time `json:"le"`
}

type exportMessage struct {
	Kind    string     `json:"type"`
	Subject string     `json:"objet"`
	Body    string     `json:"texte"`
	Created time.Time  `json:"ecrit_le"`
	Sent    *time.Time `json:"envoye_le"`
}

type exportLink struct {
	Kind    string     `json:"type"`
	Email   string     `json:"adresse"`
	Created time.Time  `json:"envoye_le"`
	Expires time.Time  `json:"expire_le"`
	Used    *time.Time `json:"utilise_le"`
}

// Export gathers what the platform holds about an account, in one
// consistent view, with the list of treatments.
func (s *Service) Export(ctx context.Context, userID int64) (*Export, error) {
	d, err := s.store.PersonalData(ctx, userID)
	if err != nil {
		return nil, err
	}
	u := d.User
	x := &Export{Generated: s.store.Now(), Failures: d.LoginFailures, Assignments: d.Assignments, Treatments: s.Treatments(),
		Account: exportAccount{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, Created: u.CreatedAt, Verified: u.EmailVerifiedAt, LastSeen: u.LastSeenAt}}
	for _, v := range d.Sessions {
		x.Sessions = append(x.Sessions, exportSession{v.CreatedAt, v.LastSeenAt, v.ExpiresAt})
	}
	for _, v := range d.Tokens {
		x.Tokens = append(x.Tokens, exportToken{v.Name, v.CreatedAt, v.LastUsedAt, v.RevokedAt})
	}
	for _, v := range d.Candidatures {
		x.Candidatures = append(x.Candidatures, exportCandidature{v.Reference, v.Collectivite, v.Year, v.Role, v.State, v.EluName, v.EluMandate, v.AttestedAt, v.SubmittedAt})
	}
	for _, v := range d.Answers {
		x.Answers = append(x.Answers, exportAnswer{v.Reference, v.Key, v.Value, v.UpdatedAt})
	}
	for _, v := range d.Evidence {
		x.Files = append(x.Files, exportFile{v.Reference, v.Key, v.Name, v.Size, v.SHA256, v.CreatedAt})
	}
	for _, v := range d.Jury {
		x.Jury = append(x.Jury, exportJury{v.Year, v.Seat, v.Organisation, v.CharterAcceptedAt})
	}
	for _, v := range d.Audit {
		x.Audit = append(x.Audit, exportAudit{v.SubjectType, v.SubjectID, v.Event, v.FromState, v.ToState, v.Comment, v.CreatedAt})
	}
	for _, v := range d.Messages {
		x.Messages = append(x.Messages, exportMessage{v.Kind, v.Subject, v.Body, v.CreatedAt, v.SentAt})
	}
	for _, v := range d.Links {
		x.Links = append(x.Links, exportLink{v.Kind, v.Email, v.CreatedAt, v.ExpiresAt, v.UsedAt})
	}
	return x, nil
}
