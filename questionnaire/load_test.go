package questionnaire

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestLoadSample(t *testing.T) {
	t.Parallel()
	q := loadSample(t)
	sum := sha256.Sum256([]byte(sampleYAML))
	if q.Hash != hex.EncodeToString(sum[:]) {
		t.Errorf("Hash = %q, want the SHA-256 of the source", q.Hash)
	}
	if q.Version != "1" || q.Title != "Questionnaire d'essai" {
		t.Errorf("Version, Title = %q, %q", q.Version, q.Title)
	}
	if got := len(q.Questions()); got != 14 {
		t.Errorf("%d questions, want 14", got)
	}
	for i, qu := range q.Questions() {
		if q.Question(qu.Key) != qu || qu.Section != q.Sections[0] || qu.index != i {
			t.Errorf("question %q badly indexed", qu.Key)
		}
	}
	// Defaults.
	if qu := q.Question("general.part"); *qu.Min != 0 || *qu.Max != 100 {
		t.Errorf("percentage bounds = %v, %v", *qu.Min, *qu.Max)
	}
	if qu := q.Question("general.courriel"); qu.MaxLength != 0 {
		t.Errorf("email MaxLength = %d", qu.MaxLength)
	}
	if qu := q.Question("general.preuve"); qu.MaxSize != 1<<20 || qu.MaxFiles != 2 || strings.Join(qu.Kinds, ",") != "pdf,odt" {
		t.Errorf("file limits = %d, %d, %v", qu.MaxSize, qu.MaxFiles, qu.Kinds)
	}
	if qu := q.Question("general.logiciels"); qu.MinRows != 1 || qu.MaxRows != 3 || len(qu.Columns) != 6 || qu.Columns[2].Group != qu {
		t.Errorf("group = %d, %d, %d columns", qu.MinRows, qu.MaxRows, len(qu.Columns))
	}
	if c := q.Question("general.preuve").ShowIf; string(c.Equals) != "true" || c.Question != "general.oui_non" {
		t.Errorf("condition = %+v", c)
	}
	if got := len(q.Badge()); got != 1 {
		t.Errorf("%d badge questions, want 1", got)
	}
	if q.Question("nope") != nil {
		t.Error("Question(nope) != nil")
	}
}

func TestLoadJSON(t *testing.T) {
	t.Parallel()
	src := `{
  "title": "Essai JSON",
  "version": "2026.1",
  "sections": [
    {"key": "s", "title": "Section", "questions": [
      {"key": "s.a", "label": "Question A", "type": "yesno", "required": true},
      {"key": "s.b", "label": "Question B", "type": "url", "show_if": {"question": "s.a", "equals": true}}
    ]}
  ]
}`
	q, err := Load([]byte(src), "essai.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Questions()) != 2 || q.Scoring != nil {
		t.Errorf("unexpected questionnaire %+v", q)
	}
}

func TestDefault(t *testing.T) {
	t.Parallel()
	q := loadDefault(t)
	sum := sha256.Sum256(DefaultSource())
	if q.Hash != hex.EncodeToString(sum[:]) || q.Version != "2026.1" {
		t.Errorf("Hash, Version = %s, %s", q.Hash, q.Version)
	}
	if n := len(q.Questions()); n < 45 || n > 60 {
		t.Errorf("%d questions, want about 50", n)
	}
	if n := len(q.Badge()); n < 8 || n > 14 {
		t.Errorf("%d badge questions, want about 10", n)
	}
	wantSections := []string{"identification", "strategie", "pratiques", "logiciels", "communaute", "donnees", "attestation"}
	if len(q.Sections) != len(wantSections) {
		t.Fatalf("%d sections", len(q.Sections))
	}
	for i, s := range q.Sections {
		if s.Key != wantSections[i] {
			t.Errorf("section %d = %s, want %s", i, s.Key, wantSections[i])
		}
	}
	if q.Sections[0].Theme != "" || q.Sections[6].Theme != "" {
		t.Error("identification and attestation must not be scored")
	}
	att := q.Question("attestation.honneur")
	if att == nil || att.Type != TypeYesNo || !att.Required || !att.Badge {
		t.Errorf("attestation = %+v", att)
	}
	types := map[Type]int{}
	evidence := 0
	for _, qu := range q.Questions() {
		types[qu.Type]++
		if (qu.Type == TypeFile || qu.Type == TypeURL) && qu.ShowIf != nil {
			evidence++
		}
		if qu.Help == "" && qu.Type == TypeYesNo && qu.Section.Theme != "" && len(qu.Label) < 40 {
			t.Errorf("%s: short yes/no question without help", qu.Key)
		}
	}
	for _, ty := range []Type{TypeYesNo, TypeChoice, TypeMultiChoice, TypeInteger, TypePercentage, TypeText, TypeLongText, TypeURL, TypeEmail, TypeDate, TypeFile, TypeGroup} {
		if types[ty] == 0 {
			t.Errorf("no question of type %s", ty)
		}
	}
	if evidence < 5 {
		t.Errorf("%d evidence questions, want at least 5", evidence)
	}
	g := q.Question("logiciels.liste")
	if g == nil || g.Type != TypeGroup || g.Column("nom") == nil || g.Column("usage") == nil || g.Column("postes") == nil {
		t.Errorf("logiciels.liste = %+v", g)
	}
	if len(q.Scoring.Themes) != 5 || len(q.Scoring.Levels) != 5 {
		t.Errorf("scoring = %d themes, %d levels", len(q.Scoring.Themes), len(q.Scoring.Levels))
	}
	// DefaultSource returns a copy.
	src := DefaultSource()
	src[0] = 'X'
	if DefaultSource()[0] == 'X' {
		t.Error("DefaultSource shares its bytes")
	}
}

