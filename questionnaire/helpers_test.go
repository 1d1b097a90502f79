package questionnaire

import (
	"encoding/json"
	"testing"
)

// sampleYAML is a small questionnaire using every type and every kind of
// condition and scoring rule.
const sampleYAML = `title: Questionnaire d'essai
version: "1"
sections:
  - key: general
    title: Général
    theme: general
    questions:
      - key: general.oui_non
        label: Délibération adoptée
        type: yesno
        required: true
        badge: true
      - key: general.preuve
        label: Délibération signée
        type: file
        kinds: [pdf, odt]
        max_size: 1 Mo
        max_files: 2
        required: true
        show_if: {question: general.oui_non, equals: true}
      - key: general.choix
        label: Suite bureautique
        type: choice
        required: true
        options:
          - {value: libre, label: Suite libre}
          - {value: mixte, label: Suites libre et propriétaire}
          - {value: proprietaire, label: Suite propriétaire}
      - key: general.choix_detail
        label: Précisions sur la suite
        type: text
        show_if: {question: general.choix, in: [libre, mixte]}
      - key: general.multiple
        label: Partenaires
        type: multichoice
        options:
          - {value: epci, label: Intercommunalité}
          - {value: syndicat, label: Syndicat mixte}
          - {value: association, label: Association}
      - key: general.entier
        label: Nombre d'agents
        type: integer
        min: 0
        max: 1000
      - key: general.decimal
        label: Budget en milliers d'euros
        type: decimal
        max: 10000
      - key: general.part
        label: Part des postes sous système libre
        type: percentage
        required: true
      - key: general.texte
        label: Nom du référent
        type: text
        max_length: 20
      - key: general.long
        label: Projet
        type: longtext
        max_length: 50
        show_if: {question: general.texte, not_empty: true}
      - key: general.site
        label: Adresse du portail open data
        type: url
      - key: general.courriel
        label: Courriel du référent
        type: email
      - key: general.date
        label: Date de la délibération
        type: date
      - key: general.logiciels
        label: Logiciels libres utilisés
        type: group
        min_rows: 1
        max_rows: 3
        columns:
          - {key: nom, label: Nom du logiciel, type: text, required: true, max_length: 30}
          - key: usage
            label: Usage
            type: choice
            options:
              - {value: bureautique, label: Bureautique}
              - {value: metier, label: Logiciel métier}
          - {key: postes, label: Nombre de postes, type: integer, min: 0, required: true}
          - {key: libre, label: Licence libre, type: yesno}
          - {key: depuis, label: En service depuis, type: date}
          - {key: part, label: Part des agents, type: percentage}
scoring:
  themes:
    - {key: general, label: Général, weight: 60}
    - {key: autre, label: Autre, weight: 40}
  rules:
    - {question: general.oui_non, points: 4}
    - {question: general.preuve, points: 1}
    - question: general.choix
      options: {libre: 5, mixte: 2}
    - question: general.multiple
      theme: autre
      options: {epci: 2, syndicat: 2, association: 1}
      max: 3
    - question: general.entier
      theme: autre
      brackets:
        - {from: 10, points: 1}
        - {from: 100, points: 2}
    - question: general.part
      proportional: {points: 10, full_at: 50}
    - {question: general.logiciels, theme: autre, per_row: 1, max: 2}
  levels: [10, 30, 50, 70, 90]
  normalisation:
    - label: Petites communes
      kinds: [commune]
      population: {below: 1000}
      multiplier: 1.5
    - label: Grandes collectivités
      population: {from: 50000}
      levels: [20, 40, 60, 80, 95]
`

func loadSample(t testing.TB) *Questionnaire {
	t.Helper()
	q, err := Load([]byte(sampleYAML), "essai.yaml")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return q
}

func loadDefault(t testing.TB) *Questionnaire {
	t.Helper()
	q, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return q
}

func raw(s string) json.RawMessage {
	if s == "" {
		return nil
	}
	return json.RawMessage(s)
}

