package app

import (
	"time"

	"github.com/adullact/tnl/internal/kit"
	courrierlc "github.com/adullact/tnl/internal/lifecycle/courrier"
	gulllc "github.com/adullact/tnl/internal/lifecycle/gull"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/workflow"
)

// AmbassadeursConfig sets the ambassadeurs' side.
type AmbassadeursConfig struct {
	// WidenAfter is how long an unclaimed visit request waits before its
	// ambassadeurs are reminded, and again before the next-nearest GULLs
	// are added (default 14 days); EscalateAfter, before staff are asked
	// to act (default 45 days).
	WidenAfter    time.Duration
	EscalateAfter time.Duration
	// Kit is the ambassadeurs' kit (nil: the shipped one).
	Kit *kit.Kit
}

// registerAmbassadeurs registers the lifecycles of the ambassadeurs' side:
// the GULLs, the visit requests and the mailing campaigns.
func registerAmbassadeurs(engine *workflow.Engine, mailer *mail.Mailer, cfg AmbassadeursConfig) error {
	if err := workflow.Register(engine, gulllc.Definition(mailer)); err != nil {
		return err
	}
	if err := workflow.Register(engine, visitelc.Definition(visitelc.Deps{Mail: mailer, WidenAfter: cfg.WidenAfter, EscalateAfter: cfg.EscalateAfter})); err != nil {
		return err
	}
	return workflow.Register(engine, courrierlc.Definition(mailer))
}
