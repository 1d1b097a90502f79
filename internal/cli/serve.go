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

	"github.com/adullact/tnl/internal/privacy"
	"github.com/adullact/tnl/internal/server"
	"github.com/adullact/tnl/internal/web"
)

func serveCommand() *command {
	return &command{
		name:    "serve",
		summary: "Lance le serveur web (applique d’abord les migrations en attente).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			cfg := server.Config{}
			fs.StringVar(&cfg.Addr, "addr", envDefault(env, "TNL_ADDR", ":8080"), "`adresse` d’écoute (variable TNL_ADDR)")
			fs.StringVar(&cfg.BaseURL, "base-url", envDefault(env, "TNL_BASE_URL", ""), "`adresse` publique de la plateforme, pour les liens des courriels (variable TNL_BASE_URL ; sinon l’adresse d’écoute, http://localhost:PORT)")
			db := databaseFlag(fs, env)
			fs.StringVar(&cfg.SMTPURL, "smtp", envDefault(env, "TNL_SMTP_URL", ""), "`URL` du serveur de courrier, par exemple smtp://utilisateur:motdepasse@serveur:587?from=label@adullact.org (variable TNL_SMTP_URL ; sinon les courriels vont au journal et à la page « Courriels envoyés » de l’équipe)")
			fs.StringVar(&cfg.Contact, "contact", envDefault(env, "TNL_CONTACT", ""), "`adresse` électronique de l’équipe donnée sur les pages publiques (variable TNL_CONTACT ; sinon contact@adullact.org)")
			fs.StringVar(&cfg.Hosting, "hebergeur", envDefault(env, "TNL_HEBERGEUR", ""), "`texte` : nom et adresse de l’hébergeur de l’instance, pour les mentions légales (variable TNL_HEBERGEUR)")
			fs.BoolVar(&cfg.Demo, "demo", false, "crée des données de démonstration (une campagne ouverte, un compte pour chaque rôle, une candidature à moitié remplie) et affiche comment se connecter")
			fs.StringVar(&cfg.MetricsAddr, "metrics-addr", envDefault(env, "TNL_METRICS_ADDR", ""), "`adresse` où servir /metrics au format Prometheus, à part de l’application, par exemple 127.0.0.1:9090 (variable TNL_METRICS_ADDR ; sinon pas de métriques)")
			interval := fs.String("scheduler-interval", envDefault(env, "TNL_SCHEDULER_INTERVAL", "30s"), "`durée` entre deux vérifications des événements datés, comme l’ouverture et la clôture d’une campagne (variable TNL_SCHEDULER_INTERVAL)")
			kitFile := fs.String("kit", envDefault(env, "TNL_KIT", ""), "`fichier` YAML du kit de l’ambassadeur, vérifié par « tnl kit check » (variable TNL_KIT ; sinon le kit livré)")
			widen := fs.String("visit-widen-after", envDefault(env, "TNL_VISIT_WIDEN_AFTER", ""), "`durée` sans preneur avant le rappel aux ambassadeurs, puis avant l’ajout des GULL suivants, par exemple 336h (variable TNL_VISIT_WIDEN_AFTER ; sinon 14 jours)")
			proxies := fs.String("trusted-proxies", envDefault(env, "TNL_TRUSTED_PROXIES", ""), "`adresses` IP ou réseaux CIDR des mandataires inverses dont l’en-tête de transfert (X-Forwarded-…) désigne le client, séparés par des virgules, par exemple 127.0.0.1,10.0.0.0/8 (variable TNL_TRUSTED_PROXIES ; sinon aucun : l’en-tête est ignoré)")
			insecure := envDefault(env, "TNL_INSECURE_COOKIES", "false")
			fs.BoolVar(&cfg.InsecureCookies, "insecure-cookies", false, "envoie les cookies sans l’attribut Secure, pour du HTTP simple sur un serveur autre que localhost (variable TNL_INSECURE_COOKIES=true)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 {
					return extraArgs(args)
				}
				if !flagSet(fs, "insecure-cookies") {
					v, err := strconv.ParseBool(insecure)
					if err != nil {
						return usagef("TNL_INSECURE_COOKIES=« %s » : true ou false attendu.", insecure)
					}
					cfg.InsecureCookies = v
				}
				cfg.DatabaseURL = *db
				trusted, err := web.ParseTrustedProxies(*proxies)
				if err != nil {
					return usagef("TNL_TRUSTED_PROXIES : %v.", err)
				}
				cfg.TrustedProxies = trusted
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
				cfg.MetricsToken = env.Getenv("TNL_METRICS_TOKEN")
				d, err := time.ParseDuration(*interval)
				if err != nil || d <= 0 {
					return usagef("Intervalle du planificateur « %s » : une durée positive est attendue, par exemple 30s.", *interval)
				}
				cfg.SchedulerInterval = d
				retention, err := privacy.FromEnv(env.Getenv)
				if err != nil {
					return usagef("%v", err)
				}
				cfg.Retention = &retention
				ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
				defer stop()
				m := server.New(cfg, env.logger())
				if err := m.Open(ctx); err != nil {
					return err
				}
				if s := m.DemoInstructions(); s != "" {
					fmt.Fprint(env.Stdout, s)
				}
				err = m.Wait(ctx)
				if cerr := m.Close(); err == nil {
					err = cerr
				}
				return err
			}
		},
	}
}
