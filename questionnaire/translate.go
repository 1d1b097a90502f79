package questionnaire

import (
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/cleantext"
	french "github.com/adullact/tnl/internal/fr"

	"github.com/go-playground/locales"
	"github.com/go-playground/locales/fr"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	frtranslations "github.com/go-playground/validator/v10/translations/fr"
)

// engine runs the compiled validation rules with go-playground/validator
// and translates their errors into French. Each questionnaire has its own.
type engine struct {
	v  *validator.Validate
	tr ut.Translator
}

func newEngine() (*engine, error) {
	v := validator.New()
	for tag, fn := range map[string]validator.Func{
		"between":   validateBetween,
		"filekind":  validateFileKind,
		"filesize":  validateFileSize,
		"textline":  func(fl validator.FieldLevel) bool { return cleantext.Problem(fl.Field().String(), false) == "" },
		"textblock": func(fl validator.FieldLevel) bool { return cleantext.Problem(fl.Field().String(), true) == "" },
		"daterange": validateDateRange,
	} {
		if err := v.RegisterValidation(tag, fn); err != nil {
			return nil, err
		}
	}
	locale := fr.New()
	tr, found := ut.New(locale, locale).GetTranslator(locale.Locale())
	if !found {
		return nil, errors.New("traducteur français introuvable")
	}
	// The validator's French translations come first; the tags used by
	// the questionnaire are then registered again with wordings that name
	// the question and read well whatever the gender of its label.
	if err := frtranslations.RegisterDefaultTranslations(v, tr); err != nil {
		return nil, err
	}
	for _, m := range validationMessages() {
		if err := v.RegisterTranslation(m.tag, tr, m.register, m.translate); err != nil {
			return nil, err
		}
	}
	for key, text := range otherMessages() {
		if err := tr.Add(key, text, true); err != nil {
			return nil, err
		}
	}
	return &engine{v: v, tr: tr}, nil
}

// Dates are taken between these years: a year typed 20225 or 0225 is a
// typing mistake.
const (
	MinYear = 1900
	MaxYear = 2100
)

// validateDateRange checks that a date (YYYY-MM-DD) falls between MinYear
// and MaxYear.
func validateDateRange(fl validator.FieldLevel) bool {
	d, err := time.Parse(time.DateOnly, fl.Field().String())
	return err == nil && d.Year() >= MinYear && d.Year() <= MaxYear
}

// validateBetween checks that a number lies between the two numbers of
// its parameter, « min max ».
func validateBetween(fl validator.FieldLevel) bool {
	lo, hi, ok := betweenParam(fl.Param())
	if !ok || fl.Field().Kind() != reflect.Float64 {
		return false
	}
	f := fl.Field().Float()
	return f >= lo && f <= hi
}

func betweenParam(p string) (lo, hi float64, ok bool) {
	a, b, found := strings.Cut(p, " ")
	if !found {
		return 0, 0, false
	}
	lo, err1 := strconv.ParseFloat(a, 64)
	hi, err2 := strconv.ParseFloat(b, 64)
	return lo, hi, err1 == nil && err2 == nil
}

// validateFileKind checks that a file kind is one of its parameter's.
func validateFileKind(fl validator.FieldLevel) bool {
	return fl.Field().Kind() == reflect.String && slices.Contains(strings.Fields(fl.Param()), fl.Field().String())
}

// validateFileSize checks that a size in bytes is at most its parameter.
func validateFileSize(fl validator.FieldLevel) bool {
	limit, err := strconv.ParseInt(fl.Param(), 10, 64)
	return err == nil && fl.Field().Kind() == reflect.Int64 && fl.Field().Int() <= limit
}

// message is the French translation of one validator tag.
type message struct {
	tag       string
	register  validator.RegisterTranslationsFunc
	translate validator.TranslationFunc
}

