package badge

import "strings"

// Colours are a level's colours: the band's fill, the level's text on it,
// and the badge's border.
type Colours struct {
	Fill, Text, Border string
}

// Every pair below passes WCAG 2.1 AA: text on fill at 4.5:1 or more, and
// the border on the white badge at 3:1 or more (tested).
const (
	dark  = "#1b1b1b"
	white = "#ffffff"
)

// ColoursFor returns the colours of a level, by its name: « Niveau 1 » to
// « Niveau 5 » from light to dark green (until 2024), « Badge », « Bronze »,
// « Argent », « Or » (since 2025), and a neutral grey for any other name.
// Case and surrounding spaces do not matter.
func ColoursFor(level string) Colours {
	switch strings.ToLower(strings.TrimSpace(level)) {
	case "niveau 1":
		return Colours{Fill: "#d8efd3", Text: dark, Border: "#4f8a45"}
	case "niveau 2":
		return Colours{Fill: "#a8d99c", Text: dark, Border: "#3f7d36"}
	case "niveau 3":
		return Colours{Fill: "#6dbb62", Text: dark, Border: "#2f6d2a"}
	case "niveau 4":
		return Colours{Fill: "#2e7d32", Text: white, Border: "#2e7d32"}
	case "niveau 5":
		return Colours{Fill: "#1b5e20", Text: white, Border: "#1b5e20"}
	case "badge":
		return Colours{Fill: "#1f5f8b", Text: white, Border: "#1f5f8b"}
	case "bronze":
		return Colours{Fill: "#8c5a2b", Text: white, Border: "#8c5a2b"}
	case "argent":
		return Colours{Fill: "#c9ced3", Text: dark, Border: "#6b7178"}
	case "or":
		return Colours{Fill: "#e3b53b", Text: dark, Border: "#8f6a00"}
	}
	return Colours{Fill: "#4a4a4a", Text: white, Border: "#4a4a4a"}
}
