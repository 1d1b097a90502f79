package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"unicode"
	"unicode/utf8"

	camplc "github.com/adullact/tnl/internal/lifecycle/campagne"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"

	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/workflow"
)

func campaignCreateCommand() *command {
	return &command{
		name:    "campaign create",
		summary: "Crée une campagne (état « en préparation ») ; elle s’ouvre d’elle-même à la date --opens.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("year", 0, "`année` de la campagne (obligatoire)")
			title := fs.String("title", "", "`titre` de la campagne (par défaut : « Label Territoire Numérique Libre ANNÉE »)")
			opens := fs.String("opens", "", "`date` d’ouverture, heure de Paris : 2026-09-01 ou 2026-09-01T09:00 (obligatoire)")
			closes := fs.String("closes", "", "`date` limite, heure de Paris : 2026-10-15 veut dire jusqu’au 15 octobre à 23 h 59 (obligatoire)")
			qfile := fs.String("questionnaire", "", "`fichier` YAML du questionnaire (par défaut : le questionnaire TNL 2026 intégré)")
			scheme := fs.String("scheme", "", "`fichier` JSON du barème : {\"name\": …, \"levels\": [{\"value\": 1, \"label\": \"Badge\"}, …]} (par défaut : niveaux 1 à 5)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 {
					return extraArgs(args)
				}
				if *year == 0 || *opens == "" || *closes == "" {
					return usagef("Les options --year, --opens et --closes sont obligatoires.")
				}
				req := campaign.CreateRequest{Year: *year, Title: *title}
				var err error
				if req.OpensAt, err = fr.ParseInstant(*opens); err != nil {
					return err
				}
				if req.ClosesAt, err = fr.ParseDeadline(*closes); err != nil {
					return err
				}
				if *qfile != "" {
					if req.Questionnaire, err = readInput(*qfile); err != nil {
						return err
					}
					req.QuestionnaireName = *qfile
				}
				if *scheme != "" {
					data, err := readInput(*scheme)
					if err != nil {
						return err
					}
					if err := json.Unmarshal(data, &req.Scheme); err != nil {
						return fmt.Errorf("barème %s : JSON invalide : %w", *scheme, err)
					}
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				c, err := a.Campaigns.Create(ctx, req, policy.Operator(a.operator))
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Campagne %d créée (« %s »), en préparation.\nOuverture : %s — date limite : %s (heure de Paris).\nQuestionnaire %s (empreinte %s), barème « %s ».\n",
					c.Year, c.Title, fr.DateTime(c.OpensAt), fr.Deadline(c.ClosesAt), c.QuestionnaireVersion, shortHash(c.QuestionnaireHash), c.AwardScheme.Name)
				return nil
			}
		},
	}
}

func campaignListCommand() *command {
	return &command{
		name:    "campaign list",
		summary: "Liste les campagnes.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 {
					return extraArgs(args)
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				cs, err := a.Store.Campaigns(ctx)
				if err != nil {
					return err
				}
				if len(cs) == 0 {
					fmt.Fprintln(env.Stdout, "Aucune campagne. Créez-en une avec : tnl campaign create --year … --opens … --closes …")
				}
				for _, c := range cs {
					fmt.Fprintf(env.Stdout, "%d  %-18s  du %s au %s  %s\n", c.Year, camplc.StateLabel(c.State),
						fr.DateTime(c.OpensAt), fr.Deadline(c.ClosesAt), c.Title)
				}
				return nil
			}
		},
	}
}

func campaignShowCommand() *command {
	return &command{
		name:    "campaign show",
		args:    "ANNÉE",
		summary: "Affiche une campagne : état, dates (heure de Paris), candidatures par état, actions possibles.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				return onCampaign(ctx, env, *db, args, func(a *app, c *domain.Campaign) error {
					snap, err := a.Engine.Load(ctx, camplc.Name, c.ID, policy.Operator(a.operator))
					if err != nil {
						return err
					}
					s := snap.Payload.(*camplc.Payload)
					fmt.Fprintf(env.Stdout, "%s (%d)\nÉtat : %s (version %d)\nOuverture : %s\nDate limite : %s (heure de Paris)\nQuestionnaire : %s (%s)\nBarème : %s\n",
						c.Title, c.Year, snap.StateLabel, c.Version, fr.DateTime(c.OpensAt), fr.Deadline(c.ClosesAt),
						c.QuestionnaireVersion, shortHash(c.QuestionnaireHash), c.AwardScheme.Name)
					fmt.Fprintln(env.Stdout, "Candidatures :")
					for _, st := range candlc.States() {
						if n := s.Counts[st.Name]; n > 0 {
							fmt.Fprintf(env.Stdout, "  %-20s %d\n", st.Label, n)
						}
					}
					return printActions(ctx, env, a, snap)
				})
			}
		},
	}
}

