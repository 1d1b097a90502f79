package territoires

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/fr"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

// Counts says what an import did to one kind of collectivité.
type Counts struct {
	Created, Updated, Retired, Unchanged int
}

// Changed reports whether anything was written for this kind.
func (c Counts) Changed() bool { return c.Created+c.Updated+c.Retired > 0 }

// Report summarises an import.
type Report struct {
	Kinds          map[domain.CollectiviteKind]*Counts
	MembersAdded   int
	MembersRemoved int
	Duration       time.Duration
}

// Changed reports whether the import wrote anything.
func (r *Report) Changed() bool {
	for _, c := range r.Kinds {
		if c.Changed() {
			return true
		}
	}
	return r.MembersAdded+r.MembersRemoved > 0
}

// String renders the report in French, one line per kind.
func (r *Report) String() string {
	var b strings.Builder
	for _, k := range domain.Kinds {
		c, ok := r.Kinds[k]
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "%-12s %6s %s, %6s %s à jour, %6s %s, %6s %s\n", k.Label(),
			fr.Int(c.Created), fr.Plural(c.Created, "créée", "créées"), fr.Int(c.Updated), fr.Plural(c.Updated, "mise", "mises"),
			fr.Int(c.Retired), fr.Plural(c.Retired, "retirée", "retirées"), fr.Int(c.Unchanged), fr.Plural(c.Unchanged, "inchangée", "inchangées"))
	}
	if r.MembersAdded+r.MembersRemoved > 0 {
		fmt.Fprintf(&b, "Membres d’EPCI : %s, %s\n", fr.Count(r.MembersAdded, "ajout", "ajouts"), fr.Count(r.MembersRemoved, "retrait", "retraits"))
	}
	if !r.Changed() {
		b.WriteString("Aucun changement : les collectivités sont déjà à jour.\n")
	}
	fmt.Fprintf(&b, "Durée : %s\n", r.Duration.Round(time.Millisecond))
	return b.String()
}

// Import reads the official files named by args (see Resolve) and brings the
// database in line with them in one transaction: new collectivités are
// created, renamed or changed ones updated, those gone from a file retired
// (kept for history, marked inactive, with the commune nouvelle they merged
// into). A second import of the same files changes nothing.
func Import(ctx context.Context, st *store.Store, args []string) (*Report, error) {
	start := time.Now()
	sources, err := Resolve(args)
	if err != nil {
		return nil, err
	}
	ds, err := parse(sources)
	if err != nil {
		return nil, err
	}
	now := st.Now()
	communes, err := communeIndex(ctx, st, ds)
	if err != nil {
		return nil, err
	}
	desired := map[domain.CollectiviteKind][]domain.Collectivite{}
	if ds.has[FileRegions] {
		desired[domain.KindRegion] = regionRows(ds.regions, communes)
	}
	if ds.has[FileDepartements] {
		desired[domain.KindDepartement] = departementRows(ds.departements, communes)
	}
	if ds.has[FileCommunes] {
		desired[domain.KindCommune] = communeRows(ds.communes)
	}
	if ds.has[FileEPCI] {
		desired[domain.KindEPCI] = epciRows(ds.epci, communes)
	}

	report := &Report{Kinds: map[domain.CollectiviteKind]*Counts{}}
	changes := &store.TerritoryChanges{}
	for _, kind := range domain.Kinds {
		rows, ok := desired[kind]
		if !ok {
			continue
		}
		existing, err := st.CollectivitesOfKinds(ctx, kind)
		if err != nil {
			return nil, fmt.Errorf("lecture des collectivités existantes : %w", err)
		}
		counts := diff(rows, existing, ds.mergedInto, now, changes)
		report.Kinds[kind] = counts
	}
	if ds.has[FileEPCI] {
		current, err := st.EPCIMembers(ctx)
		if err != nil {
			return nil, fmt.Errorf("lecture des membres d’EPCI : %w", err)
		}
		changes.MembersAdd, changes.MembersRemove = diffMembers(ds.epci, current)
		report.MembersAdded, report.MembersRemoved = len(changes.MembersAdd), len(changes.MembersRemove)
	}
	if !changes.Empty() {
		if err := st.ApplyTerritoryChanges(ctx, changes); err != nil {
			return nil, err
		}
	}
	report.Duration = time.Since(start)
	return report, nil
}

// diff compares the desired rows of one kind with the stored ones, appends
// what must be written to changes and counts it.
func diff(desired, existing []domain.Collectivite, mergedInto map[string]string, now time.Time, changes *store.TerritoryChanges) *Counts {
	c := &Counts{}
	stored := make(map[string]*domain.Collectivite, len(existing))
	for i := range existing {
		stored[existing[i].Code] = &existing[i]
	}
	wanted := make(map[string]bool, len(desired))
	for _, row := range desired {
		wanted[row.Code] = true
		row.Active = true
		row.UpdatedAt = now
		old, ok := stored[row.Code]
		switch {
		case !ok:
			c.Created++
			changes.Upsert = append(changes.Upsert, row)
		case !sameData(old, &row):
			c.Updated++
			changes.Upsert = append(changes.Upsert, row)
		default:
			c.Unchanged++
		}
	}
	for _, old := range existing {
		if wanted[old.Code] || !old.Active {
			continue
		}
		c.Retired++
		row := old
		row.Active = false
		row.MergedInto = mergedInto[old.Code]
		row.UpdatedAt = now
		changes.Upsert = append(changes.Upsert, row)
	}
	return c
}

func sameData(a, b *domain.Collectivite) bool {
	return a.Name == b.Name && a.SearchName == b.SearchName && a.Siren == b.Siren &&
		a.Subtype == b.Subtype && a.DepartementCode == b.DepartementCode &&
		a.RegionCode == b.RegionCode && a.Population == b.Population &&
		a.PostalCodes == b.PostalCodes && a.Active == b.Active && a.MergedInto == b.MergedInto
}

func diffMembers(epci []epciEntry, current []domain.EPCIMember) (add, remove []domain.EPCIMember) {
	want := map[domain.EPCIMember]bool{}
	for _, e := range epci {
		for _, m := range e.Membres {
			want[domain.EPCIMember{EPCICode: e.Code, CommuneCode: m.Code}] = true
		}
	}
	have := make(map[domain.EPCIMember]bool, len(current))
	for _, m := range current {
		key := domain.EPCIMember{EPCICode: m.EPCICode, CommuneCode: m.CommuneCode}
		have[key] = true
		if !want[key] {
			remove = append(remove, key)
		}
	}
	for m := range want {
		if !have[m] {
			add = append(add, m)
		}
	}
	sortMembers(add)
	sortMembers(remove)
	return add, remove
}

func sortMembers(ms []domain.EPCIMember) {
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].EPCICode != ms[j].EPCICode {
			return ms[i].EPCICode < ms[j].EPCICode
		}
		return ms[i].CommuneCode < ms[j].CommuneCode
	})
}
