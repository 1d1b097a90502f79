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
		args:    "DIR|FILE…",
		summary: "Import the collectivités from etalab's decoupage-administratif files (communes.json, epci.json, departements.json, regions.json).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) == 0 {
					return usagef("give a directory or the files to import")
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
