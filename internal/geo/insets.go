package geo

// Inset is an area drawn as a labelled box beside the map, because it has
// no outline in the data: an overseas département or région.
type Inset struct {
	Code string
	Name string
}

// OverseasDepartements returns the five overseas départements, which the
// outlines of metropolitan France leave out, in code order.
func OverseasDepartements() []Inset {
	return []Inset{
		{"971", "Guadeloupe"},
		{"972", "Martinique"},
		{"973", "Guyane"},
		{"974", "La Réunion"},
		{"976", "Mayotte"},
	}
}

// OverseasRegions returns the five overseas régions (single-département
// régions and collectivités), in code order.
func OverseasRegions() []Inset {
	return []Inset{
		{"01", "Guadeloupe"},
		{"02", "Martinique"},
		{"03", "Guyane"},
		{"04", "La Réunion"},
		{"06", "Mayotte"},
	}
}
