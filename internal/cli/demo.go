package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/policy"
)

func demoFillCommand() *command {
	return &command{
		name: "demo fill",
		summary: "Outil de banc d’essai et de démonstration : remplir une campagne de N candidatures recevables de vraies collectivités " +
			"(réponses plausibles) et de M jurés dont les liens mettent environ RATE des paires candidature–juré en conflit d’intérêts.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "année de la campagne (obligatoire)")
			n := fs.Int("candidatures", 0, "nombre de candidatures recevables à créer")
			m := fs.Int("jurors", 0, "nombre de jurés à créer et à faire siéger")
			rate := fs.Float64("conflicts", 0, "part des paires candidature–juré en conflit d’intérêts, par exemple 0.02")
			seed := fs.Uint64("seed", 1, "graine du tirage des collectivités, des réponses et des liens")
			force := fs.Bool("force", false, "remplir même une campagne qui contient des candidatures réelles")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected arguments: %v", args)
				}
				return onJury(ctx, env, *db, *year, func(a *app, cp *domain.Campaign) error {
					if err := a.Policy.Decide(policy.JuryManage, policy.Relations(policy.Operator(a.operator), policy.Facts{}), policy.Facts{}); err != nil {
						return err
					}
					res, err := demo.Fill(ctx, a.Store, a.Questionnaires, demo.FillRequest{Campaign: cp, Candidatures: *n, Jurors: *m,
						ConflictRate: *rate, Seed: *seed, Force: *force})
					if err != nil {
						return err
					}
					fmt.Fprintf(env.Stdout, "Campagne %d : %s (%s), %s ; %s en conflit (%s %%) ; %s s.\n", cp.Year,
						fr.Count(res.Candidatures, "candidature recevable créée", "candidatures recevables créées"), fr.Count(res.Answers, "réponse", "réponses"),
						fr.Count(res.Jurors, "juré", "jurés"), fr.Count(res.ConflictPairs, "paire", "paires"), fr.Decimal(100*res.ConflictRate, 2), fr.Decimal(res.Seconds, 1))
					return nil
				})
			}
		},
	}
}
