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
		summary: "Seat an account in a campaign's jury (charter accepted on their behalf).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "campaign year (required)")
			email := fs.String("email", "", "the account's email (required)")
			president := fs.Bool("president", false, "the jury's president")
			organisation := fs.String("organisation", "", "the juror's organisation")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 || *year == 0 || *email == "" {
					return usagef("--campaign and --email are required")
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
