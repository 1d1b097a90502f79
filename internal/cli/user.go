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
		summary: "Crée un compte (les comptes de l’équipe et du jury se créent ainsi). Le mot de passe est lu sur l’entrée standard, ou bien généré et affiché.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			email := fs.String("email", "", "`adresse` électronique (obligatoire)")
			name := fs.String("name", "", "prénom et `nom`")
			role := fs.String("role", domain.RoleMember, "`rôle` : membre ou staff (un juré est un membre que « tnl jury add » fait siéger)")
			stdin := fs.Bool("password-stdin", false, "lit le mot de passe sur la première ligne de l’entrée standard")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 || *email == "" {
					return usagef("L’option --email est obligatoire.")
				}
				if *role == "jury" {
					return usagef("Le jury siège campagne par campagne : créez le compte avec --role membre, puis « tnl jury add --campaign ANNÉE --email … ».")
				}
				if *role != domain.RoleMember && *role != domain.RoleStaff {
					return usagef("Rôle « %s » inconnu : membre ou staff.", *role)
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
