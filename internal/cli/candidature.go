package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

func candidatureCreateCommand() *command {
	return &command{
		name:    "candidature create",
		summary: "Create a candidature for a collectivité, with an élu référent's account.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "campaign year (required)")
			coll := fs.String("collectivite", "", "collectivité: a commune's code INSEE, an EPCI's SIREN, or KIND:CODE such as departement:01 (required)")
			elu := fs.String("elu", "", "élu référent's account email (required)")
			prefill := fs.Bool("prefill", false, "copy last year's answers that still fit")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 || *year == 0 || *coll == "" || *elu == "" {
					return usagef("--campaign, --collectivite and --elu are required")
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				cp, err := a.campaignByYear(ctx, strconv.Itoa(*year))
				if err != nil {
					return err
				}
				target, err := a.collectivite(ctx, *coll)
				if err != nil {
					return err
				}
				_, u, err := a.actor(ctx, *elu)
				if err != nil {
					return err
				}
				c, err := a.cands.Create(ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: target.ID, Prefill: *prefill, ByStaff: true}, u)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Candidature n° %d créée pour %s (%s), référence %s, élu référent %s.\n",
					c.ID, target.Name, target.Kind.Label(), c.Reference, u.Email)
				return nil
			}
		},
	}
}

// collectivite reads "01001", "200042935" or "departement:01".
func (a *app) collectivite(ctx context.Context, arg string) (*domain.Collectivite, error) {
	if kind, code, ok := strings.Cut(arg, ":"); ok {
		return a.store.CollectiviteByCode(ctx, domain.CollectiviteKind(kind), code)
	}
	kind := domain.KindCommune
	if len(arg) == 9 {
		kind = domain.KindEPCI
	}
	return a.store.CollectiviteByCode(ctx, kind, arg)
}

func candidatureShowCommand() *command {
	return &command{
		name:    "candidature show",
		args:    "ID|REFERENCE",
		summary: "Show a candidature: state, members, answers count and the actions possible for --as.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			as := fs.String("as", "", "show the actions of this account (default: the operator, as staff)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 {
					return usagef("give the candidature's id or reference")
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				id, err := a.candidatureID(ctx, args[0])
				if err != nil {
					return err
				}
				actor, _, err := a.actor(ctx, *as)
				if err != nil {
					return err
				}
				s, err := a.engine.Load(ctx, "candidature", id, &actor)
				if err != nil {
					return err
				}
				c := s.Candidature
				def := workflow.Candidature()
				fmt.Fprintf(env.Stdout, "Candidature n° %d — %s\n%s (%s, code %s), campagne %d\nÉtat : %s (version %d)\n",
					c.ID, c.Reference, s.Collectivite.Name, s.Collectivite.Kind.Label(), s.Collectivite.Code, s.Campaign.Year,
					def.StateLabel(c.State), c.Version)
				if c.SubmittedAt != nil {
					fmt.Fprintf(env.Stdout, "Déposée le %s par %s (%s)\n", fr.DateTime(*c.SubmittedAt), c.EluName, c.EluMandate)
				}
				if c.Level != nil {
					fmt.Fprintf(env.Stdout, "Niveau : %s\nMotivation : %s\n", s.Campaign.AwardScheme.LevelLabel(c.Level), c.Motivation)
				}
				if c.Reason != "" {
					fmt.Fprintf(env.Stdout, "Motif : %s\n", c.Reason)
				}
				for _, m := range s.Members {
					fmt.Fprintf(env.Stdout, "  %-15s %s %s\n", m.Role, m.Email, m.Name)
				}
				problems := s.Questionnaire.Validate(s.Answers, questionnaire.Submission)
				fmt.Fprintf(env.Stdout, "Réponses : %d, %d point(s) à compléter avant dépôt\n", len(s.Answers), len(problems))
				printStatuses(env, a.engine.Statuses(s, &actor))
				return nil
			}
		},
	}
}

func candidatureHistoryCommand() *command {
	return &command{
		name:    "candidature history",
		args:    "ID|REFERENCE",
		summary: "Print a candidature's audit trail, oldest first.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 {
					return usagef("give the candidature's id or reference")
				}
				return onCandidature(ctx, env, *db, args[0], func(a *app, id int64) error {
					trail, err := a.store.AuditTrail(ctx, "candidature", id)
					if err != nil {
						return err
					}
					printTrail(env, workflow.Candidature(), trail)
					return nil
				})
			}
		},
	}
}

