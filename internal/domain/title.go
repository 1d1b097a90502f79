package domain

import (
	"unicode"
	"unicode/utf8"
)

// The forms of a person's title (users.title_form).
const (
	FormFeminine  = "feminin"  // élue référente
	FormMasculine = "masculin" // élu référent
	FormInclusive = ""         // élu·e référent·e, until the person chooses
)

// TitleForms lists the forms a person may choose, with how each writes the
// élu référent's title.
func TitleForms() []string { return []string{FormFeminine, FormMasculine, FormInclusive} }

// EluReferent is the élu référent's title in a form, in lower case.
func EluReferent(form string) string {
	switch form {
	case FormFeminine:
		return "élue référente"
	case FormMasculine:
		return "élu référent"
	}
	return "élu·e référent·e"
}

// Capitalize upper-cases the first letter of s.
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
