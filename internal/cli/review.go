package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/adullact/tnl/internal/fr"
)

func candidatureScoreCommand() *command {
	return &command{
		name:    "candidature score",
		args:    "ID|REFERENCE",
		summary: "Print a candidature's score per theme and the level it suggests, with the explanation (jury and staff).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			as := fs.String("as", "", "jury or staff account's email (required)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 || *as == "" {
					return usagef("give the candidature's id or reference, and --as")
				}
				return onCandidature(ctx, env, *db, args[0], func(a *app, id int64) error {
					d, err := a.reviewer(ctx, *as, id)
					if err != nil {
						return err
					}
					res, err := a.Candidatures.Score(ctx, d)
					if err != nil {
						return err
					}
					for _, th := range res.Themes {
						fmt.Fprintf(env.Stdout, "%-34s %6.2f / %6.2f points  → %6.2f / %g\n", th.Label, th.Points, th.Max, th.Weighted, th.Weight)
					}
					fmt.Fprintf(env.Stdout, "Total : %.2f / %g — niveau suggéré : %d\n%s\n", res.Total, res.Max, res.Level, strings.TrimSpace(res.Explanation))
					return nil
				})
			}
		},
	}
}

func candidatureDiffCommand() *command {
	return &command{
		name:    "candidature diff",
		args:    "ID|REFERENCE",
		summary: "List the answers that changed since the collectivité's previous candidature (jury and staff).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			as := fs.String("as", "", "jury or staff account's email (required)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 || *as == "" {
					return usagef("give the candidature's id or reference, and --as")
				}
				return onCandidature(ctx, env, *db, args[0], func(a *app, id int64) error {
					d, err := a.reviewer(ctx, *as, id)
					if err != nil {
						return err
					}
					changes, year, err := a.Candidatures.Diff(ctx, d)
					if err != nil {
						return err
					}
					if year == 0 {
						fmt.Fprintln(env.Stdout, "Première candidature de cette collectivité : rien à comparer.")
						return nil
					}
					fmt.Fprintf(env.Stdout, "%s depuis la candidature %d :\n", fr.Count(len(changes), "changement", "changements"), year)
					for _, c := range changes {
						fmt.Fprintf(env.Stdout, "- %s (%s)\n    avant : %s\n    après : %s\n", c.Label, c.Kind, c.Before, c.After)
					}
					return nil
				})
			}
		},
	}
}
