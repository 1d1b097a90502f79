package territoires

// The entries of the etalab files, as published. Only the fields tnl uses
// are decoded; the others are ignored.

type communeEntry struct {
	Code         string   `json:"code" validate:"required,code_commune"`
	Nom          string   `json:"nom" validate:"required,max=200"`
	Type         string   `json:"type" validate:"required,oneof=commune-actuelle commune-deleguee commune-associee arrondissement-municipal"`
	Departement  string   `json:"departement" validate:"required_if=Type commune-actuelle,omitempty,code_departement"`
	Region       string   `json:"region" validate:"required_if=Type commune-actuelle,omitempty,code_region"`
	Siren        string   `json:"siren" validate:"omitempty,len=9,numeric"`
	CodesPostaux []string `json:"codesPostaux" validate:"dive,len=5,numeric"`
	Population   int      `json:"population" validate:"gte=0"`
	ChefLieu     string   `json:"chefLieu" validate:"omitempty,code_commune"`
}

type epciMember struct {
	Code string `json:"code" validate:"required,code_commune"`
}

type epciEntry struct {
	Code                 string       `json:"code" validate:"required,len=9,numeric"`
	Nom                  string       `json:"nom" validate:"required,max=200"`
	Type                 string       `json:"type" validate:"required,oneof=CC CA CU METRO MET69"`
	PopulationMunicipale int          `json:"populationMunicipale" validate:"gte=0"`
	Membres              []epciMember `json:"membres" validate:"required,min=1,dive"`
}

type departementEntry struct {
	Code   string `json:"code" validate:"required,code_departement"`
	Nom    string `json:"nom" validate:"required,max=200"`
	Region string `json:"region" validate:"required,code_region"`
}

type regionEntry struct {
	Code string `json:"code" validate:"required,code_region"`
	Nom  string `json:"nom" validate:"required,max=200"`
}

// entryCode returns an entry's code for error messages.
func entryCode(e any) string {
	switch e := e.(type) {
	case *communeEntry:
		return e.Code
	case *epciEntry:
		return e.Code
	case *departementEntry:
		return e.Code
	case *regionEntry:
		return e.Code
	}
	return ""
}

// entryKey identifies an entry within its file: a delegated commune shares
// its code with the commune nouvelle, so communes are keyed by type and code.
func entryKey(e any) string {
	if c, ok := e.(*communeEntry); ok {
		return c.Type + ":" + c.Code
	}
	return entryCode(e)
}
