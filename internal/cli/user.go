package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/domain"
)

func userAddCommand() *command {
	return &command{
		name:    "user add",
		summary: "Create an account (staff and jury accounts are created this way). The password is read from stdin, or generated and printed.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			email := fs.String("email", "", "email address (required)")
			name := fs.String("name", "", "full name")
			role := fs.String("role", domain.RoleMember, "role: membre or staff (a juror is a membre seated with « tnl jury add »)")
			stdin := fs.Bool("password-stdin", false, "read the password from the first line of stdin")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 || *email == "" {
					return usagef("--email is required")
				}
				if *role == "jury" {
					return usagef("the jury is seated per campaign: create the account with --role membre, then « tnl jury add --campaign YEAR --email … »")
				}
				if *role != domain.RoleMember && *role != domain.RoleStaff {
					return usagef("unknown role %q: membre or staff", *role)
				}
				if !strings.Contains(*email, "@") {
					return domain.Errorf(domain.EInvalid, "Adresse électronique invalide : %s.", *email)
				}
				password, generated := "", false
				if *stdin {
					line, err := bufio.NewReader(env.Stdin).ReadString('\n')
					if err != nil && line == "" {
						return fmt.Errorf("mot de passe attendu sur l’entrée standard")
					}
					password = strings.TrimRight(line, "\r\n")
				} else {
					var err error
					if password, err = account.RandomToken(12); err != nil {
						return err
					}
					generated = true
				}
				if err := account.CheckPassword(password); err != nil {
					return err
				}
				hash, err := account.HashPassword(password)
				if err != nil {
					return err
				}
				st, err := openStore(ctx, env, *db)
				if err != nil {
					return err
				}
				defer st.Close()
				now := st.Now()
				u := &domain.User{Email: *email, Name: strings.TrimSpace(*name), Role: *role, PasswordHash: hash, EmailVerifiedAt: &now}
				if err := st.CreateUser(ctx, u); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Compte %s créé (rôle %s).\n", u.Email, u.Role)
				if generated {
					fmt.Fprintf(env.Stdout, "Mot de passe provisoire : %s\n", password)
				}
				return nil
			}
		},
	}
}
