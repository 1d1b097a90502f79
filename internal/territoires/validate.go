package territoires

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/fr"

	"github.com/go-playground/validator/v10"
)

var (
	reCommune     = regexp.MustCompile(`^(\d{5}|2[AB]\d{3})$`)
	reDepartement = regexp.MustCompile(`^(\d{2,3}|2[AB])$`)
	reRegion      = regexp.MustCompile(`^\d{2,3}$`)
)

// newValidator returns a validator that knows the French codes' shapes.
func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name := strings.SplitN(f.Tag.Get("json"), ",", 2)[0]
		if name == "" {
			return f.Name
		}
		return name
	})
	must := func(tag string, re *regexp.Regexp) {
		if err := v.RegisterValidation(tag, func(fl validator.FieldLevel) bool {
			return re.MatchString(fl.Field().String())
		}); err != nil {
			panic(err) // only on a programming error in the tag name
		}
	}
	must("code_commune", reCommune)
	must("code_departement", reDepartement)
	must("code_region", reRegion)
	return v
}

// describe turns validator errors into one French sentence.
func describe(err error) string {
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return err.Error()
	}
	msgs := make([]string, 0, len(verrs))
	for _, fe := range verrs {
		msgs = append(msgs, describeField(fe))
	}
	return strings.Join(msgs, " ; ")
}

func describeField(fe validator.FieldError) string {
	field := fmt.Sprintf("le champ « %s »", fieldPath(fe))
	switch fe.Tag() {
	case "required", "required_if":
		return field + " est absent ou vide"
	case "min":
		return field + " doit contenir au moins " + fe.Param() + " " + fr.Plural(atoi(fe.Param()), "élément", "éléments")
	case "max":
		return field + " dépasse " + fe.Param() + " caractères"
	case "len":
		return field + " doit compter " + fe.Param() + " caractères"
	case "numeric":
		return field + " ne doit contenir que des chiffres"
	case "gte":
		return field + " ne peut pas être négatif"
	case "oneof":
		return fmt.Sprintf("%s vaut « %v », attendu l’une des valeurs : %s", field, fe.Value(), strings.ReplaceAll(fe.Param(), " ", ", "))
	case "code_commune":
		return fmt.Sprintf("%s vaut « %v », qui n’est pas un code INSEE de commune (5 caractères, ex. 01001 ou 2A004)", field, fe.Value())
	case "code_departement":
		return fmt.Sprintf("%s vaut « %v », qui n’est pas un code de département (ex. 01, 2A, 974)", field, fe.Value())
	case "code_region":
		return fmt.Sprintf("%s vaut « %v », qui n’est pas un code de région (2 ou 3 chiffres)", field, fe.Value())
	}
	return fmt.Sprintf("%s est invalide (%s)", field, fe.Tag())
}

// fieldPath drops the struct name from the namespace: "communeEntry.codesPostaux[0]" → "codesPostaux[0]".
func fieldPath(fe validator.FieldError) string {
	ns := fe.Namespace()
	if i := strings.IndexByte(ns, '.'); i >= 0 {
		return ns[i+1:]
	}
	return fe.Field()
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
