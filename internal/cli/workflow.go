package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/adullact/tnl/workflow"
)

func workflowDiagramCommand() *command {
	return &command{
		name:    "workflow diagram",
		args:    "candidature|campagne",
		summary: "Print a lifecycle as a Mermaid or Graphviz diagram, from its definition.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			format := fs.String("format", "mermaid", "mermaid or dot")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 {
					return usagef("give the lifecycle: candidature or campagne")
				}
				var d *workflow.Definition
				switch args[0] {
				case "candidature":
					d = workflow.Candidature()
				case "campagne", "campaign":
					d = workflow.Campagne()
				default:
					return usagef("unknown lifecycle %q: candidature or campagne", args[0])
				}
				out, err := d.Diagram(*format)
				if err != nil {
					return usagef("%v", err)
				}
				fmt.Fprint(env.Stdout, out)
				return nil
			}
		},
	}
}
