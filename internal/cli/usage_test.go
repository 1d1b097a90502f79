package cli

import (
	"flag"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// englishWords are words of the old English help that no French text
// uses: one of them in a help text means a text left untranslated.
var englishWords = map[string]bool{
	"the": true, "and": true, "of": true, "to": true, "for": true, "with": true, "is": true, "are": true, "be": true,
	"give": true, "required": true, "default": true, "must": true, "unknown": true, "expected": true,
	"unexpected": true, "got": true, "want": true, "means": true, "every": true, "only": true, "same": true,
	"file": true, "files": true, "flag": true, "flags": true, "commands": true, "usage": true, "run": true,
	"print": true, "write": true, "save": true, "seat": true, "move": true, "start": true, "apply": true,
	"when": true, "by": true, "from": true, "this": true, "that": true, "its": true, "their": true,
	"per": true, "until": true, "none": true, "account": true, "email": true, "year": true, "campaign": true,
}

// frenchMarkers are short French words, one of which any sentence of help
// holds.
var frenchMarkers = map[string]bool{
	"le": true, "la": true, "les": true, "l": true, "d": true, "de": true, "des": true, "du": true,
	"un": true, "une": true, "et": true, "ou": true, "pour": true, "par": true, "à": true, "au": true,
	"en": true, "dans": true, "sur": true, "avec": true, "sans": true, "qui": true, "que": true, "comme": true,
}

// nameToken matches an option (-o, --year) or a URL, which are names,
// not words of a sentence.
var nameToken = regexp.MustCompile(`(^|[\s(«])--?[a-z][a-z-]*|[a-z]+://\S*`)

// words splits a text into lower-case words, options and URLs left out.
func words(text string) []string {
	text = nameToken.ReplaceAllString(text, " ")
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) })
}

// checkFrench fails when text has an English word, or, if sentence is
// set, no French one.
func checkFrench(t *testing.T, where, text string, sentence bool) {
	t.Helper()
	french := false
	for _, w := range words(text) {
		if englishWords[w] {
			t.Errorf("%s: English word %q in %q", where, w, text)
		}
		french = french || frenchMarkers[w] || strings.ContainsAny(w, "àâçéèêëîïôûùü’")
	}
	if sentence && !french {
		t.Errorf("%s: no French word in %q", where, text)
	}
}

// Every summary, synopsis and flag usage is French, and so is every line
// that « tnl help » and « tnl <command> -h » print, apart from the names of
// commands and options, which scripts use.
func TestHelpIsFrench(t *testing.T) {
	t.Parallel()
	cmds := commands()
	for _, c := range cmds {
		checkFrench(t, c.name+" summary", c.summary, true)
		checkFrench(t, c.name+" synopsis", c.args, false)
		fs := newFlagSet(c)
		c.flags(fs, &Env{Getenv: func(string) string { return "" }})
		fs.VisitAll(func(f *flag.Flag) {
			_, usage := flag.UnquoteUsage(f)
			checkFrench(t, c.name+" --"+f.Name, usage, true)
		})
	}
	pages := map[string][]string{"tnl help": {"help"}}
	for _, c := range cmds {
		pages["tnl "+c.name+" -h"] = append(strings.Fields(c.name), "-h")
	}
	oldTexts := []string{"Usage", "Flags:", "Commands:", "(default", "Run '", "Environment:", "[flags]", "<command>"}
	for page, args := range pages {
		code, stdout, stderr := run(t, nil, args...)
		if code != 0 || stderr != "" {
			t.Errorf("%s: exit %d, stderr %q", page, code, stderr)
		}
		for _, old := range oldTexts {
			if strings.Contains(stdout, old) {
				t.Errorf("%s: old English %q in\n%s", page, old, stdout)
			}
		}
		for _, line := range strings.Split(stdout, "\n") {
			for _, c := range cmds {
				line = strings.Replace(line, "tnl "+c.name, "tnl", 1)
				if strings.HasPrefix(line, "  "+c.name+" ") {
					line = strings.Replace(line, c.name, "", 1)
				}
			}
			checkFrench(t, page, line, false)
		}
	}
}