func TestProblemsFormat(t *testing.T) {
	t.Parallel()
	ps := Problems{
		{File: "tnl-2026.yaml", Line: 42, Column: 9, Message: "la question « strategie.deliberation » est déclarée deux fois"},
		{File: "tnl-2026.yaml", Message: "le fichier est vide"},
	}
	want := "tnl-2026.yaml:42: la question « strategie.deliberation » est déclarée deux fois\ntnl-2026.yaml: le fichier est vide"
	if got := ps.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
}

// problemCase is a file expected to have the given problems, each written
// as "line: message fragment".
type problemCase struct {
	name string
	src  string
	want []string
}

const header = "title: Essai\nversion: \"1\"\nsections:\n  - key: s\n    title: Section\n    questions:\n"

func TestLoadProblems(t *testing.T) {
	t.Parallel()
	cases := []problemCase{
		{"empty", "", []string{"0: le fichier est vide"}},
		{"comments only", "# rien\n", []string{"0: le fichier est vide"}},
		{"not a mapping", "- a\n- b\n", []string{"1: le fichier doit commencer par les champs « title », « version » et « sections »"}},
		{"syntax", "title: Essai\n  version: 1\n", []string{"2: syntaxe YAML invalide : « : » inattendu"}},
		{"tab", "title: Essai\n\tversion: 1\n", []string{"2: syntaxe YAML invalide"}},
		{"two documents", "title: a\n---\ntitle: b\n", []string{"2: qu'un seul document YAML"}},
		{"not utf-8", "title: \xff\n", []string{"0: encodé en UTF-8"}},
		{"missing header", "sections: []\n", []string{
			"1: le titre du questionnaire (« title ») est manquant",
			"1: la version du questionnaire (« version ») est manquante",
			"1: le questionnaire ne contient aucune section"}},
		{"unknown field", "title: a\nversion: b\nsection: []\n", []string{
			"3: questionnaire : champ « section » inconnu (vouliez-vous dire « sections » ?)",
			"1: aucune section"}},
		{"repeated field", "title: a\ntitle: b\nversion: c\nsections: []\n", []string{"2: champ « title » répété (déjà présent ligne 1)", "4: aucune section"}},
		{"anchor", header + "      - &q {key: s.a, label: A, type: yesno}\n      - *q\n", []string{
			"7: les ancres et alias YAML", "8: les ancres et alias YAML", "8: question : des champs"}},
		{"unknown type", header + "      - {key: s.a, label: A, type: oui_non}\n", []string{
			"7: type « oui_non » inconnu pour la question « s.a » (types possibles : yesno, choice"}},
		{"duplicate key", header + "      - {key: s.a, label: A, type: yesno}\n      - {key: s.a, label: B, type: yesno}\n", []string{
			"8: la question « s.a » est déclarée deux fois (première déclaration ligne 7)"}},
		{"bad key", header + "      - {key: S.Délib, label: A, type: yesno}\n", []string{"7: la clé « S.Délib » est invalide"}},
		{"missing label and type", header + "      - {key: s.a}\n", []string{
			"7: la question « s.a » n'a pas de libellé", "7: la question « s.a » n'a pas de type"}},
		{"unknown question field", header + "      - {key: s.a, lable: A, type: yesno}\n", []string{
			"7: question : champ « lable » inconnu (vouliez-vous dire « label » ?)", "7: n'a pas de libellé"}},
		{"wrong scalar types", header + "      - {key: s.a, label: A, type: integer, required: oui, min: zéro}\n", []string{
			"7: « required » doit valoir true ou false", "7: « min » doit être un nombre"}},
		{"choice without options", header + "      - {key: s.a, label: A, type: choice}\n", []string{"7: il faut au moins deux options"}},
		{"bad options", header + "      - key: s.a\n        label: A\n        type: choice\n        options:\n          - {value: Oui, label: Oui}\n          - {value: b, label: B}\n          - {value: b}\n", []string{
			"11: la valeur d'option « Oui » est invalide", "13: l'option « b » est déclarée deux fois", "13: l'option « b » n'a pas de libellé"}},
		{"field not for type", header + "      - {key: s.a, label: A, type: text, min: 1, columns: []}\n", []string{
			"7: la question « s.a » est de type « text » : le champ « min » ne s'applique pas",
			"7: la question « s.a » est de type « text » : le champ « columns » ne s'applique pas"}},
		{"min above max", header + "      - {key: s.a, label: A, type: integer, min: 10, max: 2.5}\n", []string{
			"7: « min » (10) doit être inférieur à « max » (2,5)", "7: « max » doit être un nombre entier"}},
		{"percentage bounds", header + "      - {key: s.a, label: A, type: percentage, max: 120}\n", []string{"7: « max » doit être compris entre 0 et 100"}},
		{"max_length", header + "      - {key: s.a, label: A, type: text, max_length: 0}\n", []string{"7: « max_length » doit être compris entre 1 et 1000"}},
		{"file limits", header + "      - {key: s.a, label: A, type: file, kinds: [pdf, docx], max_size: beaucoup, max_files: 0}\n", []string{
			"7: type de fichier « docx » inconnu", "7: « max_size » doit être une taille", "7: « max_files » doit être compris entre 1 et 20"}},
		{"from_account", header + "      - {key: s.a, label: A, type: yesno, from_account: name}\n      - {key: s.b, label: B, type: email, from_account: phone}\n", []string{
			"7: la question « s.a » : « from_account: name » demande une question de type « text »",
			"8: la question « s.b » : « from_account » vaut « name » ou « email », pas « phone »"}},
		{"group without columns", header + "      - {key: s.a, label: A, type: group, min_rows: 5, max_rows: 2}\n", []string{
			"7: il lui faut des colonnes", "7: « min_rows » (5) dépasse le nombre maximal de lignes (2)"}},
		{"bad columns", header + "      - key: s.a\n        label: A\n        type: group\n        columns:\n          - {key: nom, label: Nom, type: file}\n          - {key: nom, label: Nom, type: text, badge: true}\n", []string{
			"11: le type « file » n'est pas possible pour la colonne « nom » du tableau « s.a »",
			"12: colonne : champ « badge » inconnu",
			"12: la colonne « nom » est déclarée deux fois"}},
		{"show_if unknown", header + "      - {key: s.a, label: A, type: yesno, show_if: {question: s.z, equals: true}}\n", []string{
			"7: la condition de la question « s.a » porte sur la question « s.z », qui n'existe pas"}},
		{"show_if self", header + "      - {key: s.a, label: A, type: yesno, show_if: {question: s.a, equals: true}}\n", []string{
			"7: la condition de la question « s.a » porte sur elle-même"}},
		{"show_if later and cycle", header +
			"      - {key: s.a, label: A, type: yesno, show_if: {question: s.b, equals: true}}\n" +
			"      - {key: s.b, label: B, type: yesno, show_if: {question: s.a, equals: true}}\n", []string{
			"7: la condition de la question « s.a » porte sur « s.b », placée plus loin",
			"7: les conditions d'affichage forment un cycle : s.a → s.b → s.a"}},
		{"show_if values", header +
			"      - {key: s.a, label: A, type: yesno}\n" +
			"      - key: s.b\n        label: B\n        type: choice\n        options: [{value: x, label: X}, {value: y, label: Y}]\n" +
			"      - {key: s.c, label: C, type: text, show_if: {question: s.a, equals: oui}}\n" +
			"      - {key: s.d, label: D, type: text, show_if: {question: s.b, in: [x, z]}}\n" +
			"      - {key: s.e, label: E, type: text, show_if: {question: s.a, in: [x]}}\n" +
			"      - {key: s.f, label: F, type: text, show_if: {question: s.d, equals: x}}\n" +
			"      - {key: s.g, label: G, type: text, show_if: {question: s.a}}\n" +
			"      - {key: s.h, label: H, type: text, show_if: {question: s.a, equals: true, not_empty: true}}\n", []string{
			"12: « s.a » est une question oui/non, « equals » doit valoir true ou false",
			"13: l'option « z » n'existe pas dans la question « s.b »",
			"14: « in » n'est possible que sur une question à choix",
			"15: utilisez « not_empty: true »",
			"16: doit préciser « equals », « in » ou « not_empty »",
			"17: ne doit préciser qu'un seul de « equals », « in » et « not_empty »"}},
		{"badge depends on non-badge", header +
			"      - {key: s.a, label: A, type: yesno}\n" +
			"      - {key: s.b, label: B, type: url, badge: true, show_if: {question: s.a, equals: true}}\n", []string{
			"8: la question « s.b » fait partie du Badge mais dépend de « s.a », qui n'en fait pas partie"}},
		{"section problems", "title: a\nversion: b\nsections:\n  - {key: s, title: S, theme: nulle, questions: []}\n  - {key: s}\n", []string{
			"4: rattachée au thème « nulle », mais le fichier n'a pas de barème",
			"4: la section « s » ne contient aucune question",
			"5: la section « s » est déclarée deux fois (première déclaration ligne 4)",
			"5: la section « s » n'a pas de titre",
			"5: la section « s » ne contient aucune question"}},
		{"scoring refers to nothing", header +
			"      - {key: s.a, label: A, type: yesno}\n" +
			"      - key: s.b\n        label: B\n        type: choice\n        options: [{value: x, label: X}, {value: y, label: Y}]\n" +
			"scoring:\n  themes:\n    - {key: t, label: T, weight: 100}\n    - {key: vide, label: Vide, weight: 0}\n" +
			"  rules:\n" +
			"    - {question: s.z, theme: t, points: 1}\n" +
			"    - {question: s.a, theme: nul, points: 1}\n" +
			"    - {question: s.a, points: 1}\n" +
			"    - {question: s.b, theme: t, options: {x: 1, w: 2}}\n" +
			"    - {question: s.a, theme: t, per_row: 1}\n" +
			"    - {question: s.a, theme: t, points: 1, options: {x: 1}}\n" +
			"  levels: [10, 20, 20, 15, 120]\n", []string{
			"15: le thème « vide » doit avoir un poids (« weight ») positif",
			"15: le thème « vide » n'a aucune règle de notation",
			"17: la règle de notation porte sur la question « s.z », qui n'existe pas",
			"18: la règle de « s.a » est rattachée au thème « nul », qui n'est pas déclaré",
			"19: impossible de rattacher la règle de « s.a » à un thème",
			"20: l'option « w » n'existe pas dans la question",
			"21: « per_row » ne s'applique qu'à un tableau",
			"22: doit préciser une seule façon de compter",
			"23: le niveau 3 (20) ne dépasse pas le niveau 2 (20)",
			"23: le seuil du niveau 5 (120) dépasse le total possible (100"}},
		{"scoring kinds", header +
			"      - {key: s.a, label: A, type: integer}\n" +
			"      - {key: s.b, label: B, type: text}\n" +
			"scoring:\n  themes: [{key: t, label: T, weight: 10}]\n" +
			"  rules:\n" +
			"    - question: s.a\n      theme: t\n      brackets: [{from: 5, points: 1}, {from: 5, points: 2}]\n" +
			"    - {question: s.a, theme: t, proportional: {points: 3}}\n" +
			"    - {question: s.b, theme: t, brackets: [{from: 1, points: 1}]}\n" +
			"    - {question: s.b, theme: t, points: 1, max: 3}\n" +
			"  levels: [1, 2, 3, 4]\n", []string{
			"14: les paliers doivent être rangés par « from » strictement croissant",
			"15: précisez « full_at »",
			"16: « brackets » ne s'applique qu'à une question numérique",
			"17: « max » ne s'applique qu'avec « per_row »",
			"18: les seuils des niveaux (« levels ») doivent être 5 nombres, du niveau 1 au niveau 5 (4 trouvés)"}},
		{"normalisation", header +
			"      - {key: s.a, label: A, type: yesno}\n" +
			"scoring:\n  themes: [{key: t, label: T, weight: 10}]\n  rules: [{question: s.a, theme: t, points: 1}]\n  levels: [1, 2, 3, 4, 5]\n" +
			"  normalisation:\n" +
			"    - {label: A, kinds: [ville], multiplier: 0}\n" +
			"    - {label: B, population: {from: 100, below: 10}}\n" +
			"    - {label: C, levels: [5, 4, 3, 2, 1]}\n", []string{
			"13: type de collectivité « ville » inconnu",
			"13: « multiplier » doit être compris entre 0 (exclu) et 3",
			"14: la population « from » (100) doit être inférieure à « below » (10)",
			"14: précisez un « multiplier » ou des seuils « levels »",
			"15: les seuils des niveaux de « C » doivent être strictement croissants : le niveau 2 (4) ne dépasse pas le niveau 1 (5)"}},
		{"scoring without levels", header + "      - {key: s.a, label: A, type: yesno}\nscoring:\n  themes: [{key: t, label: T, weight: 10}]\n  rules: [{question: s.a, theme: t, points: 1}]\n", []string{
			"8: le barème doit donner les seuils des niveaux 1 à 5"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			probs := Check([]byte(c.src), "essai.yaml")
			q, err := Load([]byte(c.src), "essai.yaml")
			if q != nil {
				t.Fatalf("Load returned a questionnaire for a file with problems")
			}
			var asProblems Problems
			if !errors.As(err, &asProblems) || len(asProblems) != len(probs) {
				t.Fatalf("Load error %T %v, want the Problems of Check", err, err)
			}
			assertProblems(t, probs, c.want)
		})
	}
}

