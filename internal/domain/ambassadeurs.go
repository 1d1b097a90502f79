package domain

import (
	"time"

	"github.com/uptrace/bun"
)

// The states of a GULL, of a visit request and of a mailing campaign. Their
// labels and events are the lifecycle definitions' (internal/lifecycle/gull,
// visite, courrier); the names are shared vocabulary.
const (
	GullProposed  = "propose"
	GullValidated = "valide"
	GullRefused   = "refuse"
	GullSuspended = "suspendu"

	VisiteDemandee       = "demandee"
	VisiteConfirmee      = "confirmee"
	VisitePrise          = "prise_en_charge"
	VisiteRendezVous     = "rendez_vous"
	VisiteFaite          = "visite_faite"
	VisiteAccompagnement = "accompagnement"
	VisiteCandidature    = "close_candidature"
	VisiteSansSuite      = "close_sans_suite"

	CourrierBrouillon = "brouillon"
	CourrierEnvoye    = "envoye"
	CourrierRelance   = "relance"
	CourrierClos      = "clos"
)

// VisiteOpenStates are the states of a request still in progress: a
// collectivité has at most one such request at a time.
func VisiteOpenStates() []string {
	return []string{VisiteDemandee, VisiteConfirmee, VisitePrise, VisiteRendezVous, VisiteFaite, VisiteAccompagnement}
}

// VisitedStates are the states of a request whose visit took place.
func VisitedStates() []string {
	return []string{VisiteFaite, VisiteAccompagnement, VisiteCandidature}
}

// Roles in a GULL.
const (
	GullCoordinateur = "coordinateur" // registered the GULL, or was made coordinator: invites ambassadeurs
	GullAmbassadeur  = "ambassadeur"  // visits mairies on the GULL's behalf
)

// Gull is a groupe d’utilisateurs de logiciels libres that carries the
// label to the mairies near it.
type Gull struct {
	bun.BaseModel `bun:"table:gulls"`

	ID              int64      `bun:"id,pk,autoincrement"`
	Slug            string     `bun:"slug,notnull"`
	Name            string     `bun:"name,notnull"`
	Website         string     `bun:"website,notnull"`
	Email           string     `bun:"email,notnull"` // where mairies near it may write
	Description     string     `bun:"description,notnull"`
	HomeCommuneCode string     `bun:"home_commune_code,notnull"`
	State           string     `bun:"state,notnull"`
	CreatedBy       int64      `bun:"created_by,notnull"`
	ValidatedAt     *time.Time `bun:"validated_at"`
	CreatedAt       time.Time  `bun:"created_at,notnull"`
	UpdatedAt       time.Time  `bun:"updated_at,notnull"`
	Version         int        `bun:"version,notnull"`
}

// GullZone is one territory of a GULL's zone of action: a commune (code
// INSEE), an EPCI (SIREN) or a département (code).
type GullZone struct {
	bun.BaseModel `bun:"table:gull_zones"`

	GullID int64            `bun:"gull_id,pk"`
	Kind   CollectiviteKind `bun:"kind,pk"`
	Code   string           `bun:"code,pk"`
}

// Subjects of a mairie's visit request: what it wants to talk about.
var VisiteTopics = []struct{ Code, Label string }{
	{"bureautique", "Bureautique"},
	{"messagerie", "Messagerie"},
	{"site_web", "Site web"},
	{"logiciels_metiers", "Logiciels métiers"},
	{"donnees_ouvertes", "Données ouvertes"},
	{"label", "Label Territoire Numérique Libre"},
	{"autre", "Autre"},
}

// TopicLabel returns the French label of a topic code, or the code.
func TopicLabel(code string) string {
	for _, t := range VisiteTopics {
		if t.Code == code {
			return t.Label
		}
	}
	return code
}

// The functions of the person who asks for a visit.
var ContactFunctions = []struct{ Code, Label string }{
	{"maire", "Maire"},
	{"adjoint", "Adjoint·e"},
	{"dgs", "DGS (directeur ou directrice général·e des services)"},
	{"agent", "Agent·e"},
	{"elu", "Élu·e"},
}