// Every usage error of the command line is French: exit code 2, the
// message, then the command's usage.
func TestUsageErrorsInFrench(t *testing.T) {
	t.Parallel()
	env := map[string]string{"TNL_DATABASE_URL": filepath.Join(t.TempDir(), "t.db")}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"serve", "x"}, "tnl serve : Argument en trop : x."},
		{[]string{"user", "add"}, "tnl user add : L’option --email est obligatoire."},
		{[]string{"user", "add", "--email", "a@b.fr", "--role", "jury"}, "tnl user add : Le jury siège campagne par campagne : créez le compte avec --role membre, puis « tnl jury add --campaign ANNÉE --email … »."},
		{[]string{"user", "add", "--email", "a@b.fr", "--role", "chef"}, "tnl user add : Rôle « chef » inconnu : membre ou staff."},
		{[]string{"token", "create", "--email", "a@b.fr"}, "tnl token create : Les options --email et --name sont obligatoires."},
		{[]string{"campaign", "create", "--year", "2026"}, "tnl campaign create : Les options --year, --opens et --closes sont obligatoires."},
		{[]string{"campaign", "list", "2026"}, "tnl campaign list : Argument en trop : 2026."},
		{[]string{"campaign", "show"}, "tnl campaign show : Donnez l’année de la campagne."},
		{[]string{"campaign", "show", "deux-mille"}, "tnl campaign show : « deux-mille » n’est pas une année de campagne."},
		{[]string{"campaign", "dates", "2026"}, "tnl campaign dates : Donnez --opens, --closes ou les deux."},
		{[]string{"campaign", "open"}, "tnl campaign open : Donnez l’année de la campagne."},
		{[]string{"candidature", "create", "--campaign", "2026"}, "tnl candidature create : Les options --campaign, --collectivite et --elu sont obligatoires."},
		{[]string{"candidature", "show"}, "tnl candidature show : Donnez le numéro ou la référence de la candidature."},
		{[]string{"candidature", "history", "1", "2"}, "tnl candidature history : Donnez le numéro ou la référence de la candidature."},
		{[]string{"candidature", "fire", "1"}, "tnl candidature fire : Donnez le numéro ou la référence de la candidature, puis l’événement."},
		{[]string{"candidature", "fire", "1", "deposer", "--field", "attest"}, "tnl candidature fire : L’option --field attend NOM=VALEUR, pas « attest »."},
		{[]string{"candidature", "answer", "1", "--as", "a@b.fr"}, "tnl candidature answer : Donnez --as, et soit CLÉ JSON, soit --file."},
		{[]string{"candidature", "answer", "1", "k", "texte", "--as", "a@b.fr"}, "tnl candidature answer : La valeur doit être du JSON, par exemple true, 42,"},
		{[]string{"candidature", "score", "1"}, "tnl candidature score : Donnez le numéro ou la référence de la candidature, et --as."},
		{[]string{"candidature", "diff", "1"}, "tnl candidature diff : Donnez le numéro ou la référence de la candidature, et --as."},
		{[]string{"jury", "add", "--campaign", "2026"}, "tnl jury add : Les options --campaign et --email sont obligatoires."},
		{[]string{"pdf", "dossiers", "--campaign", "2026", "-o", "x", "--workers", "-1"}, "tnl pdf dossiers : L’option --workers doit être comprise entre 1 et 256 (0 : autant que de cœurs)."},
		{[]string{"territoires", "import"}, "tnl territoires import : Donnez un répertoire ou les fichiers à importer."},
		{[]string{"questionnaire", "check", "a.yaml", "b.yaml"}, "tnl questionnaire check : Donnez au plus un fichier."},
		{[]string{"workflow", "diagram"}, "tnl workflow diagram : Donnez le cycle de vie : candidature, campagne, evaluation, gull, visite, courrier."},
		{[]string{"workflow", "diagram", "inconnu"}, "tnl workflow diagram : Cycle de vie « inconnu » inconnu ; les cycles sont : candidature, campagne, evaluation, gull, visite, courrier."},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := run(t, env, tt.args...)
			if code != 2 || !strings.HasPrefix(stderr, tt.want) || stdout != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit 2 and stderr starting %q", code, stdout, stderr, tt.want)
			}
			first, usage, _ := strings.Cut(stderr, "\n\n")
			_, msg, _ := strings.Cut(first, " : ")
			checkFrench(t, "error", msg, true)
			if !strings.HasPrefix(usage, "Utilisation : tnl "+strings.Join(tt.args[:2], " ")) && !strings.HasPrefix(usage, "Utilisation : tnl "+tt.args[0]) {
				t.Errorf("usage after the error: %q", usage)
			}
		})
	}
}

// The flag package's parse errors, in English, come out in French; one
// case per form of error the flag package returns.
func TestFlagErrorsInFrench(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"migrate", "-nope"}, "tnl migrate : Option inconnue : --nope (« tnl migrate -h » liste les options).\n\nUtilisation : tnl migrate"},
		{[]string{"campaign", "create", "--year"}, "tnl campaign create : L’option --year attend une valeur.\n\n"},
		{[]string{"migrate", "---database"}, "tnl migrate : Option mal formée : « ---database ».\n\n"},
		{[]string{"campaign", "create", "--year", "deux-mille"}, "tnl campaign create : Valeur « deux-mille » invalide pour --year : nombre entier attendu.\n\n"},
		{[]string{"campaign", "create", "--year=99999999999999999999"}, "tnl campaign create : Valeur « 99999999999999999999 » invalide pour --year : nombre hors limites.\n\n"},
		{[]string{"candidature", "create", "--prefill=peut-être"}, "tnl candidature create : Valeur « peut-être » invalide pour --prefill : true ou false attendu.\n\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := run(t, nil, tt.args...)
			if code != 2 || stdout != "" || !strings.HasPrefix(stderr, tt.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2, stderr starting %q", code, stdout, stderr, tt.want)
			}
		})
	}
}

// Help shows a flag's default unless it is the zero value of its type,
// and masks a password in it.
func TestFlagDefaults(t *testing.T) {
	t.Parallel()
	env := map[string]string{"TNL_DATABASE_URL": "postgres://tnl:s3cret@db.exemple.fr/tnl", "TNL_ADDR": ":9090"}
	code, stdout, _ := run(t, env, "serve", "-h")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"  --addr adresse\n    \tadresse d’écoute (variable TNL_ADDR) (par défaut : « :9090 »)\n",
		"(par défaut : « postgres://tnl:xxxxx@db.exemple.fr/tnl »)\n",
		"  --demo\n    \tcrée des données de démonstration",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("serve -h lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "s3cret") || strings.Contains(stdout, "(par défaut : false)") || strings.Contains(stdout, "(par défaut : « »)") {
		t.Errorf("serve -h shows a password or a zero default:\n%s", stdout)
	}
	code, stdout, _ = run(t, nil, "pdf", "dossiers", "-h")
	for _, want := range []string{"  -o répertoire\n", "  --output répertoire\n    \tcomme -o répertoire\n", "  --workers nombre\n", "  --state états\n"} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("pdf dossiers -h: exit %d, lacks %q:\n%s", code, want, stdout)
		}
	}
	if strings.Contains(stdout, "(par défaut : 0)") {
		t.Errorf("pdf dossiers -h shows a zero default:\n%s", stdout)
	}
}
