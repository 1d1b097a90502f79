package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/jury"
	evallc "github.com/adullact/tnl/internal/lifecycle/evaluation"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

func juryEvaluationsCommand() *command {
	return &command{
		name:    "jury evaluations",
		summary: "Lister les évaluations d’une campagne (ou d’un juré) avec leur état.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "année de la campagne (obligatoire)")
			email := fs.String("email", "", "celles d’un juré")
			asJSON := fs.Bool("json", false, "écrire un objet JSON")
			return func(ctx context.Context, env *Env, args []string) error {
				return onJury(ctx, env, *db, *year, func(a *app, cp *domain.Campaign) error {
					if err := a.Policy.Decide(policy.JuryManage, policy.Relations(policy.Operator(a.operator), policy.Facts{}), policy.Facts{}); err != nil {
						return err
					}
					f := store.AssignmentFilter{CampaignID: cp.ID}
					if *email != "" {
						u, err := a.juror(ctx, cp, *email)
						if err != nil {
							return err
						}
						f.UserID = u.ID
					}
					rows, err := a.Store.Assignments(ctx, f)
					if err != nil {
						return err
					}
					users := map[int64]string{}
					counts := map[string]int{}
					out := make([]map[string]any, 0, len(rows))
					for _, r := range rows {
						if _, ok := users[r.UserID]; !ok {
							u, err := a.Store.User(ctx, r.UserID)
							if err != nil {
								return err
							}
							users[r.UserID] = u.Email
						}
						counts[r.State]++
						out = append(out, map[string]any{"id": r.EvaluationID, "candidature_id": r.CandidatureID, "email": users[r.UserID], "state": r.State})
					}
					if *asJSON {
						return printJSON(env, map[string]any{"evaluations": out})
					}
					for _, r := range rows {
						fmt.Fprintf(env.Stdout, "évaluation %-6d candidature %-6d %-30s %s\n", r.EvaluationID, r.CandidatureID, users[r.UserID], evallc.StateLabel(r.State))
					}
					fmt.Fprintf(env.Stdout, "%s : %s, %d en cours, %s.\n", fr.Count(len(rows), "évaluation", "évaluations"),
						fr.Count(counts[domain.EvalAssignee], "assignée", "assignées"), counts[domain.EvalEnCours], fr.Count(counts[domain.EvalRemise], "remise", "remises"))
					return nil
				})
			}
		},
	}
}

func juryAggregateCommand() *command {
	return &command{
		name:    "jury aggregate",
		args:    "ID|REFERENCE",
		summary: "Afficher l’agrégat des évaluations d’une candidature : médianes, moyennes, écarts, notes normalisées, désaccords, niveau suggéré et son explication.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			asJSON := fs.Bool("json", false, "écrire un objet JSON")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 {
					return usagef("give the candidature's id or reference")
				}
				return onCandidature(ctx, env, *db, args[0], func(a *app, id int64) error {
					who := policy.Operator(a.operator)
					d, err := a.Candidatures.Open(ctx, id, who)
					if err != nil {
						return err
					}
					cj, err := a.Jury.CandidatureJury(ctx, d.C, d.Relations, d.Facts, who)
					if err != nil {
						return err
					}
					if cj.Aggregate == nil {
						return domain.Errorf(domain.EUnprocessable, "Pas d’agrégat : le questionnaire de la campagne n’a pas de grille d’évaluation.")
					}
					if *asJSON {
						return printJSON(env, jury.AggregateJSON(cj))
					}
					ag := cj.Aggregate
					for i, th := range cj.In.Themes {
						st := ag.Themes[i]
						fmt.Fprintf(env.Stdout, "%-34s %s\n", th.Label, statText(st.N, st.Median, st.Mean, st.Spread, st.NormMedian, st.Disagree))
					}
					o := ag.Overall
					fmt.Fprintf(env.Stdout, "%-34s %s\n", "Note globale", statText(o.N, o.Median, o.Mean, o.Spread, o.NormMedian, o.Disagree))
					fmt.Fprintln(env.Stdout, cj.Explanation)
					return nil
				})
			}
		},
	}
}

func statText(n int, med, mean, spread, norm float64, disagree bool) string {
	if n == 0 {
		return "aucune note"
	}
	s := fmt.Sprintf("médiane %s, moyenne %s, écart %s, normalisée %s (%s)", fr.Decimal(med, 2), fr.Decimal(mean, 2), fr.Decimal(spread, 2),
		fr.Decimal(norm, 2), fr.Count(n, "note", "notes"))
	if disagree {
		s += " — désaccord"
	}
	return s
}

