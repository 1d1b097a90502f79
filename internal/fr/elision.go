package fr

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// De returns « de » before a name, as French writes it:
//
//	De("Ambronay")            = "d’Ambronay"
//	De("Ambérieu-en-Bugey")   = "d’Ambérieu-en-Bugey"
//	De("Hyères")              = "d’Hyères"   (mute h)
//	De("Honfleur")            = "de Honfleur" (aspirated h)
//	De("Le Mans")             = "du Mans"
//	De("Les Andelys")         = "des Andelys"
//	De("La Rochelle")         = "de La Rochelle"
//	De("Lyon")                = "de Lyon"
//
// Whether an initial h is mute cannot be told from spelling alone; the rule
// here elides before « he », « hé », « hi », « hy », « hô » and the like (Hénin,
// Hyères, Hérouville) and not before « ha », « ho », « hu » (Haguenau,
// Honfleur, Houilles), which matches most French place names.
func De(name string) string {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "de"
	case hasWordPrefix(name, "Le "):
		return "du " + name[len("Le "):]
	case hasWordPrefix(name, "Les "):
		return "des " + name[len("Les "):]
	case Elides(name):
		return "d’" + name
	}
	return "de " + name
}

// Elides reports whether a word starts with a vowel or a mute h, so that
// « de », « le », « que » lose their vowel before it.
func Elides(word string) bool {
	r, size := utf8.DecodeRuneInString(word)
	if r == utf8.RuneError {
		return false
	}
	if isVowel(r) {
		return true
	}
	if unicode.ToLower(r) != 'h' {
		return false
	}
	next, _ := utf8.DecodeRuneInString(word[size:])
	switch unicode.ToLower(next) {
	case 'e', 'é', 'è', 'ê', 'ë', 'i', 'î', 'ï', 'y', 'ô', 'œ':
		return true
	}
	return false
}

func isVowel(r rune) bool {
	return strings.ContainsRune("aàâäeéèêëiîïoôöuùûüyÿœæ", unicode.ToLower(r))
}

func hasWordPrefix(s, prefix string) bool {
	return len(s) > len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
