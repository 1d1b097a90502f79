package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

func juryAddCommand() *command {
	return &command{
		name:    "jury add",
		summary: "Fait siéger un compte au jury d’une campagne (la charte est acceptée en son nom).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "`année` de la campagne (obligatoire)")
			email := fs.String("email", "", "`adresse` électronique du compte (obligatoire)")
			president := fs.Bool("president", false, "préside le jury")
			organisation := fs.String("organisation", "", "`organisme` du juré")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 || *year == 0 || *email == "" {
					return usagef("Les options --campaign et --email sont obligatoires.")
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				cp, err := a.campaignByYear(ctx, strconv.Itoa(*year))
				if err != nil {
					return err
				}
				u, err := a.Store.UserByEmail(ctx, *email)
				if err != nil {
					return domain.Errorf(domain.ENotFound, "Aucun compte pour l’adresse %s : créez-le d’abord (tnl user add).", *email)
				}
				seat := domain.SeatMember
				if *president {
					seat = domain.SeatPresident
				}
				now := a.Store.Now()
				if err := a.Store.PutJuryMember(ctx, &store.JuryMember{CampaignID: cp.ID, UserID: u.ID, Seat: seat,
					Organisation: strings.TrimSpace(*organisation), CharterAcceptedAt: &now}); err != nil {
					return err
				}
				what := "membre du jury"
				if *president {
					what = "président ou présidente du jury"
				}
				fmt.Fprintf(env.Stdout, "%s est %s de la campagne %d.\n", u.Email, what, cp.Year)
				return nil
			}
		},
	}
}
