package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/jury"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// juryCommands are the jury's commands (issue 12).
func juryCommands() []*command {
	return []*command{
		juryAddCommand(), juryListCommand(), juryRemoveCommand(), juryLinksCommand(), juryPrefsCommand(), jurySettingsCommand(),
		juryConflictsCommand(), juryConflictCommand("add"), juryConflictCommand("remove"),
		juryAssignCommand(), juryAssignmentCommand("add"), juryAssignmentCommand("remove"),
		juryEvaluationsCommand(), juryAggregateCommand(), juryRankingCommand(), jurySheetCommand(), juryGridCommand(),
	}
}

// onJury opens the application and resolves --campaign.
func onJury(ctx context.Context, env *Env, dbURL string, year int, fn func(a *app, cp *domain.Campaign) error) error {
	if year == 0 {
		return usagef("Donnez l’année de la campagne (--campaign ANNÉE).")
	}
	a, err := openApp(ctx, env, dbURL)
	if err != nil {
		return err
	}
	defer a.Close()
	cp, err := a.campaignByYear(ctx, fmt.Sprint(year))
	if err != nil {
		return err
	}
	return fn(a, cp)
}

// juror resolves a jury member's email in a campaign.
func (a *app) juror(ctx context.Context, cp *domain.Campaign, email string) (*domain.User, error) {
	u, err := a.Store.UserByEmail(ctx, email)
	if err != nil {
		return nil, domain.Errorf(domain.ENotFound, "Aucun compte pour l’adresse %s.", email)
	}
	if _, err := a.Store.JuryMember(ctx, cp.ID, u.ID); err != nil {
		return nil, domain.Errorf(domain.ENotFound, "%s ne fait pas partie du jury de la campagne %d.", email, cp.Year)
	}
	return u, nil
}

func printJSON(env *Env, v any) error {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func juryAddCommand() *command {
	return &command{
		name:    "jury add",
		summary: "Invite une personne au jury d’une campagne (courriel d’invitation ; elle accepte la charte avant de voir une candidature).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "`année` de la campagne (obligatoire)")
			email := fs.String("email", "", "`adresse` électronique de la personne (obligatoire) ; elle crée un compte si elle n’en a pas")
			president := fs.Bool("president", false, "présidence du jury (une par campagne)")
			var colls stringList
			fs.Var(&colls, "collectivite", "collectivité dont la personne est élue ou agente (répétable) : code INSEE d’une commune, SIREN d’un EPCI, departement:01, region:84")
			organisation := fs.String("organisation", "", "`organisme` de la personne")
			signed := fs.Bool("charte-signee", false, "siéger tout de suite un compte existant, la charte signée sur papier, sans invitation")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 || *email == "" {
					return usagef("Les options --campaign et --email sont obligatoires.")
				}
				return onJury(ctx, env, *db, *year, func(a *app, cp *domain.Campaign) error {
					req := jury.SeatRequest{CampaignID: cp.ID, Email: *email, President: *president, Collectivites: colls, Organisation: *organisation}
					who := policy.Operator(a.operator)
					what := "membre du jury"
					if *president {
						what = "président ou présidente du jury"
					}
					if *signed {
						m, err := a.Jury.Seat(ctx, req, who)
						if err != nil {
							return err
						}
						fmt.Fprintf(env.Stdout, "%s est %s de la campagne %d (charte signée).\n", m.Email, what, cp.Year)
						return nil
					}
					inv, err := a.Jury.Invite(ctx, req, who)
					if err != nil {
						return err
					}
					fmt.Fprintf(env.Stdout, "Invitation envoyée à %s (%s de la campagne %d), valable jusqu’au %s.\n", inv.Email, what, cp.Year, fr.Date(inv.ExpiresAt))
					return nil
				})
			}
		},
	}
}