// answers builds Answers from key, JSON pairs.
func answers(kv ...string) Answers {
	a := Answers{}
	for i := 0; i+1 < len(kv); i += 2 {
		a[kv[i]] = json.RawMessage(kv[i+1])
	}
	return a
}

// messages returns the messages of field errors.
func messages(errs []FieldError) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Message
	}
	return out
}

// fullDefaultAnswers is a complete candidature to the default
// questionnaire: every question is visible and answered.
func fullDefaultAnswers() Answers {
	return answers(
		"identification.referent_nom", `"Camille Martin"`,
		"identification.referent_fonction", `"Secrétaire de mairie"`,
		"identification.referent_courriel", `"camille.martin@mairie-exemple.fr"`,
		"identification.agents", `12`,
		"identification.postes", `15`,
		"strategie.deliberation", `true`,
		"strategie.deliberation_date", `"2024-06-20"`,
		"strategie.deliberation_preuve", `[{"id":12,"name":"deliberation.pdf","kind":"pdf","size":123456,"sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}]`,
		"strategie.elu_referent", `true`,
		"strategie.schema_directeur", `true`,
		"strategie.schema_directeur_lien", `"https://www.mairie-exemple.fr/numerique"`,
		"strategie.mutualisation", `["epci","association"]`,
		"strategie.commande_publique", `true`,
		"strategie.commande_publique_preuve", `[{"id":13,"name":"ccap.odt","kind":"odt","size":54321}]`,
		"pratiques.formats_ouverts", `true`,
		"pratiques.format_bureautique", `"odf"`,
		"pratiques.accessibilite_declaration", `true`,
		"pratiques.accessibilite_lien", `"https://www.mairie-exemple.fr/accessibilite"`,
		"pratiques.accessibilite_conformite", `"partielle"`,
		"pratiques.schema_pluriannuel", `true`,
		"pratiques.schema_pluriannuel_lien", `"https://www.mairie-exemple.fr/schema-accessibilite"`,
		"pratiques.sobriete", `["reemploi","extinction","impressions"]`,
		"pratiques.duree_vie_postes", `7`,
		"pratiques.hebergement", `"mutualise"`,
		"logiciels.postes_libres", `40`,
		"logiciels.bureautique", `"libre"`,
		"logiciels.bureautique_part", `100`,
		"logiciels.navigateur", `true`,
		"logiciels.messagerie", `true`,
		"logiciels.serveurs_libres", `100`,
		"logiciels.metier", `true`,
		"logiciels.cms", `"libre"`,
		"logiciels.liste", `[{"nom":"LibreOffice","usage":"bureautique","postes":15},{"nom":"Firefox","usage":"internet","postes":15},{"nom":"Linux Mint","usage":"systeme","postes":6}]`,
		"logiciels.ecoles", `"en_partie"`,
		"logiciels.ecoles_detail", `"L'école élémentaire a 8 postes sous PrimTux, entretenus par le GULL."`,
		"logiciels.projet", `"Passage de la messagerie à Thunderbird en 2025, avec une demi-journée de formation."`,
		"communaute.formation_agents", `true`,
		"communaute.formation_agents_nombre", `6`,
		"communaute.sensibilisation_elus", `true`,
		"communaute.gull", `true`,
		"communaute.gull_nom", `"Linux Exemple"`,
		"communaute.evenements", `false`,
		"communaute.code_publie", `false`,
		"communaute.contributions", `true`,
		"communaute.comptoir", `true`,
		"communaute.adhesion", `["adullact"]`,
		"donnees.publication", `true`,
		"donnees.portail", `"https://www.data.gouv.fr/fr/organizations/commune-exemple/"`,
		"donnees.jeux", `6`,
		"donnees.licence", `"etalab"`,
		"donnees.scdl", `["deliberations","budget"]`,
		"donnees.datagouv", `true`,
		"attestation.elu_nom", `"Dominique Durand"`,
		"attestation.elu_qualite", `"Maire"`,
		"attestation.honneur", `true`,
	)
}
