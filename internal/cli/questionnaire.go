package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/adullact/tnl/internal/fr"

	"github.com/adullact/tnl/questionnaire"
)

// readQuestionnaire reads the file given, or the shipped default.
func readQuestionnaire(args []string) ([]byte, string, error) {
	switch len(args) {
	case 0:
		return questionnaire.DefaultSource(), questionnaire.DefaultName, nil
	case 1:
		data, err := readInput(args[0])
		if err != nil {
			return nil, "", err
		}
		return data, args[0], nil
	}
	return nil, "", usagef("Donnez au plus un fichier.")
}

func questionnaireCheckCommand() *command {
	return &command{
		name:    "questionnaire check",
		args:    "[FICHIER]",
		summary: "Vérifie un fichier de questionnaire (par défaut : le questionnaire TNL 2026 intégré) et liste chaque problème avec sa ligne.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			return func(ctx context.Context, env *Env, args []string) error {
				data, name, err := readQuestionnaire(args)
				if err != nil {
					return err
				}
				if problems := questionnaire.Check(data, name); len(problems) > 0 {
					fmt.Fprint(env.Stdout, problems.Error())
					fmt.Fprintln(env.Stdout)
					return fmt.Errorf("%s dans %s", fr.Count(len(problems), "problème", "problèmes"), name)
				}
				q, err := questionnaire.Load(data, name)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s : questionnaire valide (« %s », version %s, %d questions, empreinte %s).\n",
					name, q.Title, q.Version, len(q.Questions()), shortHash(q.Hash))
				return nil
			}
		},
	}
}

func questionnaireShowCommand() *command {
	return &command{
		name:    "questionnaire show",
		args:    "[FICHIER]",
		summary: "Affiche le plan d’un questionnaire (par défaut : le questionnaire TNL 2026 intégré) : sections, clés, types, conditions, points.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			return func(ctx context.Context, env *Env, args []string) error {
				data, name, err := readQuestionnaire(args)
				if err != nil {
					return err
				}
				q, err := questionnaire.Load(data, name)
				if err != nil {
					fmt.Fprintln(env.Stdout, err.Error())
					return fmt.Errorf("questionnaire invalide : lancez « tnl questionnaire check %s »", name)
				}
				return questionnaire.Outline(env.Stdout, q)
			}
		},
	}
}