func juryListCommand() *command {
	return &command{
		name:    "jury list",
		summary: "Lister le jury d’une campagne : sièges, charte, liens déclarés, charges, invitations en attente.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "année de la campagne (obligatoire)")
			asJSON := fs.Bool("json", false, "écrire un objet JSON")
			return func(ctx context.Context, env *Env, args []string) error {
				return onJury(ctx, env, *db, *year, func(a *app, cp *domain.Campaign) error {
					members, pending, err := a.Jury.Members(ctx, cp.ID, policy.Operator(a.operator))
					if err != nil {
						return err
					}
					if *asJSON {
						return printJSON(env, membersJSON(members, pending))
					}
					for _, m := range members {
						charter := "charte acceptée"
						if m.CharterAcceptedAt == nil {
							charter = "charte à accepter"
						}
						var links []string
						for _, l := range m.Links {
							links = append(links, l.Name+" ("+l.Code+")")
						}
						fmt.Fprintf(env.Stdout, "%-30s %-20s %s, %s, %s\n", m.Email, jury.SeatLabel(m.Seat), charter,
							fr.Count(m.Assigned, "affectation", "affectations"), fr.Count(m.Submitted, "remise", "remises"))
						if len(links) > 0 || m.Organisation != "" {
							fmt.Fprintf(env.Stdout, "    %s%s\n", orDash(m.Organisation), prefixed(" ; liens : ", strings.Join(links, ", ")))
						}
					}
					for _, p := range pending {
						fmt.Fprintf(env.Stdout, "%-30s invitation en attente jusqu’au %s\n", p.Email, fr.Date(p.ExpiresAt))
					}
					fmt.Fprintf(env.Stdout, "%s, %s.\n", fr.Count(len(members), "membre", "membres"), fr.Count(len(pending), "invitation en attente", "invitations en attente"))
					return nil
				})
			}
		},
	}
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

func membersJSON(members []jury.MemberView, pending []store.JuryInvitation) map[string]any {
	ms := make([]map[string]any, len(members))
	for i, m := range members {
		links := make([]map[string]any, len(m.Links))
		for j, l := range m.Links {
			links[j] = map[string]any{"kind": l.Kind, "code": l.Code, "name": l.Name}
		}
		ms[i] = map[string]any{"email": m.Email, "name": m.Name, "seat": m.Seat, "organisation": m.Organisation,
			"charter_accepted": m.CharterAcceptedAt != nil, "links": links, "assigned": m.Assigned, "submitted": m.Submitted,
			"max_load": m.MaxLoad, "preferences": m.Preferences}
	}
	ps := make([]map[string]any, len(pending))
	for i, p := range pending {
		ps[i] = map[string]any{"email": p.Email, "seat": p.Seat, "expires_at": p.ExpiresAt}
	}
	return map[string]any{"members": ms, "invitations": ps}
}

func juryRemoveCommand() *command {
	return &command{
		name:    "jury remove",
		summary: "Retirer une personne du jury d’une campagne ; ses évaluations non remises sont retirées avec ses affectations.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "année de la campagne (obligatoire)")
			email := fs.String("email", "", "adresse du juré (obligatoire)")
			return func(ctx context.Context, env *Env, args []string) error {
				return onJury(ctx, env, *db, *year, func(a *app, cp *domain.Campaign) error {
					u, err := a.juror(ctx, cp, *email)
					if err != nil {
						return err
					}
					n, err := a.Jury.RemoveMember(ctx, cp.ID, u.ID, policy.Operator(a.operator))
					if err != nil {
						return err
					}
					fmt.Fprintf(env.Stdout, "%s ne fait plus partie du jury de la campagne %d (%s). Relancez « tnl jury assign ».\n",
						u.Email, cp.Year, fr.Count(n, "affectation retirée", "affectations retirées"))
					return nil
				})
			}
		},
	}
}

func juryLinksCommand() *command {
	return &command{
		name:    "jury links",
		summary: "Remplacer les liens déclarés d’un juré (collectivités dont il est élu ou agent), d’où se déduisent ses conflits d’intérêts.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "année de la campagne (obligatoire)")
			email := fs.String("email", "", "adresse du juré (obligatoire)")
			var colls stringList
			fs.Var(&colls, "collectivite", "collectivité liée (répétable ; aucune : retire tous les liens)")
			organisation := fs.String("organisation", "", "organisation du juré")
			return func(ctx context.Context, env *Env, args []string) error {
				return onJury(ctx, env, *db, *year, func(a *app, cp *domain.Campaign) error {
					u, err := a.juror(ctx, cp, *email)
					if err != nil {
						return err
					}
					var org *string
					if flagSet(fs, "organisation") {
						org = organisation
					}
					if err := a.Jury.SetLinks(ctx, cp.ID, u.ID, colls, org, policy.Operator(a.operator)); err != nil {
						return err
					}
					fmt.Fprintf(env.Stdout, "%s : %s.\n", u.Email, fr.Count(len(colls), "lien déclaré", "liens déclarés"))
					return nil
				})
			}
		},
	}
}

