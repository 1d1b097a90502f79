package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/kit"
	courrierlc "github.com/adullact/tnl/internal/lifecycle/courrier"
	gulllc "github.com/adullact/tnl/internal/lifecycle/gull"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/publipostage"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// ambassadeursCommands are the commands of the ambassadeurs du libre.
func ambassadeursCommands() []*command {
	return []*command{geoImportCommand(), kitCheckCommand(), gullListCommand(), gullValidateCommand(),
		visiteListCommand(), visiteShowCommand(), visiteFireCommand(),
		courrierCreateCommand(), courrierListCommand(), courrierAddressesCommand(), courrierLettersCommand(), courrierProgressCommand(), courrierFireCommand(),
		ambassadeursExportCommand(), ambassadeursStatsCommand()}
}

func geoImportCommand() *command {
	return &command{
		name:    "geo import",
		args:    "DIR",
		summary: "Importe la géographie : centres des communes et contours des départements et régions (dossier ../shared/data/geo).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			communes := fs.String("communes", "", "communes.json des communes actuelles (etalab), pour reporter les centres de 2018 sur les codes de 2026 (défaut : DIR/../territoires-2026/communes.json s’il existe)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 {
					return usagef("give the directory of the geography files")
				}
				current := *communes
				if current == "" {
					guess := filepath.Join(args[0], "..", "territoires-2026", "communes.json")
					if _, err := os.Stat(guess); err == nil {
						current = guess
					}
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				rep, err := a.Ambassadeurs.ImportGeography(ctx, args[0], current)
				if err != nil {
					return fmt.Errorf("import refusé, rien n’a été importé : %w", err)
				}
				fmt.Fprint(env.Stdout, rep.String())
				return nil
			}
		},
	}
}

func kitCheckCommand() *command {
	return &command{
		name:    "kit check",
		args:    "[FICHIER]",
		summary: "Vérifie un kit de l’ambassadeur (défaut : le kit livré) et liste chaque problème avec sa ligne.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			return func(ctx context.Context, env *Env, args []string) error {
				data, name := kit.DefaultSource(), kit.DefaultName
				switch len(args) {
				case 0:
				case 1:
					var err error
					if data, err = readInput(args[0]); err != nil {
						return err
					}
					name = args[0]
				default:
					return usagef("give at most one file")
				}
				if ps := kit.Check(data, name); len(ps) > 0 {
					fmt.Fprintln(env.Stdout, ps.Error())
					return fmt.Errorf("%s dans %s", fr.Count(len(ps), "problème", "problèmes"), name)
				}
				k, err := kit.Load(data, name)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s : kit valide (« %s », version %s : %s, %s, %s).\n", name, k.Title, k.Version,
					fr.Count(len(k.Points), "point à aborder", "points à aborder"), fr.Count(len(k.Documents), "document", "documents"),
					fr.Count(len(k.Software), "logiciel", "logiciels"))
				return nil
			}
		},
	}
}

func gullListCommand() *command {
	return &command{
		name:    "gull list",
		summary: "Liste les GULL inscrits, avec leur état et leur zone.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			state := fs.String("state", "", "seulement cet état : propose, valide, refuse, suspendu")
			return func(ctx context.Context, env *Env, args []string) error {
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				var states []string
				if *state != "" {
					states = []string{*state}
				}
				gs, err := a.Store.Gulls(ctx, states...)
				if err != nil {
					return err
				}
				if len(gs) == 0 {
					fmt.Fprintln(env.Stdout, "Aucun GULL.")
				}
				for _, g := range gs {
					zone, err := a.Ambassadeurs.Zone(ctx, g.ID)
					if err != nil {
						return err
					}
					var labels []string
					for _, z := range zone {
						labels = append(labels, z.Label())
					}
					fmt.Fprintf(env.Stdout, "%4d  %-30s %-26s %s — %s\n", g.ID, g.Name, gulllc.StateLabel(g.State), g.Email, strings.Join(labels, ", "))
				}
				return nil
			}
		},
	}
}

// gullID reads a GULL's id or the name of its public page.
func (a *app) gullID(ctx context.Context, arg string) (int64, error) {
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil {
		return id, nil
	}
	g, err := a.Store.GullBySlug(ctx, arg)
	if err != nil {
		return 0, domain.Errorf(domain.ENotFound, "GULL « %s » introuvable (donnez son numéro, ou le nom de sa page : « tnl gull list »).", arg)
	}
	return g.ID, nil
}

