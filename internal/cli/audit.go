package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/store"
)

func auditVerifyCommand() *command {
	return &command{
		name:    "audit verify",
		summary: "Vérifie l’intégrité du journal d’audit : chaque chaîne de lignes et chaque condensé quotidien ; nomme la première ligne modifiée, supprimée ou insérée (code de sortie 1).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected arguments: %v", args)
				}
				st, err := openStore(ctx, env, *db)
				if err != nil {
					return err
				}
				defer st.Close()
				rep, err := st.VerifyAudit(ctx)
				if err != nil {
					return err
				}
				printAuditReport(env, rep)
				if !rep.OK() {
					return errors.New(fr.Count(len(rep.Problems), "anomalie trouvée", "anomalies trouvées") + " dans le journal d’audit")
				}
				return nil
			}
		},
	}
}

// printAuditReport prints what VerifyAudit checked and found.
func printAuditReport(env *Env, rep *store.AuditReport) {
	fmt.Fprintf(env.Stdout, "Journal d’audit : %s, %s, %s.\n", fr.Count(rep.Rows, "ligne", "lignes"),
		fr.Count(rep.Subjects, "chaîne", "chaînes"), fr.Count(rep.Days, "condensé quotidien", "condensés quotidiens"))
	if rep.LastDay != "" {
		fmt.Fprintf(env.Stdout, "Dernier condensé : %s %s\n", rep.LastDay, rep.LastDigest)
	}
	if rep.OK() {
		fmt.Fprintln(env.Stdout, "Intègre : chaque ligne est à sa place et inchangée.")
		return
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(env.Stdout, "  - %s\n", p.Message)
	}
}
