package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
)

func workflowDiagramCommand() *command {
	return &command{
		name:    "workflow diagram",
		args:    "LIFECYCLE",
		summary: "Print a lifecycle (candidature, campagne…) as a Mermaid or Graphviz diagram, from its definition.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			format := fs.String("format", "mermaid", "mermaid or dot")
			return func(ctx context.Context, env *Env, args []string) error {
				a, err := env.wire(nil)
				if err != nil {
					return err
				}
				var names []string
				for _, m := range a.Engine.Lifecycles() {
					names = append(names, m.Name)
				}
				if len(args) != 1 {
					return usagef("give the lifecycle: %s", strings.Join(names, ", "))
				}
				name := args[0]
				if name == "campaign" {
					name = "campagne"
				}
				if _, err := a.Engine.Lifecycle(name); err != nil {
					return usagef("unknown lifecycle %q: %s", args[0], strings.Join(names, ", "))
				}
				out, err := a.Engine.Diagram(name, *format)
				if err != nil {
					return usagef("%v", err)
				}
				fmt.Fprint(env.Stdout, out)
				return nil
			}
		},
	}
}