// printActions lists the events the operator may fire on a subject, with
// what blocks them.
func printActions(ctx context.Context, env *Env, a *app, snap *workflow.Snapshot) error {
	actions, err := a.Engine.Actions(ctx, snap)
	if err != nil {
		return err
	}
	if len(actions) == 0 {
		fmt.Fprintln(env.Stdout, "Aucune action possible.")
		return nil
	}
	fmt.Fprintln(env.Stdout, "Actions :")
	for _, st := range actions {
		if st.Allowed() {
			fmt.Fprintf(env.Stdout, "  %-22s %s\n", st.Event, st.Label)
			continue
		}
		fmt.Fprintf(env.Stdout, "  %-22s %s — bloquée :\n", st.Event, st.Label)
		for _, b := range st.Blockers {
			fmt.Fprintf(env.Stdout, "      %s\n", b.Message)
		}
	}
	return nil
}

func campaignDatesCommand() *command {
	return &command{
		name:    "campaign dates",
		args:    "ANNÉE",
		summary: "Déplace l’ouverture et la date limite d’une campagne en préparation ou ouverte (par exemple pour prolonger les dépôts).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			opens := fs.String("opens", "", "nouvelle `date` d’ouverture, heure de Paris : 2026-09-01 ou 2026-09-01T09:00 (par défaut : inchangée)")
			closes := fs.String("closes", "", "nouvelle `date` limite, heure de Paris : 2026-10-15 veut dire jusqu’au 15 octobre à 23 h 59 (par défaut : inchangée)")
			return func(ctx context.Context, env *Env, args []string) error {
				if *opens == "" && *closes == "" {
					return usagef("Donnez --opens, --closes ou les deux.")
				}
				return onCampaign(ctx, env, *db, args, func(a *app, c *domain.Campaign) error {
					opensAt, closesAt := c.OpensAt, c.ClosesAt
					var err error
					if *opens != "" {
						if opensAt, err = fr.ParseInstant(*opens); err != nil {
							return err
						}
					}
					if *closes != "" {
						if closesAt, err = fr.ParseDeadline(*closes); err != nil {
							return err
						}
					}
					c, err = a.Campaigns.SetDates(ctx, c.Year, opensAt, closesAt, policy.Operator(a.operator))
					if err != nil {
						return err
					}
					fmt.Fprintf(env.Stdout, "Campagne %d : ouverture %s, date limite %s (heure de Paris).\n",
						c.Year, fr.DateTime(c.OpensAt), fr.Deadline(c.ClosesAt))
					return nil
				})
			}
		},
	}
}

func campaignHistoryCommand() *command {
	return &command{
		name:    "campaign history",
		args:    "ANNÉE",
		summary: "Affiche l’historique d’une campagne.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				return onCampaign(ctx, env, *db, args, func(a *app, c *domain.Campaign) error {
					trail, err := a.Store.AuditTrail(ctx, camplc.Name, c.ID)
					if err != nil {
						return err
					}
					m, err := a.Engine.Lifecycle(camplc.Name)
					if err != nil {
						return err
					}
					printTrail(env, m, trail)
					return nil
				})
			}
		},
	}
}

// campaignEventCommand is "tnl campaign open|close|… YEAR": one event of the
// campaign lifecycle.
func campaignEventCommand(verb, event string) *command {
	label := event
	for _, e := range camplc.Definition(candlc.StateLabel).Events {
		if e.Name == event {
			label = e.Label
		}
	}
	return &command{
		name:    "campaign " + verb,
		args:    "ANNÉE",
		summary: fmt.Sprintf("Déclenche l’événement « %s » de la campagne : %s.", event, lowerFirst(label)),
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			as := fs.String("as", "", "`adresse` électronique d’un compte de l’équipe, ou « system » (par défaut : la personne qui lance la commande, au titre de l’équipe)")
			comment := fs.String("comment", "", "`commentaire` inscrit dans l’historique")
			return func(ctx context.Context, env *Env, args []string) error {
				return onCampaign(ctx, env, *db, args, func(a *app, c *domain.Campaign) error {
					actor, _, err := a.actor(ctx, *as)
					if err != nil {
						return err
					}
					t, err := a.Engine.Fire(ctx, camplc.Name, c.ID, event, actor, workflow.Input{Comment: *comment})
					if err != nil {
						return err
					}
					fmt.Fprintf(env.Stdout, "Campagne %d : %s → %s.\n", c.Year, camplc.StateLabel(t.From), camplc.StateLabel(t.To))
					if t.To == domain.CampagneResultatsPublies {
						counts, _ := a.Store.CountCandidatures(ctx, c.ID)
						fmt.Fprintf(env.Stdout, "%s.\n", fr.Count(counts[domain.Publiee], "candidature publiée", "candidatures publiées"))
					}
					return nil
				})
			}
		},
	}
}

// lowerFirst lower-cases the first letter of an event's label, to put it
// inside a sentence: « Clore les dépôts » → « clore les dépôts ».
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}

func campaignCommands() []*command {
	cmds := []*command{campaignCreateCommand(), campaignListCommand(), campaignShowCommand(), campaignDatesCommand(), campaignHistoryCommand()}
	for _, v := range []struct{ verb, event string }{
		{"open", "ouvrir"}, {"close", "clore"}, {"instruct", "instruire"},
		{"deliberate", "deliberer"}, {"publish", "publier"}, {"archive", "archiver"},
	} {
		cmds = append(cmds, campaignEventCommand(v.verb, v.event))
	}
	return cmds
}