// assertProblems checks that every problem is expected and every expected
// problem found.
func assertProblems(t *testing.T, probs Problems, want []string) {
	t.Helper()
	used := make([]bool, len(probs))
	for _, w := range want {
		line, frag, _ := strings.Cut(w, ": ")
		found := false
		for i, p := range probs {
			if !used[i] && strings.Contains(p.Message, frag) && line == strconv.Itoa(p.Line) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("missing problem %q", w)
		}
	}
	for i, p := range probs {
		if !used[i] {
			t.Errorf("unexpected problem %s", p)
		}
		if p.File != "essai.yaml" {
			t.Errorf("problem file = %q", p.File)
		}
	}
	if t.Failed() {
		t.Logf("problems found:\n%s", probs.Error())
	}
	for i := 1; i < len(probs); i++ {
		if probs[i].Line < probs[i-1].Line {
			t.Errorf("problems not sorted by line:\n%s", probs.Error())
			break
		}
	}
}

func TestCheckValid(t *testing.T) {
	t.Parallel()
	if probs := Check([]byte(sampleYAML), "essai.yaml"); probs != nil {
		t.Errorf("Check(sample) = %v", probs)
	}
	if probs := Check(DefaultSource(), DefaultName); probs != nil {
		t.Errorf("Check(default) = %v", probs)
	}
}

