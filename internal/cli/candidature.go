package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

func candidatureCreateCommand() *command {
	return &command{
		name:    "candidature create",
		summary: "Crée une candidature pour une collectivité, avec le compte de son élu référent.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "`année` de la campagne (obligatoire)")
			coll := fs.String("collectivite", "", "`code` de la collectivité : code INSEE d’une commune, SIREN d’un EPCI, ou TYPE:CODE comme departement:01 (obligatoire)")
			elu := fs.String("elu", "", "`adresse` électronique du compte de l’élu référent (obligatoire)")
			prefill := fs.Bool("prefill", false, "reprend les réponses de l’an dernier qui conviennent encore")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 || *year == 0 || *coll == "" || *elu == "" {
					return usagef("Les options --campaign, --collectivite et --elu sont obligatoires.")
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
				who, u, err := a.actor(ctx, *elu)
				if err != nil {
					return err
				}
				if u == nil {
					return domain.Errorf(domain.EInvalid, "--elu doit désigner le compte de l’élu référent.")
				}
				c, err := a.Candidatures.Create(ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: target.ID, Prefill: *prefill, ByStaff: true}, who)
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
		return a.Store.CollectiviteByCode(ctx, domain.CollectiviteKind(kind), code)
	}
	kind := domain.KindCommune
	if len(arg) == 9 {
		kind = domain.KindEPCI
	}
	return a.Store.CollectiviteByCode(ctx, kind, arg)
}

func candidatureShowCommand() *command {
	return &command{
		name:    "candidature show",
		args:    "NUMÉRO|RÉFÉRENCE",
		summary: "Affiche une candidature : état, membres, nombre de réponses et actions possibles pour --as.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			as := fs.String("as", "", "`adresse` électronique du compte dont afficher les actions (par défaut : la personne qui lance la commande, au titre de l’équipe)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 {
					return usagef("Donnez le numéro ou la référence de la candidature.")
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
				snap, err := a.Engine.Load(ctx, candlc.Name, id, actor)
				if err != nil {
					return err
				}
				s := snap.Payload.(*candlc.Payload)
				c := s.Candidature
				fmt.Fprintf(env.Stdout, "Candidature n° %d — %s\n%s (%s, code %s), campagne %d\nÉtat : %s (version %d)\n",
					c.ID, c.Reference, s.Collectivite.Name, s.Collectivite.Kind.Label(), s.Collectivite.Code, s.Campaign.Year,
					snap.StateLabel, c.Version)
				if c.SubmittedAt != nil {
					fmt.Fprintf(env.Stdout, "Déposée le %s par %s (%s)\n", fr.DateTime(*c.SubmittedAt), c.EluName, c.EluMandate)
				}
				if c.Level != nil && policy.LevelVisible(snap.Relations, snap.Facts) {
					fmt.Fprintf(env.Stdout, "Niveau : %s\nMotivation : %s\n", s.Campaign.AwardScheme.LevelLabel(c.Level), c.Motivation)
				}
				if c.Reason != "" {
					fmt.Fprintf(env.Stdout, "Motif : %s\n", c.Reason)
				}
				for _, m := range s.Members {
					fmt.Fprintf(env.Stdout, "  %-15s %s %s\n", m.Role, m.Email, m.Name)
				}
				problems := candlc.Missing(s.Questionnaire, s.Answers)
				fmt.Fprintf(env.Stdout, "Réponses : %s, %s avant dépôt\n", fr.Int(len(s.Answers)),
					fr.Count(len(problems), "point à compléter", "points à compléter"))
				return printActions(ctx, env, a, snap)
			}
		},
	}
}