func gullValidateCommand() *command {
	return &command{
		name:    "gull validate",
		args:    "ID|SLUG",
		summary: "Valide l’inscription d’un GULL (comme l’équipe ADULLACT) : il entre dans l’annuaire et reçoit les demandes de sa zone.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 {
					return usagef("give the GULL's id or slug")
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				id, err := a.gullID(ctx, args[0])
				if err != nil {
					return err
				}
				if _, err := a.Engine.Fire(ctx, gulllc.Name, id, "valider", policy.Operator(a.operator), workflow.Input{}); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "GULL n° %d validé.\n", id)
				return nil
			}
		},
	}
}

func visiteListCommand() *command {
	return &command{
		name:    "visite list",
		summary: "Liste les demandes de visite des mairies (toutes, ou d’un état, ou d’un GULL).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			state := fs.String("state", "", "seulement cet état : demandee, confirmee, prise_en_charge, rendez_vous, visite_faite, accompagnement, close_candidature, close_sans_suite")
			gull := fs.String("gull", "", "seulement les demandes adressées à ce GULL (numéro ou nom de sa page)")
			return func(ctx context.Context, env *Env, args []string) error {
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				var rows []store.VisiteSummary
				if *gull != "" {
					id, err := a.gullID(ctx, *gull)
					if err != nil {
						return err
					}
					if rows, err = a.Store.VisitesOfGull(ctx, id); err != nil {
						return err
					}
				} else {
					f := store.VisiteFilter{Limit: 5000}
					if *state != "" {
						f.States = []string{*state}
					}
					if rows, err = a.Store.Visites(ctx, f); err != nil {
						return err
					}
				}
				if len(rows) == 0 {
					fmt.Fprintln(env.Stdout, "Aucune demande.")
				}
				for _, v := range rows {
					if *state != "" && v.State != *state {
						continue
					}
					fmt.Fprintf(env.Stdout, "%5d  %s  %-28s %-3s %-40s %s\n", v.ID, fr.Date(v.CreatedAt), v.CommuneName, v.DepartementCode, visitelc.StateLabel(v.State), v.InChargeName)
				}
				return nil
			}
		},
	}
}

func visiteShowCommand() *command {
	return &command{
		name:    "visite show",
		args:    "ID",
		summary: "Affiche une demande de visite : commune, contact, GULL sollicités, compte rendu, historique.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 {
					return usagef("give the request's id")
				}
				id, err := strconv.ParseInt(args[0], 10, 64)
				if err != nil {
					return usagef("request id expected, got %q", args[0])
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				snap, err := a.Engine.Load(ctx, visitelc.Name, id, policy.Operator(a.operator))
				if err != nil {
					return err
				}
				p := snap.Payload.(*visitelc.Payload)
				v := p.Visite
				out := env.Stdout
				fmt.Fprintf(out, "Demande n° %d — %s (%s), département %s\n", v.ID, p.Commune.Name, p.Commune.Code, p.Commune.DepartementCode)
				fmt.Fprintf(out, "État : %s (version %d)\n", snap.StateLabel, v.Version)
				fmt.Fprintf(out, "Contact : %s, %s, %s %s\n", v.ContactName, domain.ContactFunctionLabel(v.ContactFunction), v.ContactEmail, v.ContactPhone)
				var topics []string
				for _, t := range v.Topics {
					topics = append(topics, domain.TopicLabel(t))
				}
				fmt.Fprintf(out, "Sujets : %s\n", strings.Join(topics, ", "))
				for _, r := range p.Routes {
					where := "dans sa zone"
					if r.HorsZone {
						where = "hors zone"
					}
					dist := ""
					if r.DistanceKm >= 0 {
						dist = ", " + fr.Decimal(r.DistanceKm, 0) + fr.NBSP + "km"
					}
					fmt.Fprintf(out, "GULL : %s (tour %d, %s%s)\n", r.GullName, r.Round, where, dist)
				}
				if p.InCharge != nil {
					fmt.Fprintf(out, "Ambassadeur : %s (%s)\n", p.InCharge.Name, p.InCharge.Email)
				}
				if rep := p.Report; rep != nil {
					k := a.Ambassadeurs.Kit()
					fmt.Fprintf(out, "Compte rendu : %s\nProchaine étape : %s\n", strings.Join(k.Titles(kit.Points, rep.Points), ", "), rep.NextStep)
				}
				m, err := a.Engine.Lifecycle(visitelc.Name)
				if err != nil {
					return err
				}
				trail, err := a.Store.AuditTrail(ctx, visitelc.Name, id)
				if err != nil {
					return err
				}
				fmt.Fprintln(out, "Historique :")
				printTrail(env, m, trail)
				return nil
			}
		},
	}
}

