package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/deliberation"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/workflow"
)

func deliberationCommands() []*command {
	return []*command{deliberationShowCommand(), deliberationDecideCommand(), campaignScheduleCommand()}
}

func deliberationShowCommand() *command {
	return &command{
		name:    "deliberation show",
		summary: "Afficher la délibération d’une campagne : agrégats du jury, niveau suggéré, résultat précédent, tendance et décision de chaque candidature évaluée.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "`année` de la campagne (obligatoire)")
			state := fs.String("etat", "", "« a_decider » ou « decidees » (par défaut : toutes)")
			asJSON := fs.Bool("json", false, "écrire les lignes en JSON")
			return func(ctx context.Context, env *Env, args []string) error {
				return onJury(ctx, env, *db, *year, func(a *app, cp *domain.Campaign) error {
					who := policy.Operator(a.operator)
					t, err := a.Deliberation.Table(ctx, cp, policy.Relations(who, policy.Facts{}), policy.Facts{}, who, deliberation.Filter{State: *state})
					if err != nil {
						return err
					}
					if *asJSON {
						enc := json.NewEncoder(env.Stdout)
						enc.SetIndent("", "  ")
						return enc.Encode(t.Rows)
					}
					for _, r := range t.Rows {
						decision := "à décider"
						if r.Decided() {
							decision = r.DecisionLabel
						}
						prev := "—"
						if r.Previous != nil {
							prev = fmt.Sprintf("%s (%d)", r.Previous.LevelLabel, r.Previous.Year)
						}
						fmt.Fprintf(env.Stdout, "%-26s %-32s suggéré : %-22s précédent : %-28s %-11s décision : %s\n",
							r.Reference, r.CollectiviteName, r.SuggestedLabel, prev, r.Trend, decision)
					}
					_, err = fmt.Fprintf(env.Stdout, "%s sur %s.\n", fr.Count(t.Decided, "décision enregistrée", "décisions enregistrées"),
						fr.Count(t.Total, "candidature évaluée", "candidatures évaluées"))
					return err
				})
			}
		},
	}
}

func deliberationDecideCommand() *command {
	return &command{
		name:    "deliberation decide",
		args:    "RÉFÉRENCE…",
		summary: "Enregistrer une même décision pour plusieurs candidatures évaluées, toutes ou aucune.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "`année` de la campagne (obligatoire)")
			level := fs.String("level", "", "`niveau` attribué, 0 pour « Pas de label » (obligatoire)")
			motivation := fs.String("motivation", "", "`motivation` publique, envoyée à chaque collectivité (obligatoire)")
			note := fs.String("note", "", "`note` privée du jury, jamais publiée")
			var mentions stringList
			fs.Var(&mentions, "mention", "une `mention` spéciale de la campagne (répétable)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) == 0 {
					return usagef("Donnez les références (ou numéros) des candidatures.")
				}
				return onJury(ctx, env, *db, *year, func(a *app, cp *domain.Campaign) error {
					var ids []int64
					for _, arg := range args {
						id, err := a.candidatureID(ctx, arg)
						if err != nil {
							return err
						}
						ids = append(ids, id)
					}
					v := url.Values{candlc.FieldLevel: {*level}, candlc.FieldMotivation: {*motivation}, candlc.FieldMentions: mentions}
					if *note != "" {
						v.Set(candlc.FieldNote, *note)
					}
					who := policy.Operator(a.operator)
					n, err := a.Deliberation.DecideMany(ctx, cp, ids, workflow.Input{Values: v}, policy.Relations(who, policy.Facts{}), policy.Facts{}, who)
					if err != nil {
						return err
					}
					_, err = fmt.Fprintf(env.Stdout, "%s.\n", fr.Count(n, "décision enregistrée", "décisions enregistrées"))
					return err
				})
			}
		},
	}
}

func campaignScheduleCommand() *command {
	return &command{
		name:    "campaign schedule",
		args:    "ANNÉE",
		summary: "Programmer la publication du palmarès à l’heure de la cérémonie (heure de Paris), ou l’annuler.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			at := fs.String("at", "", "`instant` de la publication, « AAAA-MM-JJ HH:MM », heure de Paris")
			cancel := fs.Bool("cancel", false, "annuler la publication programmée")
			return func(ctx context.Context, env *Env, args []string) error {
				if (*at == "") == !*cancel {
					return usagef("Donnez --at « AAAA-MM-JJ HH:MM » ou --cancel.")
				}
				return onCampaign(ctx, env, *db, args, func(a *app, c *domain.Campaign) error {
					var when *time.Time
					if *at != "" {
						t, err := fr.ParseInstant(strings.Replace(strings.TrimSpace(*at), " ", "T", 1))
						if err != nil {
							return usagef("--at : « AAAA-MM-JJ HH:MM » (heure de Paris), pas « %s ».", *at)
						}
						when = &t
					}
					cp, err := a.Campaigns.SchedulePublication(ctx, c.Year, when, policy.Operator(a.operator))
					if err != nil {
						return err
					}
					if cp.PublishAt == nil {
						_, err = fmt.Fprintf(env.Stdout, "Campagne %d : publication programmée annulée.\n", cp.Year)
						return err
					}
					_, err = fmt.Fprintf(env.Stdout, "Campagne %d : le palmarès sera publié le %s (heure de Paris), si toutes les candidatures ont leur décision.\n",
						cp.Year, fr.DateTime(*cp.PublishAt))
					return err
				})
			}
		},
	}
}
