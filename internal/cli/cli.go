// Package cli implements the tnl command: one binary, many subcommands.
package cli

import (
	tnlapp "github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/policy"

	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/logging"
)

// Env is the process environment a command runs in.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Policy and Register extend the platform (tests add a lifecycle):
	// see app.Config.
	Policy   *policy.Policy
	Register func(*tnlapp.App) error
}

// OSEnv returns the real process environment.
func OSEnv() *Env {
	return &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

func (e *Env) logger() *slog.Logger { return logging.New(e.Stderr, e.Getenv("TNL_LOG_LEVEL")) }

// command is one subcommand.
type command struct {
	name    string // words after "tnl", e.g. "territoires import"
	args    string // synopsis of the positional arguments
	summary string
	// flags declares the command's flags and returns the function that runs it.
	flags func(fs *flag.FlagSet, env *Env) func(ctx context.Context, env *Env, args []string) error
}

// usageError means the command line was wrong: exit code 2 with the usage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// extraArgs is the usage error of a command given arguments it does not take.
func extraArgs(args []string) error {
	return usagef("%s en trop : %s.", fr.Plural(len(args), "Argument", "Arguments"), strings.Join(args, " "))
}

// Main runs the command line args (without the program name) and returns
// the process exit code: 0 on success, 1 on failure, 2 on a usage error.
func Main(ctx context.Context, args []string, env *Env) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 1 {
			if c, _ := lookup(cmds, args[1:]); c != nil {
				printCommandUsage(env.Stdout, c, nil)
				return 0
			}
			fmt.Fprintf(env.Stderr, "tnl : commande inconnue « %s ».\n\n", strings.Join(args[1:], " "))
			printHelp(env.Stderr, cmds)
			return 2
		}
		printHelp(env.Stdout, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, rest := lookup(cmds, args)
	if c == nil {
		fmt.Fprintf(env.Stderr, "tnl : commande inconnue « %s ».\n\n", strings.Join(args, " "))
		printHelp(env.Stderr, cmds)
		return 2
	}
	fs := newFlagSet(c)
	run := c.flags(fs, env)
	positional, err := parseInterspersed(fs, rest)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printCommandUsage(env.Stdout, c, fs)
			return 0
		}
		fmt.Fprintf(env.Stderr, "tnl %s : %s\n\n", c.name, flagError(fs, err))
		printCommandUsage(env.Stderr, c, fs)
		return 2
	}
	if err := run(ctx, env, positional); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(env.Stderr, "tnl %s : %s\n\n", c.name, ue.msg)
			printCommandUsage(env.Stderr, c, fs)
			return 2
		}
		fmt.Fprintf(env.Stderr, "tnl %s : %s\n", c.name, describe(err))
		if extra := details(err); extra != "" {
			fmt.Fprint(env.Stderr, extra)
		}
		return 1
	}
	return 0
}

// describe returns the French message of a domain error, with the context
// a command wrapped around it (« clé : message »), or the error text.
func describe(err error) string {
	e := domain.AsError(err)
	if e == nil {
		return err.Error()
	}
	if outer, inner := err.Error(), e.Error(); outer != inner && strings.Contains(outer, inner) {
		return strings.Replace(outer, inner, e.Message, 1)
	}
	return e.Message
}

// details lists a domain error's details and field messages, one per line.
func details(err error) string {
	e := domain.AsError(err)
	if e == nil {
		return ""
	}
	var b strings.Builder
	for _, d := range e.Details {
		fmt.Fprintf(&b, "  - %s\n", d)
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "  - %s : %s\n", k, e.Fields[k])
	}
	return b.String()
}

// lookup finds the command whose name matches the longest prefix of args.
func lookup(cmds []*command, args []string) (*command, []string) {
	var best *command
	bestLen := 0
	for _, c := range cmds {
		words := strings.Fields(c.name)
		if len(words) > len(args) || len(words) <= bestLen {
			continue
		}
		match := true
		for i, w := range words {
			if args[i] != w {
				match = false
				break
			}
		}
		if match {
			best, bestLen = c, len(words)
		}
	}
	if best == nil {
		return nil, nil
	}
	return best, args[bestLen:]
}

// parseInterspersed parses flags anywhere on the command line, so that
// "tnl workflow diagram candidature --format dot" works; "--" ends flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		// fs.Parse stops at the first non-flag, or after "--".
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}
