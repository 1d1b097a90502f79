package cli

import (
	"flag"
	"fmt"
	"io"
	"net/url"
	"reflect"
	"strconv"
	"strings"
)

// The flag package prints its usage, its defaults and its parse errors in
// English; tnl's users read French. The functions here print the help of
// the command line in French and translate the flag package's errors: it
// never prints anything itself (see newFlagSet).

// newFlagSet returns the flag set of a command, silent: Main prints the
// French usage and errors itself.
func newFlagSet(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet("tnl "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// printHelp prints the list of the commands (« tnl help »).
func printHelp(w io.Writer, cmds []*command) {
	fmt.Fprintln(w, "tnl — la plateforme du label Territoire Numérique Libre (ADULLACT)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Utilisation : tnl <commande> [options] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commandes :")
	width := 0
	for _, c := range cmds {
		width = max(width, len(c.name))
	}
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "« tnl <commande> -h » détaille les options d’une commande.")
	fmt.Fprintln(w, "Variables d’environnement : TNL_DATABASE_URL, TNL_ADDR, TNL_LOG_LEVEL (voir README.md).")
}

// printCommandUsage prints a command's synopsis, summary and options; fs
// is the command's parsed flag set, or nil to declare one.
func printCommandUsage(w io.Writer, c *command, fs *flag.FlagSet) {
	synopsis := "tnl " + c.name
	if fs == nil {
		fs = newFlagSet(c)
		c.flags(fs, &Env{Getenv: func(string) string { return "" }})
	}
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		synopsis += " [options]"
	}
	if c.args != "" {
		synopsis += " " + c.args
	}
	fmt.Fprintf(w, "Utilisation : %s\n\n%s\n", synopsis, c.summary)
	if hasFlags {
		fmt.Fprintln(w, "\nOptions :")
		printFlags(w, fs)
	}
}

// printFlags prints every flag of fs in the layout of flag.PrintDefaults,
// in French: the placeholder of the value (the back-quoted word of the
// usage, or the type's name), the usage, and the default when it is not
// the type's zero value: « (par défaut : « :8080 ») ». A default holding a
// password (a database or mail server URL from the environment) shows it
// masked.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		var b strings.Builder
		fmt.Fprintf(&b, "  %s", dashed(f.Name))
		name, usage := flag.UnquoteUsage(f)
		if name != "" {
			b.WriteString(" " + placeholder(name))
		}
		b.WriteString("\n    \t")
		b.WriteString(strings.ReplaceAll(usage, "\n", "\n    \t"))
		if def, ok := flagDefault(f); ok {
			fmt.Fprintf(&b, " (par défaut : %s)", def)
		}
		fmt.Fprintln(w, b.String())
	})
}

// dashed writes an option as help and the usage errors do: -o, --year.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// placeholder translates the type names flag.UnquoteUsage gives a value
// when the usage has no back-quoted word.
func placeholder(name string) string {
	switch name {
	case "string":
		return "texte"
	case "int", "uint", "float":
		return "nombre"
	case "duration":
		return "durée"
	case "value":
		return "valeur"
	}
	return name
}

// flagDefault returns the default of f as help shows it, and false when it
// is the zero value of the flag's type (an empty text, 0, false), which
// help does not show. Like flag.PrintDefaults, it compares with a new zero
// value of the flag's type: flag's own isZeroValue is not exported.
func flagDefault(f *flag.Flag) (string, bool) {
	t := reflect.TypeOf(f.Value)
	if t.Kind() != reflect.Pointer {
		return f.DefValue, f.DefValue != ""
	}
	zero, ok := reflect.New(t.Elem()).Interface().(flag.Value)
	if ok && zero.String() == f.DefValue {
		return "", false
	}
	if g, ok := f.Value.(flag.Getter); ok {
		if _, text := g.Get().(string); text {
			return "« " + maskPassword(f.DefValue) + " »", true
		}
	}
	return f.DefValue, true
}

// maskPassword replaces the password of a URL with « xxxxx ».
func maskPassword(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, has := u.User.Password(); !has {
		return s
	}
	return u.Redacted()
}

// flagError translates an error of fs.Parse. The flag package returns
// plain errors.New texts, in English, with no type to test: their five
// forms are read here (TestFlagErrorsInFrench runs each one, so that a Go
// release changing a wording fails the tests rather than shows English).
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return fmt.Sprintf("Option inconnue : %s (« %s -h » liste les options).", dashed(name), fs.Name())
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return fmt.Sprintf("L’option %s attend une valeur.", dashed(name))
	}
	if s, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		return fmt.Sprintf("Option mal formée : « %s ».", s)
	}
	for _, prefix := range []string{"invalid value ", "invalid boolean value "} {
		rest, ok := strings.CutPrefix(msg, prefix)
		if !ok {
			continue
		}
		quoted, err := strconv.QuotedPrefix(rest)
		if err != nil {
			break
		}
		value, _ := strconv.Unquote(quoted)
		rest = strings.TrimPrefix(strings.TrimPrefix(rest[len(quoted):], " for flag -"), " for -")
		name, reason, _ := strings.Cut(rest, ": ")
		return fmt.Sprintf("Valeur « %s » invalide pour %s : %s.", value, dashed(name), expected(fs, name, reason))
	}
	return msg
}

// expected says what a flag's value should have been.
func expected(fs *flag.FlagSet, name, reason string) string {
	if reason == "value out of range" {
		return "nombre hors limites"
	}
	f := fs.Lookup(name)
	if f == nil {
		return reason
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return "true ou false attendu"
	}
	if placeholder(reflectName(f)) == "nombre" {
		return "nombre entier attendu"
	}
	return reason
}

// reflectName is the type name flag.UnquoteUsage guesses for f, ignoring
// a back-quoted placeholder.
func reflectName(f *flag.Flag) string {
	name, _ := flag.UnquoteUsage(&flag.Flag{Name: f.Name, Value: f.Value})
	return name
}
