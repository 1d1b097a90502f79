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
		args:    "NUMÉRO|RÉFÉRENCE",
		summary: "Affiche les points d’une candidature par thème et le niveau qu’ils suggèrent, avec l’explication (jury et équipe).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			as := fs.String("as", "", "`adresse` électronique d’un compte du jury ou de l’équipe (obligatoire)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 || *as == "" {
					return usagef("Donnez le numéro ou la référence de la candidature, et --as.")
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
		args:    "NUMÉRO|RÉFÉRENCE",
		summary: "Liste les réponses qui ont changé depuis la candidature précédente de la collectivité (jury et équipe).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			as := fs.String("as", "", "`adresse` électronique d’un compte du jury ou de l’équipe (obligatoire)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 || *as == "" {
					return usagef("Donnez le numéro ou la référence de la candidature, et --as.")
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
