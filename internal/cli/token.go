package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/adullact/tnl/internal/domain"
)

func tokenCreateCommand() *command {
	return &command{
		name:    "token create",
		summary: "Crée un jeton d’API pour un compte et l’affiche (une seule fois). Les scripts l’envoient dans l’en-tête « Authorization: Bearer … ».",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			email := fs.String("email", "", "`adresse` électronique du compte (obligatoire)")
			name := fs.String("name", "", "`nom` du jeton, qui dit à quoi il sert, par exemple « script de suivi » (obligatoire)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 || *email == "" || *name == "" {
					return usagef("Les options --email et --name sont obligatoires.")
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				u, err := a.Store.UserByEmail(ctx, *email)
				if err != nil {
					return domain.Errorf(domain.ENotFound, "Aucun compte pour l’adresse %s.", *email)
				}
				token, _, err := a.Accounts.CreateAPIToken(ctx, u, *name)
				if err != nil {
					return err
				}
				fmt.Fprintln(env.Stdout, token)
				return nil
			}
		},
	}
}
