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
		args:    "CYCLE",
		summary: "Dessine un cycle de vie (candidature, campagne…) en diagramme Mermaid ou Graphviz, d’après sa définition.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			format := fs.String("format", "mermaid", "`format` du diagramme : mermaid ou dot")
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
					return usagef("Donnez le cycle de vie : %s.", strings.Join(names, ", "))
				}
				name := args[0]
				if name == "campaign" {
					name = "campagne"
				}
				if _, err := a.Engine.Lifecycle(name); err != nil {
					return usagef("Cycle de vie « %s » inconnu ; les cycles sont : %s.", args[0], strings.Join(names, ", "))
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