func juryPrefsCommand() *command {
	return &command{
		name:    "jury prefs",
		summary: "Fixer les préférences d’affectation d’un juré (régions, types de collectivité, thèmes voulus ou évités) et sa charge maximale.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "année de la campagne (obligatoire)")
			email := fs.String("email", "", "adresse du juré (obligatoire)")
			var p [6]stringList
			names := []string{"want-region", "avoid-region", "want-kind", "avoid-kind", "want-theme", "avoid-theme"}
			help := []string{"région voulue (code INSEE, répétable)", "région évitée (répétable)", "type de collectivité voulu : commune, epci, departement, region, autre (répétable)",
				"type de collectivité évité (répétable)", "thème du barème voulu (clé, répétable)", "thème du barème évité (répétable)"}
			for i := range names {
				fs.Var(&p[i], names[i], help[i])
			}
			maxLoad := fs.Int("max", 0, "charge maximale en candidatures (0 : sans maximum)")
			return func(ctx context.Context, env *Env, args []string) error {
				return onJury(ctx, env, *db, *year, func(a *app, cp *domain.Campaign) error {
					u, err := a.juror(ctx, cp, *email)
					if err != nil {
						return err
					}
					prefs := domain.Preferences{WantRegions: p[0], AvoidRegions: p[1], WantKinds: p[2], AvoidKinds: p[3], WantThemes: p[4], AvoidThemes: p[5]}
					if err := a.Jury.SetPreferences(ctx, cp.ID, u.ID, prefs, *maxLoad, policy.Operator(a.operator)); err != nil {
						return err
					}
					fmt.Fprintf(env.Stdout, "Préférences de %s enregistrées.\n", u.Email)
					return nil
				})
			}
		},
	}
}

func jurySettingsCommand() *command {
	return &command{
		name:    "jury settings",
		summary: "Afficher ou changer les réglages du jury d’une campagne : évaluations par candidature, visibilité des évaluations, date limite du jury.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "année de la campagne (obligatoire)")
			k := fs.Int("per-candidature", 0, "évaluations par candidature (1 à 20)")
			vis := fs.String("visibility", "", "évaluations des autres jurés visibles : jamais, apres (après avoir remis la sienne) ou toujours")
			deadline := fs.String("deadline", "", "date limite du jury, AAAA-MM-JJ (fin de journée, heure de Paris) ; « aucune » la retire")
			delib := fs.String("deliberation-jures", "", "les membres du jury lisent la table de délibération : oui ou non")
			return func(ctx context.Context, env *Env, args []string) error {
				return onJury(ctx, env, *db, *year, func(a *app, cp *domain.Campaign) error {
					js, err := a.Jury.Settings(ctx, cp.ID)
					if err != nil {
						return err
					}
					changed := false
					if *k != 0 {
						js.PerCandidature, changed = *k, true
					}
					if *vis != "" {
						js.Visibility, changed = *vis, true
					}
					switch *delib {
					case "":
					case "oui", "non":
						js.DeliberationJurors, changed = *delib == "oui", true
					default:
						return usagef("--deliberation-jures : « oui » ou « non »")
					}
					switch *deadline {
					case "":
					case "aucune":
						js.Deadline, changed = nil, true
					default:
						d, err := fr.ParseDeadline(*deadline)
						if err != nil {
							return usagef("--deadline : %v", err)
						}
						js.Deadline, changed = &d, true
					}
					if changed {
						if err := a.Jury.PutSettings(ctx, js, policy.Operator(a.operator)); err != nil {
							return err
						}
					}
					reads := "non"
					if js.DeliberationJurors {
						reads = "oui"
					}
					fmt.Fprintf(env.Stdout, "Campagne %d : %s par candidature ; évaluations des autres jurés visibles : %s ; date limite du jury : %s ; délibération lue par les membres du jury : %s.\n",
						cp.Year, fr.Count(js.PerCandidature, "évaluation", "évaluations"), domain.VisibilityLabel(js.Visibility), deadlineText(js.Deadline), reads)
					return nil
				})
			}
		},
	}
}

func deadlineText(d *time.Time) string {
	if d == nil {
		return "aucune"
	}
	return fr.Deadline(*d) + " (heure de Paris)"
}
