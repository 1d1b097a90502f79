package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/adullact/tnl/internal/fr"

	"github.com/adullact/tnl/internal/store"
)

func migrateCommand() *command {
	return &command{
		name:    "migrate",
		summary: "Applique les migrations en attente de la base de données (tnl serve le fait aussi).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 {
					return extraArgs(args)
				}
				st, err := store.Open(ctx, *db, store.WithLogger(env.logger()))
				if err != nil {
					return err
				}
				defer st.Close()
				applied, err := st.Migrate(ctx)
				if err != nil {
					return err
				}
				if len(applied) == 0 {
					fmt.Fprintf(env.Stdout, "Base %s déjà à jour : aucune migration à appliquer.\n", st.Display())
					return nil
				}
				for _, name := range applied {
					fmt.Fprintf(env.Stdout, "Migration appliquée : %s\n", name)
				}
				fmt.Fprintf(env.Stdout, "Base %s à jour (%s).\n", st.Display(), fr.Count(len(applied), "migration appliquée", "migrations appliquées"))
				return nil
			}
		},
	}
}