// lifecycleFireCommand fires an event of a lifecycle's subject given by id.
func lifecycleFireCommand(name, lifecycle, what, events string, label func(string) string) *command {
	return &command{
		name:    name,
		args:    "ID EVENT",
		summary: fmt.Sprintf("Déclenche une étape %s (%s), comme l’équipe ou comme un compte (--as).", what, events),
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			as := fs.String("as", "", "adresse du compte qui agit, ou « system » (défaut : l’opérateur, comme l’équipe)")
			in := workflow.Input{Values: url.Values{}}
			fs.StringVar(&in.Comment, "comment", "", "commentaire : le motif, la précision")
			var fields stringList
			fs.Var(&fields, "field", "NOM=VALEUR : un champ de l’étape (répétable), par exemple date=2026-04-21 14:30")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 2 {
					return usagef("give the id and the event")
				}
				id, err := strconv.ParseInt(args[0], 10, 64)
				if err != nil {
					return usagef("id expected, got %q", args[0])
				}
				for _, f := range fields {
					k, v, ok := strings.Cut(f, "=")
					if !ok || k == "" {
						return usagef("L’option --field attend NOM=VALEUR, pas « %s ».", f)
					}
					in.Values.Add(k, v)
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				actor, _, err := a.actor(ctx, *as)
				if err != nil {
					return err
				}
				t, err := a.Engine.Fire(ctx, lifecycle, id, args[1], actor, in)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "N° %d : %s → %s (version %d).\n", id, label(t.From), label(t.To), t.Version)
				return nil
			}
		},
	}
}

func visiteFireCommand() *command {
	return lifecycleFireCommand("visite fire", visitelc.Name, "d’une demande de visite", "elargir, clore_sans_suite, prendre…", visitelc.StateLabel)
}

func courrierFireCommand() *command {
	return lifecycleFireCommand("courrier fire", courrierlc.Name, "d’une campagne de courrier", "envoyer, relancer, clore", courrierlc.StateLabel)
}

func courrierCreateCommand() *command {
	return &command{
		name:    "courrier create",
		summary: "Crée une campagne de courrier aux mairies d’un département ou d’une liste, avec la lettre type (ou --lettre).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			var req publipostage.Request
			fs.StringVar(&req.Title, "title", "", "titre de la campagne (obligatoire)")
			fs.StringVar(&req.Departement, "departement", "", "code du département : toutes ses mairies")
			list := fs.String("communes", "", "fichier des codes INSEE des communes destinataires, un par ligne (au lieu de --departement)")
			fs.StringVar(&req.Channel, "channel", domain.ChannelPost, "courrier (postal, un PDF à imprimer) ou courriel")
			fs.StringVar(&req.Sender, "sender", "", "expéditeur : « Association des maires du Nord » (obligatoire)")
			fs.StringVar(&req.Signature, "signature", "", "signature, lignes séparées par « | »")
			fs.StringVar(&req.Partner, "partner", "", "adresse du compte du partenaire")
			letter := fs.String("lettre", "", "fichier texte de la lettre (défaut : la lettre type)")
			remind := fs.String("relance", "", "date de la relance des mairies sans demande : AAAA-MM-JJ (heure de Paris)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected arguments: %v", args)
				}
				req.Signature = strings.ReplaceAll(req.Signature, "|", "\n")
				if *list != "" {
					data, err := readInput(*list)
					if err != nil {
						return err
					}
					req.Communes = strings.Fields(strings.NewReplacer(",", " ", ";", " ").Replace(string(data)))
				}
				if *letter != "" {
					data, err := readInput(*letter)
					if err != nil {
						return err
					}
					req.Letter = string(data)
				}
				if *remind != "" {
					at, err := fr.ParseInstant(*remind)
					if err != nil {
						return err
					}
					req.RemindAfter = at
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				c, err := a.Publipostage.Create(ctx, req, policy.Operator(a.operator))
				if err != nil {
					return err
				}
				prog, err := a.Publipostage.Progress(ctx, c.ID, policy.Operator(a.operator))
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Campagne n° %d créée (« %s ») : %s.\n", c.ID, c.Title, fr.Count(len(prog.Recipients), "mairie", "mairies"))
				return nil
			}
		},
	}
}

