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
		summary: "Create an API token for an account and print it (once). Scripts send it as « Authorization: Bearer … ».",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			email := fs.String("email", "", "the account's email (required)")
			name := fs.String("name", "", "what the token is for, e.g. « script de suivi » (required)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 || *email == "" || *name == "" {
					return usagef("--email and --name are required")
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
