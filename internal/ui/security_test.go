package ui

import (
	"testing"
)

func TestMaskLinks(t *testing.T) {
	body := "Ouvrez http://localhost:8080/verifier/Z4e4ey4lBAPTcxll-WOsc_hNV2r3 (valable 7 jours)\n" +
		"ou https://tnl.adullact.org/reinitialiser/abc-DEF_123 ou /invitation/k-6vfK3h.\n" +
		"Suivre : https://tnl.adullact.org/candidatures/12"
	want := "Ouvrez http://localhost:8080/verifier/[lien masqué] (valable 7 jours)\n" +
		"ou https://tnl.adullact.org/reinitialiser/[lien masqué] ou /invitation/[lien masqué].\n" +
		"Suivre : https://tnl.adullact.org/candidatures/12"
	if got := maskLinks(body); got != want {
		t.Errorf("maskLinks:\n got %q\nwant %q", got, want)
	}
}
