package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/adullact/tnl/internal/version"
)

func versionCommand() *command {
	return &command{
		name:    "version",
		summary: "Affiche la version de tnl.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 {
					return extraArgs(args)
				}
				fmt.Fprintln(env.Stdout, version.String())
				return nil
			}
		},
	}
}
