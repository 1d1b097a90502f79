package cli

import (
	"context"
	"flag"
	"fmt"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/adullact/tnl/internal/kit"

	"github.com/adullact/tnl/internal/server"
)

func serveCommand() *command {
	return &command{
		name:    "serve",
		summary: "Start the web server (applies pending migrations first).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			cfg := server.Config{}
			fs.StringVar(&cfg.Addr, "addr", envDefault(env, "TNL_ADDR", ":8080"), "listen address (env TNL_ADDR)")
			fs.StringVar(&cfg.BaseURL, "base-url", envDefault(env, "TNL_BASE_URL", ""), "public address of the platform, for links in emails (env TNL_BASE_URL; default http://localhost:8080)")
			db := databaseFlag(fs, env)
			fs.StringVar(&cfg.SMTPURL, "smtp", envDefault(env, "TNL_SMTP_URL", ""), "mail server, e.g. smtp://user:password@host:587?from=label@adullact.org (env TNL_SMTP_URL; default: messages go to the log and the staff outbox page)")
			fs.BoolVar(&cfg.Demo, "demo", false, "create demonstration data (an open campaign, accounts for every role, a half-filled candidature) and print how to sign in")
			kitFile := fs.String("kit", envDefault(env, "TNL_KIT", ""), "fichier YAML du kit de l’ambassadeur, vérifié par « tnl kit check » (env TNL_KIT ; défaut : le kit livré)")
			widen := fs.String("visit-widen-after", envDefault(env, "TNL_VISIT_WIDEN_AFTER", ""), "délai sans preneur avant le rappel aux ambassadeurs, puis avant l’ajout des GULL suivants, par exemple 336h (env TNL_VISIT_WIDEN_AFTER ; défaut : 14 jours)")
			insecure := envDefault(env, "TNL_INSECURE_COOKIES", "false")
			fs.BoolVar(&cfg.InsecureCookies, "insecure-cookies", false, "send cookies without the Secure flag, for plain HTTP on a host other than localhost (env TNL_INSECURE_COOKIES=true)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected arguments: %v", args)
				}
				if !flagSet(fs, "insecure-cookies") {
					v, err := strconv.ParseBool(insecure)
					if err != nil {
						return usagef("TNL_INSECURE_COOKIES=%q: want true or false", insecure)
					}
					cfg.InsecureCookies = v
				}
				cfg.DatabaseURL = *db
				if *kitFile != "" {
					data, err := readInput(*kitFile)
					if err != nil {
						return err
					}
					k, err := kit.Load(data, *kitFile)
					if err != nil {
						return fmt.Errorf("kit invalide, lancez « tnl kit check %s » :\n%w", *kitFile, err)
					}
					cfg.Ambassadeurs.Kit = k
				}
				if *widen != "" {
					d, err := time.ParseDuration(*widen)
					if err != nil || d <= 0 {
						return usagef("--visit-widen-after=%q: want a positive duration such as 336h", *widen)
					}
					cfg.Ambassadeurs.WidenAfter = d
				}
				cfg.DebugAddr = envDefault(env, "TNL_PPROF_ADDR", "")
				ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
				defer stop()
				m := server.New(cfg, env.logger())
				if err := m.Open(ctx); err != nil {
					return err
				}
				if s := m.DemoInstructions(); s != "" {
					fmt.Fprint(env.Stdout, s)
				}
				err := m.Wait(ctx)
				if cerr := m.Close(); err == nil {
					err = cerr
				}
				return err
			}
		},
	}
}