// simple registers a translation with {0} the question and {1} the
// parameter formatted by format.
func simple(tag, text string, format func(ut.Translator, string) string) message {
	return message{
		tag:      tag,
		register: func(tr ut.Translator) error { return tr.Add(tag, text, true) },
		translate: func(tr ut.Translator, fe validator.FieldError) string {
			return translated(tr, fe, tag, fe.Field(), format(tr, fe.Param()))
		},
	}
}

// translated calls the translator and falls back on a French text.
func translated(tr ut.Translator, fe validator.FieldError, key string, params ...string) string {
	s, err := tr.T(key, params...)
	if err != nil {
		return fe.Field() + " : réponse invalide"
	}
	return s
}

// counted registers a translation of a limit on a length: {0} the
// question, {1} the limit with its unit, chosen by the Go type.
func counted(tag string, texts map[string]string) message {
	return message{
		tag: tag,
		register: func(tr ut.Translator) error {
			for what, text := range texts {
				if err := tr.Add(tag+"-"+what, text, true); err != nil {
					return err
				}
			}
			return addUnits(tr)
		},
		translate: func(tr ut.Translator, fe validator.FieldError) string {
			n, err := strconv.ParseFloat(fe.Param(), 64)
			if err != nil {
				return fe.Field() + " : réponse invalide"
			}
			what := lengthKind(fe.Type())
			count, err := tr.C("unit-"+what, n, 0, tr.FmtNumber(n, 0))
			if err != nil {
				count = tr.FmtNumber(n, 0)
			}
			return translated(tr, fe, tag+"-"+what, fe.Field(), count)
		},
	}
}

// lengthKind tells what a length limit counts, from the Go type of the
// validated value: characters, files, rows or choices.
func lengthKind(t reflect.Type) string {
	switch t {
	case reflect.TypeFor[[]FileRef]():
		return "files"
	case reflect.TypeFor[[]indexedRow]():
		return "rows"
	case reflect.TypeFor[[]string]():
		return "choices"
	}
	return "string"
}

func addUnits(tr ut.Translator) error {
	for _, u := range []struct{ key, one, other string }{
		{"unit-string", "{0} caractère", "{0} caractères"},
		{"unit-files", "{0} fichier", "{0} fichiers"},
		{"unit-rows", "{0} ligne", "{0} lignes"},
		{"unit-choices", "{0} réponse", "{0} réponses"},
	} {
		if err := tr.AddCardinal(u.key, u.one, locales.PluralRuleOne, true); err != nil {
			return err
		}
		if err := tr.AddCardinal(u.key, u.other, locales.PluralRuleOther, true); err != nil {
			return err
		}
	}
	return nil
}

// number formats a numeric parameter the French way.
func number(tr ut.Translator, p string) string {
	f, err := strconv.ParseFloat(p, 64)
	if err != nil {
		return p
	}
	digits := uint64(0)
	if _, frac, ok := strings.Cut(p, "."); ok {
		digits = uint64(len(frac))
	}
	return tr.FmtNumber(f, digits)
}

func verbatim(_ ut.Translator, p string) string { return p }

