package cli

import (
	tnlapp "github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/policy"

	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/privacy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// app is what the staff commands work with: the platform's services, and
// who runs the command.
type app struct {
	*tnlapp.App
	operator string // who runs the command, for the audit trail
}

func openApp(ctx context.Context, env *Env, dbURL string) (*app, error) {
	st, err := openStore(ctx, env, dbURL)
	if err != nil {
		return nil, err
	}
	a, err := env.wire(st)
	if err != nil {
		st.Close()
		return nil, err
	}
	return &app{App: a, operator: env.Getenv("USER")}, nil
}

// wire assembles the platform on st (nil for commands that read no
// database, such as diagrams).
func (e *Env) wire(st *store.Store) (*tnlapp.App, error) {
	retention, err := privacy.FromEnv(e.Getenv)
	if err != nil {
		return nil, err
	}
	return tnlapp.New(st, tnlapp.Config{BaseURL: envDefault(e, "TNL_BASE_URL", "http://localhost:8080"), Logger: e.logger(),
		Policy: e.Policy, Register: e.Register, Retention: &retention})
}

func (a *app) Close() error { return a.Store.Close() }

// actor resolves --as: an account's email, "system" for the platform, or,
// when empty, the operator at the command line, who acts as staff.
func (a *app) actor(ctx context.Context, as string) (policy.Principal, *domain.User, error) {
	switch strings.TrimSpace(as) {
	case "system":
		return policy.Platform(), nil, nil
	case "":
		return policy.Operator(a.operator), nil, nil
	}
	u, err := a.Store.UserByEmail(ctx, as)
	if err != nil {
		return policy.Principal{}, nil, domain.Errorf(domain.ENotFound, "Aucun compte pour l’adresse %s.", as)
	}
	return policy.User(u), u, nil
}

// candidatureID reads a candidature id or reference.
func (a *app) candidatureID(ctx context.Context, arg string) (int64, error) {
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil {
		return id, nil
	}
	c, err := a.Store.CandidatureByReference(ctx, arg)
	if err != nil {
		return 0, domain.Errorf(domain.ENotFound, "Candidature « %s » introuvable (donnez son numéro ou sa référence, ex. TNL-2026-COM-01001).", arg)
	}
	return c.ID, nil
}

// campaignByYear reads a campaign year argument.
func (a *app) campaignByYear(ctx context.Context, arg string) (*domain.Campaign, error) {
	year, err := strconv.Atoi(arg)
	if err != nil {
		return nil, usagef("« %s » n’est pas une année de campagne.", arg)
	}
	c, err := a.Store.CampaignByYear(ctx, year)
	if err != nil {
		return nil, domain.Errorf(domain.ENotFound, "Aucune campagne %d.", year)
	}
	return c, nil
}

// printTrail prints an audit trail in plain French, oldest first.
func printTrail(env *Env, d *workflow.Meta, trail []domain.AuditEntry) {
	if len(trail) == 0 {
		fmt.Fprintln(env.Stdout, "Aucun événement.")
		return
	}
	for _, e := range trail {
		line := fmt.Sprintf("%s  %-30s %s → %s  par %s", fr.DateTime(e.CreatedAt), d.EventLabel(e.Event),
			orDash(d.StateLabel(e.FromState)), d.StateLabel(e.ToState), e.ActorLabel)
		if e.ActorRole != "" {
			line += " (" + policy.TitleOf(e.ActorRole) + ")"
		}
		fmt.Fprintln(env.Stdout, line)
		if e.Comment != "" {
			fmt.Fprintf(env.Stdout, "    « %s »\n", e.Comment)
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// stringList is a repeatable flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ", ") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// onCandidature opens the application, resolves a candidature's id or
// reference and runs fn with them; most candidature commands are this.
func onCandidature(ctx context.Context, env *Env, dbURL, arg string, fn func(a *app, id int64) error) error {
	a, err := openApp(ctx, env, dbURL)
	if err != nil {
		return err
	}
	defer a.Close()
	id, err := a.candidatureID(ctx, arg)
	if err != nil {
		return err
	}
	return fn(a, id)
}

// onCampaign opens the application and runs fn on the campaign whose year
// is the command's only argument.
func onCampaign(ctx context.Context, env *Env, dbURL string, args []string, fn func(a *app, c *domain.Campaign) error) error {
	if len(args) != 1 {
		return usagef("Donnez l’année de la campagne.")
	}
	a, err := openApp(ctx, env, dbURL)
	if err != nil {
		return err
	}
	defer a.Close()
	c, err := a.campaignByYear(ctx, args[0])
	if err != nil {
		return err
	}
	return fn(a, c)
}

// reviewer opens, as the account --as names, the draft of a candidature
// for the jury's tools.
func (a *app) reviewer(ctx context.Context, as string, id int64) (*candidature.Draft, error) {
	who, u, err := a.actor(ctx, as)
	if err != nil {
		return nil, err
	}
	if u == nil && !who.Staff {
		return nil, domain.Errorf(domain.EInvalid, "--as doit désigner un compte du jury ou de l’équipe.")
	}
	return a.Candidatures.Open(ctx, id, who)
}
