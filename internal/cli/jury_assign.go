package cli

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/jury"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

func juryConflictsCommand() *command {
	return &command{
		name:    "jury conflicts",
		summary: "Lister les conflits d’intérêts d’une campagne (déclarés, fixés par l’équipe, déduits des liens ou de la participation à une candidature).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "année de la campagne (obligatoire)")
			email := fs.String("email", "", "ceux d’un juré")
			ref := fs.String("candidature", "", "ceux d’une candidature (numéro ou référence)")
			asJSON := fs.Bool("json", false, "écrire un objet JSON")
			return func(ctx context.Context, env *Env, args []string) error {
				return onJury(ctx, env, *db, *year, func(a *app, cp *domain.Campaign) error {
					f := store.ConflictFilter{CampaignID: cp.ID}
					if *email != "" {
						u, err := a.juror(ctx, cp, *email)
						if err != nil {
							return err
						}
						f.UserID = u.ID
					}
					if *ref != "" {
						id, err := a.candidatureID(ctx, *ref)
						if err != nil {
							return err
						}
						f.CandidatureID = id
					}
					list, err := a.Jury.Conflicts(ctx, f, policy.Operator(a.operator))
					if err != nil {
						return err
					}
					if *asJSON {
						out := make([]map[string]any, len(list))
						for i, c := range list {
							out[i] = map[string]any{"reference": c.Reference, "collectivite": c.CollectiviteName, "email": c.Email, "source": c.Source, "reason": c.Reason}
						}
						return printJSON(env, map[string]any{"conflicts": out})
					}
					for _, c := range list {
						fmt.Fprintf(env.Stdout, "%-28s %-30s %-28s %s\n", c.Reference, c.CollectiviteName, c.Email, domain.ConflictSourceLabel(c.Source)+prefixed(" : ", c.Reason))
					}
					fmt.Fprintf(env.Stdout, "%s.\n", fr.Count(len(list), "conflit", "conflits"))
					return nil
				})
			}
		},
	}
}

func juryConflictCommand(verb string) *command {
	summary := "Fixer un conflit d’intérêts entre un juré et une candidature (son affectation et son évaluation sont retirées)."
	if verb == "remove" {
		summary = "Retirer un conflit d’intérêts déclaré ou fixé par l’équipe."
	}
	return &command{
		name:    "jury conflict " + verb,
		summary: summary,
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			ref := fs.String("candidature", "", "candidature, numéro ou référence (obligatoire)")
			email := fs.String("email", "", "adresse du juré (obligatoire)")
			reason := fs.String("reason", "", "raison, lue par l’équipe")
			return func(ctx context.Context, env *Env, args []string) error {
				return onCandidatureJuror(ctx, env, *db, *ref, *email, func(a *app, id int64, c *domain.Candidature, u *domain.User) error {
					who := policy.Operator(a.operator)
					if verb == "remove" {
						if err := a.Jury.RemoveConflict(ctx, id, u.ID, who); err != nil {
							return err
						}
						fmt.Fprintf(env.Stdout, "Conflit retiré entre %s et %s.\n", u.Email, c.Reference)
						return nil
					}
					if err := a.Jury.SetConflict(ctx, id, u.ID, *reason, who); err != nil {
						return err
					}
					fmt.Fprintf(env.Stdout, "Conflit d’intérêts enregistré entre %s et %s.\n", u.Email, c.Reference)
					return nil
				})
			}
		},
	}
}

func juryAssignCommand() *command {
	return &command{
		name:    "jury assign",
		summary: "Affecter les jurés aux candidatures recevables : k évaluations chacune, charges équilibrées, jamais de conflit, préférences et affectations précédentes gardées (solution exacte, enregistrée).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "année de la campagne (obligatoire)")
			k := fs.Int("per-candidature", 0, "évaluations par candidature (par défaut : le réglage de la campagne, 3)")
			seed := fs.Uint64("seed", 0, "graine qui départage les affectations de même coût (0 : tirée au hasard et enregistrée)")
			asJSON := fs.Bool("json", false, "écrire le résultat en JSON (champs décrits dans docs/api.md)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected arguments: %v", args)
				}
				return onJury(ctx, env, *db, *year, func(a *app, cp *domain.Campaign) error {
					s := *seed
					if s == 0 {
						s = rand.Uint64N(1<<53-1) + 1
					}
					run, err := a.Jury.Assign(ctx, jury.AssignRequest{CampaignID: cp.ID, PerCandidature: *k, Seed: s}, policy.Operator(a.operator))
					if err != nil {
						return err
					}
					if *asJSON {
						return printJSON(env, jury.RunJSON(run))
					}
					fmt.Fprintln(env.Stdout, run.Summary())
					for _, u := range run.Unfilled {
						fmt.Fprintf(env.Stdout, "  %s : %d sur %d (%s, %s)\n", u.Reference, u.Assigned, run.PerCandidature, u.Reason,
							fr.Count(u.Eligible, "juré éligible", "jurés éligibles"))
					}
					fmt.Fprintf(env.Stdout, "Calcul en %s s (vérifié optimal), %s s au total.\n", fr.Decimal(run.SolveSeconds, 3), fr.Decimal(run.Seconds, 3))
					return nil
				})
			}
		},
	}
}

func juryAssignmentCommand(verb string) *command {
	summary := "Affecter un juré à une candidature à la main (enregistré dans l’historique de l’évaluation)."
	if verb == "remove" {
		summary = "Retirer l’affectation d’un juré à une candidature (son évaluation, si elle n’est pas remise)."
	}
	return &command{
		name:    "jury assignment " + verb,
		summary: summary,
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			ref := fs.String("candidature", "", "candidature, numéro ou référence (obligatoire)")
			email := fs.String("email", "", "adresse du juré (obligatoire)")
			reason := fs.String("reason", "", "raison, dans l’historique")
			return func(ctx context.Context, env *Env, args []string) error {
				return onCandidatureJuror(ctx, env, *db, *ref, *email, func(a *app, id int64, c *domain.Candidature, u *domain.User) error {
					who := policy.Operator(a.operator)
					if verb == "remove" {
						if err := a.Jury.RemoveAssignment(ctx, id, u.ID, *reason, who); err != nil {
							return err
						}
						fmt.Fprintf(env.Stdout, "%s n’évalue plus %s.\n", u.Email, c.Reference)
						return nil
					}
					e, err := a.Jury.AddAssignment(ctx, id, u.ID, *reason, who)
					if err != nil {
						return err
					}
					fmt.Fprintf(env.Stdout, "%s évalue %s (évaluation n° %d).\n", u.Email, c.Reference, e.ID)
					return nil
				})
			}
		},
	}
}

// onCandidatureJuror runs fn on a candidature (number or reference) and a
// member of its campaign's jury (address).
func onCandidatureJuror(ctx context.Context, env *Env, db, ref, email string, fn func(a *app, id int64, c *domain.Candidature, u *domain.User) error) error {
	if ref == "" || email == "" {
		return usagef("Donnez la candidature (--candidature) et l’adresse du juré (--email).")
	}
	return onCandidature(ctx, env, db, ref, func(a *app, id int64) error {
		c, err := a.Store.Candidature(ctx, id)
		if err != nil {
			return err
		}
		cp, err := a.Store.Campaign(ctx, c.CampaignID)
		if err != nil {
			return err
		}
		u, err := a.juror(ctx, cp, email)
		if err != nil {
			return err
		}
		return fn(a, id, c, u)
	})
}