// validationMessages lists the French translation of every validator tag
// compiled from a questionnaire (see rules.go).
func validationMessages() []message {
	return []message{
		simple("required", "{0} est obligatoire", verbatim),
		simple("oneof", "{0} doit être l'une des réponses proposées", verbatim),
		simple("unique", "{0} contient plusieurs fois la même réponse", verbatim),
		simple("email", "{0} doit être une adresse électronique valide (par exemple prenom.nom@mairie.fr)", verbatim),
		simple("http_url", "{0} doit être une adresse web valide, commençant par https:// ou http://", verbatim),
		simple("datetime", "{0} doit être une date valide (jour, mois et année)", verbatim),
		simple("daterange", "{0} doit être une date entre 1900 et 2100", verbatim),
		simple("textline", "{0} doit tenir sur une ligne, sans retour à la ligne ni caractère de contrôle", verbatim),
		simple("textblock", "{0} contient un caractère nul ou de contrôle invisible : retirez-le", verbatim),
		simple("gte", "{0} doit être une valeur supérieure ou égale à {1}", number),
		simple("lte", "{0} doit être une valeur inférieure ou égale à {1}", number),
		{
			tag: "between",
			register: func(tr ut.Translator) error {
				return tr.Add("between", "{0} doit être une valeur comprise entre {1} et {2}", true)
			},
			translate: func(tr ut.Translator, fe validator.FieldError) string {
				lo, hi, _ := strings.Cut(fe.Param(), " ")
				return translated(tr, fe, "between", fe.Field(), number(tr, lo), number(tr, hi))
			},
		},
		simple("filekind", "{0} : ce type de fichier n'est pas accepté (formats acceptés : {1})", func(_ ut.Translator, p string) string {
			return strings.ToUpper(strings.Join(strings.Fields(p), ", "))
		}),
		simple("filesize", "{0} : un fichier ne doit pas dépasser {1}", func(_ ut.Translator, p string) string {
			n, _ := strconv.ParseInt(p, 10, 64)
			return french.Size(n)
		}),
		counted("max", map[string]string{
			"string":  "{0} ne doit pas dépasser {1}",
			"files":   "{0} : au plus {1}",
			"rows":    "{0} : au plus {1}",
			"choices": "{0} : au plus {1}",
		}),
		counted("min", map[string]string{
			"string":  "{0} doit contenir au moins {1}",
			"files":   "{0} : au moins {1}",
			"rows":    "{0} : au moins {1}",
			"choices": "{0} : au moins {1}",
		}),
	}
}

// otherMessages are the French texts of the checks made without the
// validator: the JSON shape of answers, unknown questions, forms.
func otherMessages() map[string]string {
	return map[string]string{
		"type-yesno":       "{0} : la réponse doit être oui ou non",
		"type-number":      "{0} doit être un nombre",
		"type-integer":     "{0} doit être un nombre entier",
		"type-text":        "{0} : la réponse doit être un texte",
		"type-list":        "{0} : la réponse doit être une liste de choix",
		"type-files":       "{0} : la réponse doit être une liste de fichiers",
		"type-fileref":     "{0} : le fichier n° {1} est mal décrit (identifiant, nom, type, taille ou empreinte)",
		"type-rows":        "{0} : la réponse doit être une liste de lignes",
		"type-row":         "{0}, ligne {1} : la ligne est mal formée",
		"unknown-column":   "{0}, ligne {1} : la colonne « {2} » n'existe pas",
		"unknown-question": "la question « {0} » n'existe pas dans ce questionnaire",
		"in-row":           "{0}, ligne {1} : {2}",
		"form-yesno":       "{0} : répondez « oui » ou « non »",
		"form-number":      "{0} doit être un nombre (par exemple 12 ou 12,5)",
		"form-integer":     "{0} doit être un nombre entier",
		"form-date":        "{0} doit être une date au format JJ/MM/AAAA",
		"form-file":        "{0} : un des fichiers joints est mal décrit",
		"form-row":         "{0} : numéro de ligne invalide dans le formulaire",
	}
}

// text translates one of otherMessages.
func (e *engine) text(key string, params ...string) string {
	s, err := e.tr.T(key, params...)
	if err != nil {
		return strings.Join(params, " ") + " : réponse invalide"
	}
	return s
}

// run validates value against a validator tag and returns the French
// messages, naming the question by label (« Libellé »).
func (e *engine) run(label string, value any, tag string) []string {
	if tag == "" {
		return nil
	}
	err := e.v.VarWithKey(label, value, tag)
	if err == nil {
		return nil
	}
	var errs validator.ValidationErrors
	if !errors.As(err, &errs) {
		return []string{label + " : réponse invalide"}
	}
	out := make([]string, 0, len(errs))
	for _, fe := range errs {
		out = append(out, fe.Translate(e.tr))
	}
	return out
}
