package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/adullact/tnl/internal/territoires"
)

func territoiresImportCommand() *command {
	return &command{
		name:    "territoires import",
		args:    "RÉPERTOIRE|FICHIER…",
		summary: "Importe les collectivités depuis les fichiers decoupage-administratif d’Etalab (communes.json, epci.json, departements.json, regions.json).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) == 0 {
					return usagef("Donnez un répertoire ou les fichiers à importer.")
				}
				st, err := openStore(ctx, env, *db)
				if err != nil {
					return err
				}
				defer st.Close()
				report, err := territoires.Import(ctx, st, args)
				if err != nil {
					return fmt.Errorf("import refusé, rien n’a été importé : %w", err)
				}
				fmt.Fprint(env.Stdout, report.String())
				return nil
			}
		},
	}
}