func candidatureFireCommand() *command {
	return &command{
		name:    "candidature fire",
		args:    "ID|REFERENCE EVENT",
		summary: "Fire an event of the candidature lifecycle (deposer, corriger, declarer_recevable, …) as an account.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			as := fs.String("as", "", "email of the account firing the event, or \"system\" (default: the operator, as staff)")
			var in workflow.Input
			fs.StringVar(&in.Comment, "comment", "", "comment: motif, question to the collectivité, answer to the jury…")
			fs.BoolVar(&in.Attest, "attest", false, "deposer: the élu attests the answers on their honour")
			fs.StringVar(&in.EluName, "elu-name", "", "deposer: élu référent's name")
			fs.StringVar(&in.EluMandate, "mandate", "", "deposer: élu référent's mandate (maire, adjoint au numérique…)")
			level := fs.String("level", "", "deliberer: level awarded (0 for none)")
			fs.StringVar(&in.Motivation, "motivation", "", "deliberer: the jury's public motivation")
			var mentions stringList
			fs.Var(&mentions, "mention", "deliberer: a special mention (repeatable)")
			fs.IntVar(&in.ExpectedVersion, "expect-version", 0, "refuse if the candidature is no longer at this version")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 2 {
					return usagef("give the candidature's id or reference and the event")
				}
				if *level != "" {
					n, err := strconv.Atoi(*level)
					if err != nil {
						return usagef("--level must be a number")
					}
					in.Level = &n
				}
				in.Mentions = mentions
				return onCandidature(ctx, env, *db, args[0], func(a *app, id int64) error {
					actor, _, err := a.actor(ctx, *as)
					if err != nil {
						return err
					}
					t, err := a.engine.Fire(ctx, "candidature", id, args[1], actor, in)
					if err != nil {
						return err
					}
					def := workflow.Candidature()
					fmt.Fprintf(env.Stdout, "Candidature n° %d : %s → %s (version %d).\n", id, def.StateLabel(t.From), def.StateLabel(t.To), t.Version)
					return nil
				})
			}
		},
	}
}

func candidatureAnswerCommand() *command {
	return &command{
		name:    "candidature answer",
		args:    "ID|REFERENCE [KEY JSON]",
		summary: "Save answers as an account: one KEY and its JSON value, or a JSON object of answers with --file.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			as := fs.String("as", "", "email of the élu or co-editor saving (required)")
			file := fs.String("file", "", "JSON file {\"question.key\": value, …}")
			return func(ctx context.Context, env *Env, args []string) error {
				if *as == "" || !(len(args) == 3 && *file == "" || len(args) == 1 && *file != "") {
					return usagef("give --as and either KEY JSON or --file")
				}
				answers := map[string]json.RawMessage{}
				if *file != "" {
					data, err := readInput(*file)
					if err != nil {
						return err
					}
					if err := json.Unmarshal(data, &answers); err != nil {
						return fmt.Errorf("%s : JSON invalide : %w", *file, err)
					}
				} else {
					if !json.Valid([]byte(args[2])) {
						return usagef("the value must be JSON, e.g. true, 42, '\"texte\"' or '[\"a\",\"b\"]'")
					}
					answers[args[1]] = json.RawMessage(args[2])
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				id, err := a.candidatureID(ctx, args[0])
				if err != nil {
					return err
				}
				_, u, err := a.actor(ctx, *as)
				if err != nil || u == nil {
					return domain.Errorf(domain.EInvalid, "--as doit désigner un compte.")
				}
				d, err := a.cands.Open(ctx, id, u)
				if err != nil {
					return err
				}
				current, err := a.cands.Answers(ctx, id)
				if err != nil {
					return err
				}
				keys := make([]string, 0, len(answers))
				for k := range answers {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				// Every answer is checked before any is saved: a typing
				// mistake in the file saves nothing.
				for _, k := range keys {
					q := d.Q.Question(k)
					switch {
					case q == nil:
						return domain.Errorf(domain.EInvalid, "%s : question inconnue dans le questionnaire de la campagne ; rien n’a été enregistré.", k)
					case q.Type == questionnaire.TypeFile:
						return domain.Errorf(domain.EInvalid, "%s : les pièces se joignent avec l’interface web ou l’API, pas en réponse ; rien n’a été enregistré.", k)
					}
					switch string(answers[k]) {
					case "null", `""`, "[]":
						continue // clearing an answer
					}
					if _, problems := d.Q.ValidateAnswer(k, answers[k]); len(problems) > 0 {
						return domain.Errorf(domain.EInvalid, "%s : %s ; rien n’a été enregistré.", k, problems[0].Message)
					}
				}
				for i, k := range keys {
					_, err := a.cands.Save(ctx, d, candidature.SaveRequest{CandidatureID: id, Key: k, Value: answers[k], ExpectedVersion: current[k].Version}, u)
					if err != nil {
						// Each answer is saved on its own: say which ones are.
						return fmt.Errorf("%s : %w (%d réponse(s) enregistrée(s) avant celle-ci, dans l’ordre alphabétique des clés)", k, err, i)
					}
				}
				fmt.Fprintf(env.Stdout, "%d réponse(s) enregistrée(s).\n", len(keys))
				return nil
			}
		},
	}
}

func candidatureCommands() []*command {
	return []*command{candidatureCreateCommand(), candidatureShowCommand(), candidatureAnswerCommand(),
		candidatureFireCommand(), candidatureHistoryCommand(), candidatureScoreCommand(), candidatureDiffCommand()}
}
