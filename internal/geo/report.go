package geo

import (
	"fmt"
	"slices"
	"strings"

	"github.com/adullact/tnl/internal/fr"
)

// String summarises the report in French for an import command's output:
// « 34 969 communes : 34 864 par leur code de 2018, 4 par une ancienne
// commune, 7 approchées par leur code postal, 94 sans centre (975, 977…) ».
func (r Report) String() string {
	parts := []string{
		thousands(r.Direct) + " par leur code de 2018",
		thousands(r.ViaFormer) + " par une ancienne commune",
	}
	if r.Approximate > 0 {
		parts = append(parts, thousands(r.Approximate)+" "+plural(r.Approximate, "approchée", "approchées")+" par leur code postal")
	}
	unresolved := thousands(r.Unresolved) + " sans centre"
	if r.Unresolved > 0 {
		unresolved += " (" + plural(len(departementsOf(r.UnresolvedCodes)), "département ou collectivité", "départements ou collectivités") +
			" " + strings.Join(departementsOf(r.UnresolvedCodes), ", ") + ")"
	}
	parts = append(parts, unresolved)
	return fmt.Sprintf("%s %s : %s", thousands(r.Current), plural(r.Current, "commune", "communes"), strings.Join(parts, ", "))
}

// departementsOf returns the distinct départements (or overseas
// collectivités) of commune codes, in order.
func departementsOf(codes []string) []string {
	var deps []string
	for _, c := range codes {
		d := c[:2]
		if d == "97" || d == "98" {
			d = c[:3]
		}
		if !slices.Contains(deps, d) {
			deps = append(deps, d)
		}
	}
	slices.Sort(deps)
	return deps
}

// thousands formats n the French way, groups of three digits apart by a
// narrow no-break space: « 34 864 ».
func thousands(n int) string { return fr.Int(n) }

// plural picks the French singular for 0 and 1, the plural above.
func plural(n int, one, many string) string { return fr.Plural(n, one, many) }