func courrierListCommand() *command {
	return &command{
		name:    "courrier list",
		summary: "Liste les campagnes de courrier.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				cs, err := a.Store.Courriers(ctx, 0)
				if err != nil {
					return err
				}
				if len(cs) == 0 {
					fmt.Fprintln(env.Stdout, "Aucune campagne.")
				}
				for _, c := range cs {
					fmt.Fprintf(env.Stdout, "%4d  %-40s %-14s %s\n", c.ID, c.Title, courrierlc.StateLabel(c.State), c.Channel)
				}
				return nil
			}
		},
	}
}

// onCourrier opens the application and runs fn on the campaign of the
// command's first argument.
func onCourrier(ctx context.Context, env *Env, dbURL string, args []string, n int, fn func(a *app, id int64) error) error {
	if len(args) != n {
		return usagef("give the campaign's id%s", map[bool]string{true: " and the file"}[n == 2])
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return usagef("campaign id expected, got %q", args[0])
	}
	a, err := openApp(ctx, env, dbURL)
	if err != nil {
		return err
	}
	defer a.Close()
	return fn(a, id)
}

func courrierAddressesCommand() *command {
	return &command{
		name:    "courrier adresses",
		args:    "NUMÉRO FICHIER.csv",
		summary: "Importe les adresses électroniques des mairies d’une campagne (CSV : code INSEE, adresse électronique et nom du maire de chaque mairie).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				return onCourrier(ctx, env, *db, args, 2, func(a *app, id int64) error {
					f, err := os.Open(args[1])
					if err != nil {
						return domain.Errorf(domain.EInvalid, "%s : fichier illisible.", args[1])
					}
					defer f.Close()
					rep, err := a.Publipostage.ImportAddresses(ctx, id, f, policy.Operator(a.operator))
					if rep != nil {
						fmt.Fprint(env.Stdout, rep.String())
					}
					return err
				})
			}
		},
	}
}

func courrierLettersCommand() *command {
	return &command{
		name:    "courrier lettres",
		args:    "ID",
		summary: "Écrit les lettres d’une campagne : un PDF à imprimer (-o lettres.pdf) ou un PDF par mairie (-o lettres.zip).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			out := fs.String("o", "", "fichier à écrire : .pdf (toutes les lettres) ou .zip (une par mairie) (obligatoire)")
			reminder := fs.Bool("relance", false, "les lettres de relance, aux mairies sans demande depuis l’envoi")
			dep := fs.String("departement", "", "seulement les mairies de ce département (une campagne à toute une région s’imprime département par département)")
			return func(ctx context.Context, env *Env, args []string) error {
				if *out == "" {
					return usagef("-o is required")
				}
				if env.Getenv("GOGC") == "" {
					// As for the dossiers: rendering allocates and keeps little.
					defer debug.SetGCPercent(debug.SetGCPercent(pdfExportGCPercent))
				}
				return onCourrier(ctx, env, *db, args, 1, func(a *app, id int64) error {
					f, err := createAtomic(*out)
					if err != nil {
						return err
					}
					w := bufio.NewWriterSize(f, 1<<20)
					n := 0
					sel := publipostage.Selection{Reminder: *reminder, Departement: strings.ToUpper(*dep)}
					if strings.HasSuffix(strings.ToLower(*out), ".zip") {
						n, err = a.Publipostage.WriteZip(ctx, w, id, policy.Operator(a.operator), sel)
					} else {
						err = a.Publipostage.WriteMerged(ctx, w, id, policy.Operator(a.operator), sel)
					}
					if err == nil {
						err = w.Flush()
					}
					if err != nil {
						f.Abort()
						return err
					}
					if err := f.Commit(); err != nil {
						return err
					}
					what := "lettres"
					if n > 0 {
						what = fr.Count(n, "lettre", "lettres")
					}
					fmt.Fprintf(env.Stdout, "%s écrites dans %s.\n", what, *out)
					return nil
				})
			}
		},
	}
}

