package mail

import (
	"strings"
	"testing"
	"time"
)

func TestEveryMessageRendersWithTheSignature(t *testing.T) {
	t.Parallel()
	m, err := New("https://label.exemple.org/")
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{
		"Name": "Camille Dupont", "Collectivite": "Ambronay", "Year": 2026, "Reference": "TNL-2026-COM-01007", "ID": int64(42),
		"At": time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC), "Deadline": time.Date(2026, 10, 15, 22, 0, 0, 0, time.UTC),
		"Comment": "Précisez.", "Level": "Niveau 3", "Motivation": "Beau travail.", "Token": "abc", "From": "Camille", "FromEmail": "c@exemple.fr", "Body": "Bonjour.", "Files": 1, "Next": "/candidatures/nouvelle", "EluTitle": "élue référente",
		"Awarded": true, "Mentions": []string{"Mutualisation"}, "PublicCode": "01007", "Reason": "Erreur de saisie du niveau.",
		"Deletes": time.Date(2027, 2, 9, 0, 0, 0, 0, time.UTC), "What": "votre compte c@exemple.fr", "Keep": "Connectez-vous.",
		// The ambassadeurs' messages.
		"Commune": "Ambronay", "Departement": "01", "Link": "/ambassadeurs/suivi/abc", "Function": "Maire", "Topics": []string{"Bureautique"},
		"Availability": "Le mardi", "Ambassadeur": "Alex Libre", "AmbEmail": "alex@gull.org", "Gull": "GULL de l’Ain", "Gulls": []string{"GULL de l’Ain"},
		"HorsZone": true, "Distance": "12\u00a0km", "Date": time.Date(2026, 3, 17, 13, 30, 0, 0, time.UTC), "Summary": "Bureautique libre.",
		"NextStep": "Essai de LibreOffice.", "ContactName": "Camille", "ContactEmail": "mairie@ambronay.fr", "ContactPhone": "", "Days": 45,
		"Subject": "Objet", "Opening": "Madame la Maire,", "Code": "K7M2Q9RT", "Signature": "Jean", "Sender": "AMF 01", "Title": "Campagne",
		"ReplyBy": time.Date(2026, 11, 1, 23, 0, 0, 0, time.UTC), "Seat": "président du jury", "Count": 3,
		"Email": "c@exemple.fr", "Invited": "invite@exemple.fr", "Decision": "transferer", "Asker": true,
	}
	if len(m.Kinds()) < 13 {
		t.Fatalf("only %d kinds of messages: %v", len(m.Kinds()), m.Kinds())
	}
	for _, kind := range m.Kinds() {
		msg, err := m.Message(kind, "elu@exemple.fr", data)
		if err != nil {
			t.Errorf("%s: %v", kind, err)
			continue
		}
		if !strings.Contains(msg.Body, "\n—\nL’équipe du label Territoire Numérique Libre (ADULLACT)\nCe message est envoyé automatiquement") {
			t.Errorf("%s: the body does not end with the signature:\n%s", kind, msg.Body)
		}
		if strings.Contains(msg.Body, "\n\n\n") || strings.Contains(msg.Subject, "\n") || msg.Kind != kind {
			t.Errorf("%s: badly laid out: %q / %q", kind, msg.Subject, msg.Body)
		}
		if strings.Contains(msg.Subject+msg.Body, "de Ambronay") || strings.Contains(msg.Subject+msg.Body, "(s)") {
			t.Errorf("%s: French is wrong: %q %q", kind, msg.Subject, msg.Body)
		}
	}
	msg, err := m.Message("accuse_reception", "elu@exemple.fr", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Accusé de réception — candidature d’Ambronay au label 2026", "messagerie de la candidature, https://label.exemple.org/candidatures/42/messages", "déposée le 1er octobre 2026 à 10\u00a0h\u00a000",
		"jusqu’au 15 octobre 2026 à 23\u00a0h\u00a059", "https://label.exemple.org/candidatures/42"} {
		if !strings.Contains(msg.Subject+"\n"+msg.Body, want) {
			t.Errorf("accusé de réception lacks %q:\n%s\n%s", want, msg.Subject, msg.Body)
		}
	}
}

func TestMissingDataIsAnError(t *testing.T) {
	t.Parallel()
	m, err := New("http://localhost")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Message("recevable", "x@exemple.fr", map[string]any{"Collectivite": "Lyon"}); err == nil {
		t.Error("a message rendered without its data")
	}
	if _, err := m.Message("inconnu", "x@exemple.fr", nil); err == nil {
		t.Error("an unknown kind rendered")
	}
}
