package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/palmares"
)

func palmaresCommands() []*command {
	return []*command{palmaresImportCommand(), palmaresShowCommand(), palmaresExportCommand()}
}

func palmaresImportCommand() *command {
	return &command{
		name:    "palmares import",
		args:    "FICHIER.csv",
		summary: "Importe l’historique du palmarès (colonnes annee, niveau, nom_publie, type, departement, code_insee_ou_siren, mention, source) ; une seconde importation ne change rien ; les lignes sans collectivité sûre attendent l’équipe.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 {
					return usagef("Donnez le fichier CSV de l’historique à importer.")
				}
				f, err := os.Open(args[0])
				if err != nil {
					return fmt.Errorf("lecture de %s : %w", args[0], err)
				}
				defer f.Close()
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				rep, err := a.Palmares.Import(ctx, f)
				if err != nil {
					return fmt.Errorf("import refusé, rien n’a été importé : %w", err)
				}
				fmt.Fprint(env.Stdout, rep.String())
				if len(rep.Unmatched) > 0 {
					fmt.Fprintln(env.Stdout, "Les lignes à rapprocher se choisissent sur la page /admin/palmares/rapprochements.")
				}
				return nil
			}
		},
	}
}

func palmaresShowCommand() *command {
	return &command{
		name:    "palmares show",
		args:    "[ANNÉE]",
		summary: "Affiche le palmarès d’une édition (la dernière par défaut) par niveau, ou l’historique d’une collectivité.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			code := fs.String("collectivite", "", "`code` public de la collectivité dont afficher l’historique (code INSEE, SIREN, departement-22, region-53)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 1 {
					return usagef("Donnez au plus une année.")
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				snap, err := a.Palmares.Snapshot(ctx)
				if err != nil {
					return err
				}
				if *code != "" {
					hist := snap.History(*code)
					if len(hist) == 0 {
						return domain.Errorf(domain.ENotFound, "Aucune collectivité de code « %s » au palmarès.", *code)
					}
					fmt.Fprintf(env.Stdout, "%s (%s)\n", hist[0].Name, hist[0].Kind.Label())
					for _, e := range hist {
						fmt.Fprintf(env.Stdout, "%d  %-28s %-36s %s\n", e.Year, e.LevelLabel, e.Trend.Label(), strings.Join(e.Mentions, " ; "))
						if e.RectifiedAt != nil {
							fmt.Fprintf(env.Stdout, "      rectifié le %s : %s\n", fr.Date(*e.RectifiedAt), e.Rectification)
						}
					}
					return nil
				}
				year := snap.Latest()
				if len(args) == 1 {
					if year, err = strconv.Atoi(args[0]); err != nil {
						return usagef("Année « %s » invalide.", args[0])
					}
				}
				if year == 0 {
					fmt.Fprintln(env.Stdout, "Aucun palmarès n’est encore publié.")
					return nil
				}
				p, err := snap.YearPage(year, palmares.Filter{Page: 1})
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Palmarès %d : %s\n", year, fr.Count(p.Total, "collectivité lauréate", "collectivités lauréates"))
				entries := snap.Year(year)
				for _, l := range p.Levels {
					fmt.Fprintf(env.Stdout, "\n%s (%s)\n", l.Label, fr.Int(l.Count))
					for _, e := range entries {
						if e.LevelLabel == l.Label {
							fmt.Fprintf(env.Stdout, "  %-40s %-5s %-12s %s\n", e.Name, e.DepartementCode, e.Slug, e.Trend.Label())
						}
					}
				}
				return nil
			}
		},
	}
}

func palmaresExportCommand() *command {
	return &command{
		name:    "palmares export",
		args:    "",
		summary: "Écrit les données ouvertes du palmarès (une ligne par collectivité et par édition) en CSV, JSON ou ODS.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("annee", 0, "`année` de l’édition (par défaut : toutes)")
			format := fs.String("format", "csv", "`format` : csv, json ou ods")
			out := fs.String("sortie", "", "`fichier` à écrire (par défaut : la sortie standard)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 0 {
					return usagef("Cette commande ne prend pas d’argument.")
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				snap, err := a.Palmares.Snapshot(ctx)
				if err != nil {
					return err
				}
				entries, title := snap.Entries, "Palmarès du label Territoire Numérique Libre, toutes les éditions"
				if *year != 0 {
					if entries = snap.Year(*year); len(entries) == 0 {
						return domain.Errorf(domain.ENotFound, "Aucun palmarès publié pour %d.", *year)
					}
					title = fmt.Sprintf("Palmarès %d du label Territoire Numérique Libre", *year)
				}
				updated := a.Store.Now()
				var data []byte
				switch *format {
				case "csv":
					data, err = palmares.CSV(palmares.Table(title, entries, updated))
				case "ods":
					data, err = palmares.ODS(palmares.Table(title, entries, updated))
				case "json":
					data, err = palmares.JSON(entries)
				default:
					return usagef("Format « %s » inconnu : csv, json ou ods.", *format)
				}
				if err != nil {
					return err
				}
				if *out == "" {
					_, err = env.Stdout.Write(data)
					return err
				}
				if err := writeFileAtomic(*out, data); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s écrit : %s.\n", *out, fr.Count(len(entries), "ligne", "lignes"))
				return nil
			}
		},
	}
}
