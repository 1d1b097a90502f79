package domain

import (
	"time"

	"github.com/uptrace/bun"
)

// CollectiviteKind is the kind of a collectivité.
type CollectiviteKind string

// The kinds of collectivités that may apply for the label.
const (
	KindCommune     CollectiviteKind = "commune"
	KindEPCI        CollectiviteKind = "epci"
	KindDepartement CollectiviteKind = "departement"
	KindRegion      CollectiviteKind = "region"
	KindAutre       CollectiviteKind = "autre" // syndicat, PETR, …
)

// Kinds lists every kind in display order.
var Kinds = []CollectiviteKind{KindCommune, KindEPCI, KindDepartement, KindRegion, KindAutre}

// Label is the French name of the kind.
func (k CollectiviteKind) Label() string {
	switch k {
	case KindCommune:
		return "Commune"
	case KindEPCI:
		return "EPCI"
	case KindDepartement:
		return "Département"
	case KindRegion:
		return "Région"
	case KindAutre:
		return "Autre collectivité"
	}
	return string(k)
}

// Valid reports whether k is a known kind.
func (k CollectiviteKind) Valid() bool {
	for _, known := range Kinds {
		if k == known {
			return true
		}
	}
	return false
}

// Collectivite is a French local authority. Its natural key is (Kind, Code):
// the code INSEE for communes, départements and régions, the SIREN for EPCI
// and other groupings.
type Collectivite struct {
	bun.BaseModel `bun:"table:collectivites"`

	ID              int64            `bun:"id,pk,autoincrement"`
	Kind            CollectiviteKind `bun:"kind,notnull"`
	Code            string           `bun:"code,notnull"`
	Name            string           `bun:"name,notnull"`
	SearchName      string           `bun:"search_name,notnull"`
	Siren           string           `bun:"siren,notnull"`
	Subtype         string           `bun:"subtype,notnull"` // CC, CA, CU, METRO for an EPCI
	DepartementCode string           `bun:"departement_code,notnull"`
	RegionCode      string           `bun:"region_code,notnull"`
	Population      int              `bun:"population,notnull"`
	PostalCodes     string           `bun:"postal_codes,notnull"` // space-separated
	Active          bool             `bun:"active,notnull"`       // false once gone from the official files
	MergedInto      string           `bun:"merged_into,notnull"`  // code of the commune nouvelle, if merged
	UpdatedAt       time.Time        `bun:"updated_at,notnull"`
}

// Key is the natural key of a collectivité.
type CollectiviteKey struct {
	Kind CollectiviteKind
	Code string
}

// Key returns c's natural key.
func (c *Collectivite) Key() CollectiviteKey { return CollectiviteKey{c.Kind, c.Code} }

// EPCIMember links an EPCI (by SIREN) to one of its member communes (by code INSEE).
type EPCIMember struct {
	bun.BaseModel `bun:"table:epci_membres"`

	EPCICode    string `bun:"epci_code,pk"`
	CommuneCode string `bun:"commune_code,pk"`
}

// PublicCode is the code of the collectivité's public page
// (/collectivites/{code}) and badge: the INSEE code of a commune, the
// SIREN of any other collectivité (a département's and a région's INSEE
// codes collide, « 84 » being both), the kind and code when it has none.
func (c *Collectivite) PublicCode() string {
	switch {
	case c.Kind == KindCommune:
		return c.Code
	case c.Siren != "":
		return c.Siren
	}
	return string(c.Kind) + "-" + c.Code
}
