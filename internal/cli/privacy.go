package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
)

// Requests about someone's personal data, answered by staff at the
// command line (a person does the same from « Mon compte »).

func userExportCommand() *command {
	return &command{
		name:    "user export",
		summary: "Extrait au format JSON tout ce que la plateforme conserve sur une personne (demande d’accès RGPD), dans un fichier ou sur la sortie standard.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			email := fs.String("email", "", "adresse électronique du compte (obligatoire)")
			output := fs.String("output", "", "fichier où écrire l’extrait (par défaut : la sortie standard)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 || *email == "" {
					return usagef("Donnez l’adresse du compte (--email).")
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
				x, err := a.Privacy.Export(ctx, u.ID)
				if err != nil {
					return err
				}
				data, err := json.MarshalIndent(x, "", "  ")
				if err != nil {
					return err
				}
				data = append(data, '\n')
				if *output == "" {
					_, err = env.Stdout.Write(data)
					return err
				}
				if err := writeFileAtomic(*output, data); err != nil {
					return err
				}
				fmt.Fprintf(env.Stderr, "Données de %s écrites dans %s.\n", u.Email, *output)
				return nil
			}
		},
	}
}

func userDeleteCommand() *command {
	return &command{
		name:    "user delete",
		summary: "Supprime un compte à la demande de la personne (demande d’effacement RGPD) : ses brouillons, ses données, son nom dans le journal d’audit, qui reste vérifiable.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			email := fs.String("email", "", "adresse électronique du compte (obligatoire)")
			reason := fs.String("reason", "", "motif inscrit au journal d’audit, par exemple « demande reçue par courrier le 3 mars » (obligatoire)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 || *email == "" || *reason == "" {
					return usagef("Donnez l’adresse du compte (--email) et le motif de la demande (--reason).")
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
				if err := a.Privacy.DeleteAccount(ctx, u.ID, policy.Operator(a.operator), *reason); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Compte %s supprimé (n° %d) ; le journal d’audit le garde sous « %s ».\n", *email, u.ID, domain.AnonymousActor)
				return nil
			}
		},
	}
}