func candidatureHistoryCommand() *command {
	return &command{
		name:    "candidature history",
		args:    "NUMÉRO|RÉFÉRENCE",
		summary: "Affiche l’historique d’une candidature, du plus ancien au plus récent événement.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 {
					return usagef("Donnez le numéro ou la référence de la candidature.")
				}
				return onCandidature(ctx, env, *db, args[0], func(a *app, id int64) error {
					trail, err := a.Store.AuditTrail(ctx, candlc.Name, id)
					if err != nil {
						return err
					}
					m, err := a.Engine.Lifecycle(candlc.Name)
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

func candidatureFireCommand() *command {
	return &command{
		name:    "candidature fire",
		args:    "NUMÉRO|RÉFÉRENCE ÉVÉNEMENT",
		summary: "Déclenche un événement du cycle de vie d’une candidature (deposer, corriger, declarer_recevable…) au nom d’un compte.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			as := fs.String("as", "", "`adresse` électronique du compte qui déclenche l’événement, ou « system » (par défaut : la personne qui lance la commande, au titre de l’équipe)")
			in := workflow.Input{Values: url.Values{}}
			fs.StringVar(&in.Comment, "comment", "", "`commentaire` : motif, question à la collectivité, réponse au jury…")
			var fields stringList
			fs.Var(&fields, "field", "un champ de l’événement, sous la forme `NOM=VALEUR` (répétable ; la liste « events » de l’API donne les champs de chaque événement)")
			attest := fs.Bool("attest", false, "deposer : l’élu atteste sur l’honneur l’exactitude des réponses (champ attest)")
			eluName := fs.String("elu-name", "", "deposer : prénom et `nom` de l’élu référent (champ elu_name)")
			mandate := fs.String("mandate", "", "deposer : `mandat` de l’élu référent, par exemple maire (champ elu_mandate)")
			level := fs.String("level", "", "deliberer, rectifier : `niveau` attribué, 0 pour « Pas de label » (champ level)")
			motivation := fs.String("motivation", "", "deliberer, rectifier : `motivation` publique du jury (champ motivation ; --field note=… pour la note privée)")
			var mentions stringList
			fs.Var(&mentions, "mention", "deliberer, rectifier : une `mention` spéciale de la campagne (répétable ; champ mentions)")
			fs.IntVar(&in.ExpectedVersion, "expect-version", 0, "refuse l’événement si la candidature n’en est plus à cette `version`")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 2 {
					return usagef("Donnez le numéro ou la référence de la candidature, puis l’événement.")
				}
				for _, f := range fields {
					name, value, ok := strings.Cut(f, "=")
					if !ok || name == "" {
						return usagef("L’option --field attend NOM=VALEUR, pas « %s ».", f)
					}
					in.Values.Add(name, value)
				}
				if *attest {
					in.Values.Set(candlc.FieldAttest, "true")
				}
				for name, v := range map[string]string{candlc.FieldEluName: *eluName, candlc.FieldEluMandate: *mandate,
					candlc.FieldLevel: *level, candlc.FieldMotivation: *motivation} {
					if v != "" {
						in.Values.Set(name, v)
					}
				}
				if len(mentions) > 0 {
					in.Values[candlc.FieldMentions] = mentions
				}
				return onCandidature(ctx, env, *db, args[0], func(a *app, id int64) error {
					actor, _, err := a.actor(ctx, *as)
					if err != nil {
						return err
					}
					t, err := a.Engine.Fire(ctx, candlc.Name, id, args[1], actor, in)
					if err != nil {
						return err
					}
					fmt.Fprintf(env.Stdout, "Candidature n° %d : %s → %s (version %d).\n", id, candlc.StateLabel(t.From), candlc.StateLabel(t.To), t.Version)
					return nil
				})
			}
		},
	}
}

func candidatureAnswerCommand() *command {
	return &command{
		name:    "candidature answer",
		args:    "NUMÉRO|RÉFÉRENCE [CLÉ JSON]",
		summary: "Enregistre des réponses au nom d’un compte : une CLÉ et sa valeur JSON, ou bien un objet JSON de réponses avec --file.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			as := fs.String("as", "", "`adresse` électronique de l’élu référent ou de l’accompagnateur qui enregistre (obligatoire)")
			file := fs.String("file", "", "`fichier` JSON des réponses : {\"question.cle\": valeur, …}")
			return func(ctx context.Context, env *Env, args []string) error {
				if *as == "" || !(len(args) == 3 && *file == "" || len(args) == 1 && *file != "") {
					return usagef("Donnez --as, et soit CLÉ JSON, soit --file.")
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
						return usagef("La valeur doit être du JSON, par exemple true, 42, '\"texte\"' ou '[\"a\",\"b\"]' (entre apostrophes droites pour le shell).")
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
				who, u, err := a.actor(ctx, *as)
				if err != nil || u == nil {
					return domain.Errorf(domain.EInvalid, "--as doit désigner un compte.")
				}
				d, err := a.Candidatures.Open(ctx, id, who)
				if err != nil {
					return err
				}
				current, err := a.Candidatures.Answers(ctx, id)
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
					_, err := a.Candidatures.Save(ctx, d, candidature.SaveRequest{Key: k, Value: answers[k], ExpectedVersion: current[k].Version})
					if err != nil {
						// Each answer is saved on its own: say which ones are.
						return fmt.Errorf("%s : %w (%s avant celle-ci, dans l’ordre alphabétique des clés)", k, err,
							fr.Count(i, "réponse enregistrée", "réponses enregistrées"))
					}
				}
				fmt.Fprintf(env.Stdout, "%s.\n", fr.Count(len(keys), "réponse enregistrée", "réponses enregistrées"))
				return nil
			}
		},
	}
}

func candidatureCommands() []*command {
	return []*command{candidatureCreateCommand(), candidatureShowCommand(), candidatureAnswerCommand(),
		candidatureFireCommand(), candidatureHistoryCommand(), candidatureScoreCommand(), candidatureDiffCommand()}
}