// outputFile opens -o, or stdout when it is empty or "-".
func outputFile(env *Env, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(env.Stdout)
	}
	f, err := createAtomic(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

func juryRankingCommand() *command {
	return &command{
		name:    "jury ranking",
		summary: "Classer les candidatures d’une campagne par l’agrégat du jury ; export CSV ou ODS pour la délibération.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "année de la campagne (obligatoire)")
			format := fs.String("format", "text", "text, csv ou ods")
			out := pdfOutputFlag(fs, "fichier à écrire (par défaut : la sortie standard)")
			sortBy := fs.String("sort", "niveau", "colonne du classement : niveau, note, normalisee, ecart, auto, nom ou reference")
			asc := fs.Bool("asc", false, "trier dans l’ordre croissant")
			kind := fs.String("kind", "", "un type de collectivité seulement")
			disagree := fs.Bool("desaccord", false, "les candidatures où les jurés sont en désaccord seulement")
			return func(ctx context.Context, env *Env, args []string) error {
				return onJury(ctx, env, *db, *year, func(a *app, cp *domain.Campaign) error {
					who := policy.Operator(a.operator)
					rels := policy.Relations(who, policy.Facts{})
					rk, err := a.Jury.Ranking(ctx, cp, rels, policy.Facts{}, who, jury.RankingOptions{Sort: *sortBy, Asc: *asc, Kind: *kind, Disagreement: *disagree})
					if err != nil {
						return err
					}
					if *format == "csv" || *format == "ods" {
						return outputFile(env, *out, func(w io.Writer) error { return jury.WriteRanking(w, rk, *format) })
					}
					if *format != "text" {
						return usagef("--format : text, csv ou ods")
					}
					return outputFile(env, *out, func(w io.Writer) error {
						for i, r := range rk.Rows {
							mark := ""
							if r.Disagreement {
								mark = " ⚠ " + fmt.Sprint(r.Reasons)
							}
							fmt.Fprintf(w, "%4d  %-28s %-32s niveau %d  note %s (%s)%s\n", i+1, r.Reference, r.CollectiviteName, r.Suggested,
								medianText(r.Overall.N, r.Overall.Median), fr.Count(r.Overall.N, "évaluation", "évaluations"), mark)
						}
						_, err := fmt.Fprintf(w, "%s sur %s.\n", fr.Count(len(rk.Rows), "candidature classée", "candidatures classées"), fr.Int(rk.Total))
						return err
					})
				})
			}
		},
	}
}

func medianText(n int, v float64) string {
	if n == 0 {
		return "—"
	}
	return fr.Decimal(v, 2)
}

func jurySheetCommand() *command {
	return &command{
		name:    "jury sheet",
		args:    "ID|REFERENCE",
		summary: "Écrire la fiche du jury d’une candidature en PDF : dossier, score automatique, évaluations, agrégat.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			out := pdfOutputFlag(fs, "fichier PDF à écrire (obligatoire)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 || *out == "" {
					return usagef("give the candidature's id or reference, and -o FILE")
				}
				return onCandidature(ctx, env, *db, args[0], func(a *app, id int64) error {
					who := policy.Operator(a.operator)
					d, err := a.Candidatures.Open(ctx, id, who)
					if err != nil {
						return err
					}
					data, err := a.Jury.Sheet(ctx, d.C, d.Relations, d.Facts, who)
					if err != nil {
						return err
					}
					return writeOutput(env, *out, data)
				})
			}
		},
	}
}

func juryGridCommand() *command {
	return &command{
		name:    "jury grid",
		summary: "Écrire la grille d’évaluation vierge d’une campagne en PDF, pour un juré qui travaille hors ligne.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "année de la campagne (obligatoire)")
			out := pdfOutputFlag(fs, "fichier PDF à écrire (obligatoire)")
			return func(ctx context.Context, env *Env, args []string) error {
				if *out == "" {
					return usagef("-o FILE is required")
				}
				return onJury(ctx, env, *db, *year, func(a *app, cp *domain.Campaign) error {
					who := policy.Operator(a.operator)
					data, err := a.Jury.Grid(ctx, cp, policy.Relations(who, policy.Facts{}), policy.Facts{})
					if err != nil {
						return err
					}
					return writeOutput(env, *out, data)
				})
			}
		},
	}
}

func writeOutput(env *Env, path string, data []byte) error {
	if path == "-" {
		_, err := env.Stdout.Write(data)
		return err
	}
	if err := writeFileAtomic(path, data); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s écrit (%s).\n", path, fr.Size(int64(len(data))))
	return nil
}