func courrierProgressCommand() *command {
	return &command{
		name:    "courrier suivi",
		args:    "ID",
		summary: "Le suivi d’une campagne : courrier envoyé → demande → visite → candidature, par mairie en CSV (-o) ou en résumé.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			out := fs.String("o", "", "fichier CSV du suivi de chaque mairie (« - » : la sortie standard)")
			return func(ctx context.Context, env *Env, args []string) error {
				return onCourrier(ctx, env, *db, args, 1, func(a *app, id int64) error {
					who := policy.Operator(a.operator)
					if *out != "" {
						var w io.Writer = env.Stdout
						if *out != "-" {
							f, err := createAtomic(*out)
							if err != nil {
								return err
							}
							if err := a.Publipostage.WriteProgressCSV(ctx, f, id, who); err != nil {
								f.Abort()
								return err
							}
							return f.Commit()
						}
						return a.Publipostage.WriteProgressCSV(ctx, w, id, who)
					}
					p, err := a.Publipostage.Progress(ctx, id, who)
					if err != nil {
						return err
					}
					for _, step := range []string{publipostage.StepPrepared, publipostage.StepSent, publipostage.StepAsked, publipostage.StepVisited, publipostage.StepCandidature} {
						fmt.Fprintf(env.Stdout, "%-26s %s\n", publipostage.StepLabel(step), fr.Int(p.Counts[step]))
					}
					fmt.Fprintf(env.Stdout, "%s, dont %s.\n", fr.Count(len(p.Recipients), "mairie", "mairies"), fr.Count(p.WithEmail, "avec une adresse électronique", "avec une adresse électronique"))
					return nil
				})
			}
		},
	}
}

func ambassadeursExportCommand() *command {
	return &command{
		name:    "ambassadeurs export",
		summary: "Exporte en CSV les demandes de visite adressées à un GULL (formules neutralisées).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			gull := fs.String("gull", "", "numéro du GULL, ou nom de sa page (obligatoire)")
			out := fs.String("o", "-", "fichier CSV (« - » : la sortie standard)")
			return func(ctx context.Context, env *Env, args []string) error {
				if *gull == "" {
					return usagef("Donnez le GULL (--gull).")
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				id, err := a.gullID(ctx, *gull)
				if err != nil {
					return err
				}
				rels := policy.Relations(policy.Operator(a.operator), policy.Facts{})
				if *out == "-" {
					return a.Ambassadeurs.ExportGull(ctx, env.Stdout, id, rels)
				}
				f, err := createAtomic(*out)
				if err != nil {
					return err
				}
				if err := a.Ambassadeurs.ExportGull(ctx, f, id, rels); err != nil {
					f.Abort()
					return err
				}
				return f.Commit()
			}
		},
	}
}

func ambassadeursStatsCommand() *command {
	return &command{
		name:    "ambassadeurs stats",
		summary: "Du courrier au label, par région : collectivités contactées, demandes, visites, candidatures, labels d’une année.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("year", 0, "année (défaut : la dernière qui a des chiffres)")
			return func(ctx context.Context, env *Env, args []string) error {
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				d, err := a.Ambassadeurs.Dashboard(ctx, *year)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%d : %s contactées, %s, %s, %s, %s\n", d.Year, fr.Int(d.Total.Contacted),
					fr.Count(d.Total.Asked, "demande", "demandes"), fr.Count(d.Total.Visited, "visite", "visites"),
					fr.Count(d.Total.Candidates, "candidature", "candidatures"), fr.Count(d.Total.Labelled, "label", "labels"))
				for _, r := range d.ByRegion {
					fmt.Fprintf(env.Stdout, "  %-30s %6s %6s %6s %6s %6s\n", r.Name, fr.Int(r.Contacted), fr.Int(r.Asked), fr.Int(r.Visited), fr.Int(r.Candidates), fr.Int(r.Labelled))
				}
				return nil
			}
		},
	}
}