// ContactFunctionLabel returns the French label of a function code.
func ContactFunctionLabel(code string) string {
	for _, f := range ContactFunctions {
		if f.Code == code {
			return f.Label
		}
	}
	return code
}

// Visite is a mairie's request for a visit of an ambassadeur du libre, from
// the request to the visit and what follows it. Its contact has no account:
// they follow it through the personal links mailed to them
// (AmbassadeurLink of kind LinkSuivi).
type Visite struct {
	bun.BaseModel `bun:"table:visites"`

	ID              int64      `bun:"id,pk,autoincrement"`
	CollectiviteID  int64      `bun:"collectivite_id,notnull"`
	State           string     `bun:"state,notnull"`
	ContactName     string     `bun:"contact_name,notnull"`
	ContactFunction string     `bun:"contact_function,notnull"`
	ContactEmail    string     `bun:"contact_email,notnull"`
	ContactPhone    string     `bun:"contact_phone,notnull"`
	Topics          []string   `bun:"topics,type:text,notnull"`
	TopicOther      string     `bun:"topic_other,notnull"`
	Availability    string     `bun:"availability,notnull"`
	Message         string     `bun:"message,notnull"`
	ConsentPublic   bool       `bun:"consent_public,notnull"`
	ConfirmedAt     *time.Time `bun:"confirmed_at"`
	RoutedAt        *time.Time `bun:"routed_at"` // when the last GULLs were added
	Round           int        `bun:"routing_round,notnull"`
	RemindedAt      *time.Time `bun:"reminded_at"` // reminder of the current round
	EscalatedAt     *time.Time `bun:"escalated_at"`
	GullID          *int64     `bun:"gull_id"`        // the GULL of the ambassadeur who took it
	AmbassadeurID   *int64     `bun:"ambassadeur_id"` // who took it
	TakenAt         *time.Time `bun:"taken_at"`
	RendezVousAt    *time.Time `bun:"rendezvous_at"`
	VisitedAt       *time.Time `bun:"visited_at"`
	ClosedAt        *time.Time `bun:"closed_at"`
	Reason          string     `bun:"reason,notnull"` // why closed without follow-up
	CandidatureID   *int64     `bun:"candidature_id"`
	CourrierCode    string     `bun:"courrier_code,notnull"` // the code of the letter it came from
	CreatedAt       time.Time  `bun:"created_at,notnull"`
	UpdatedAt       time.Time  `bun:"updated_at,notnull"`
	Version         int        `bun:"version,notnull"`
}

// VisiteRoute is a GULL a request was routed to: in its zone, or among the
// nearest (hors zone) at the given distance between commune centres.
type VisiteRoute struct {
	bun.BaseModel `bun:"table:visite_routes"`

	VisiteID   int64     `bun:"visite_id,pk"`
	GullID     int64     `bun:"gull_id,pk"`
	Round      int       `bun:"routing_round,notnull"`
	DistanceKm float64   `bun:"distance_km,notnull"`
	HorsZone   bool      `bun:"hors_zone,notnull"`
	CreatedAt  time.Time `bun:"created_at,notnull"`

	GullName string `bun:"gull_name,scanonly"`
	GullSlug string `bun:"gull_slug,scanonly"`
}

// VisiteDecline is an ambassadeur's « Pas pour moi », with why.
type VisiteDecline struct {
	bun.BaseModel `bun:"table:visite_declines"`

	VisiteID  int64     `bun:"visite_id,pk"`
	UserID    int64     `bun:"user_id,pk"`
	Reason    string    `bun:"reason,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`

	Name string `bun:"name,scanonly"`
}

// VisiteReport is the report an ambassadeur files after the visit: the
// kit's points covered, documents given and software shown (by key), notes
// for the other ambassadeurs, the next step, and a short public summary
// shown only if the mairie agreed.
type VisiteReport struct {
	bun.BaseModel `bun:"table:visite_reports"`

	VisiteID      int64     `bun:"visite_id,pk"`
	AuthorID      int64     `bun:"author_id,notnull"`
	KitVersion    string    `bun:"kit_version,notnull"`
	Points        []string  `bun:"points,type:text,notnull"`
	Documents     []string  `bun:"documents,type:text,notnull"`
	Logiciels     []string  `bun:"logiciels,type:text,notnull"`
	Notes         string    `bun:"notes,notnull"`
	NextStep      string    `bun:"next_step,notnull"`
	PublicSummary string    `bun:"public_summary,notnull"`
	CreatedAt     time.Time `bun:"created_at,notnull"`
	UpdatedAt     time.Time `bun:"updated_at,notnull"`
}