func TestLoadTooBig(t *testing.T) {
	t.Parallel()
	src := make([]byte, maxSourceSize+1)
	probs := Check(src, "gros.yaml")
	if len(probs) != 1 || !strings.Contains(probs[0].Message, "trop gros") {
		t.Errorf("Check(big) = %v", probs)
	}
}

// TestReadmeExample loads the example of README.md, so that the
// documentation stays true.
func TestReadmeExample(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```yaml\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("no YAML example in README.md")
	}
	q, err := Load([]byte(example), "README.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Questions()) != 5 || q.Scoring == nil || len(q.Scoring.Normalisation) != 1 {
		t.Errorf("example = %d questions", len(q.Questions()))
	}
}

func TestTooManyProblems(t *testing.T) {
	t.Parallel()
	src := "title: a\nversion: b\n" + strings.Repeat("x: 1\n", 500)
	probs := Check([]byte(src), "essai.yaml")
	if len(probs) != maxProblems+1 {
		t.Fatalf("%d problems", len(probs))
	}
	last := probs[maxProblems]
	if last.Line != 0 || last.Message != "… et 301 autres problèmes, non affichés : corrigez d'abord les premiers" {
		t.Errorf("last problem = %+v", last)
	}
}

// Every message of the YAML parser that users meet reads in French; an
// unknown one keeps its detail, marked as technical.
func TestFrenchSyntax(t *testing.T) {
	t.Parallel()
	for en, fr := range map[string]string{
		"did not find expected comment or line break":     "texte inattendu après « | » ou « > »",
		"did not find expected key":                       "un nom de champ était attendu",
		"found a tab character that violates indentation": "tabulation interdite",
		"something new": "détail technique : something new",
	} {
		if got := frenchSyntax(en); !strings.Contains(got, fr) {
			t.Errorf("frenchSyntax(%q) = %q, want it to contain %q", en, got, fr)
		}
	}
}