// Kinds of the links the ambassadeurs' side sends by email.
const (
	LinkSuivi          = "suivi"           // a request's contact confirms and follows it
	LinkGullInvitation = "gull_invitation" // to join a GULL as ambassadeur
	LinkFiche          = "fiche"           // to update a mairie's public entry
)

// AmbassadeurLink is a single-use, expiring link sent by email; only the
// hash of its token is stored.
type AmbassadeurLink struct {
	bun.BaseModel `bun:"table:ambassadeur_links"`

	TokenHash string     `bun:"token_hash,pk"`
	Kind      string     `bun:"kind,notnull"`
	Email     string     `bun:"email,notnull"`
	GullID    *int64     `bun:"gull_id"`
	VisiteID  *int64     `bun:"visite_id"`
	CreatedBy *int64     `bun:"created_by"`
	CreatedAt time.Time  `bun:"created_at,notnull"`
	ExpiresAt time.Time  `bun:"expires_at,notnull"`
	UsedAt    *time.Time `bun:"used_at"`
}

// Channels of a mailing campaign.
const (
	ChannelPost  = "courrier" // letters printed and posted
	ChannelEmail = "courriel" // letters sent by email to addresses a partner gave
)

// Courrier is a mailing campaign to the mairies of a département or of a
// list, written by staff or a partner (an association of mayors, a centre
// de gestion).
type Courrier struct {
	bun.BaseModel `bun:"table:courriers"`

	ID              int64      `bun:"id,pk,autoincrement"`
	Title           string     `bun:"title,notnull"`
	Scope           string     `bun:"scope,notnull"` // "departement" or "liste"
	DepartementCode string     `bun:"departement_code,notnull"`
	Channel         string     `bun:"channel,notnull"`
	Sender          string     `bun:"sender,notnull"`    // « Association des maires du Nord »
	Signature       string     `bun:"signature,notnull"` // who signs, on several lines
	EmailSubject    string     `bun:"email_subject,notnull"`
	Letter          string     `bun:"letter,notnull"`   // the letter, with its [placeholders]
	Reminder        string     `bun:"reminder,notnull"` // the reminder letter
	RemindAfter     *time.Time `bun:"remind_after"`     // mairies without a request by then get the reminder
	PartnerID       *int64     `bun:"partner_id"`
	State           string     `bun:"state,notnull"`
	CreatedBy       *int64     `bun:"created_by"`
	SentAt          *time.Time `bun:"sent_at"`
	RemindedAt      *time.Time `bun:"reminded_at"`
	CreatedAt       time.Time  `bun:"created_at,notnull"`
	UpdatedAt       time.Time  `bun:"updated_at,notnull"`
	Version         int        `bun:"version,notnull"`
}

// CourrierDestinataire is a mairie a campaign writes to, with the personal
// code of its letter's short link.
type CourrierDestinataire struct {
	bun.BaseModel `bun:"table:courrier_destinataires"`

	CourrierID     int64      `bun:"courrier_id,pk"`
	CollectiviteID int64      `bun:"collectivite_id,pk"`
	Code           string     `bun:"code,notnull"`
	Email          string     `bun:"email,notnull"`
	Maire          string     `bun:"maire,notnull"`
	SentAt         *time.Time `bun:"sent_at"`
	RemindedAt     *time.Time `bun:"reminded_at"`
}

// MairieFiche is a mairie's public entry on the ambassadeurs' site, which
// it updates itself: the free software it uses, how to reach it.
type MairieFiche struct {
	bun.BaseModel `bun:"table:mairie_fiches"`

	CollectiviteID int64     `bun:"collectivite_id,pk"`
	Logiciels      string    `bun:"logiciels,notnull"`
	Contact        string    `bun:"contact,notnull"`
	Website        string    `bun:"website,notnull"`
	UpdatedAt      time.Time `bun:"updated_at,notnull"`
}
