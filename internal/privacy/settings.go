// Package privacy is tnl's handling of personal data (RGPD): the retention
// rules applied by the scheduler, each with an email notice before it
// deletes anything; the export of what the platform holds about a person;
// the deletion of an account, by its owner or by staff on their behalf;
// and the list of treatments with their durations that the « Données
// personnelles » page shows.
//
// A retention rule is registered by its area (Service.Register): the
// drafts never deposited and the inactive accounts are registered here;
// another area registers its own the same way (a visit request without
// follow-up, once that table exists).
package privacy

import (
	"fmt"
	"strconv"
	"time"
)

// Settings are the retention durations, from the server's configuration
// (TNL_RETENTION_DRAFT_MONTHS, TNL_RETENTION_ACCOUNT_YEARS,
// TNL_RETENTION_NOTICE_DAYS). Zero turns a rule off.
type Settings struct {
	// DraftMonths: a candidature never deposited is deleted this many
	// months after its campaign's deadline.
	DraftMonths int
	// AccountYears: an account neither used nor reached by API for this
	// many years is deleted.
	AccountYears int
	// NoticeDays: the people concerned are told by email this many days
	// before a deletion.
	NoticeDays int
}

// DefaultSettings: the drafts a year after their deadline, the accounts
// after three years without use (the CNIL's usual duration), a month's
// notice.
func DefaultSettings() Settings { return Settings{DraftMonths: 12, AccountYears: 3, NoticeDays: 30} }

// FromEnv reads the settings from the environment, defaults for what is
// not set.
func FromEnv(getenv func(string) string) (Settings, error) {
	s := DefaultSettings()
	for _, v := range []struct {
		name string
		dst  *int
	}{
		{"TNL_RETENTION_DRAFT_MONTHS", &s.DraftMonths},
		{"TNL_RETENTION_ACCOUNT_YEARS", &s.AccountYears},
		{"TNL_RETENTION_NOTICE_DAYS", &s.NoticeDays},
	} {
		raw := getenv(v.name)
		if raw == "" {
			continue
		}
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 {
			return s, fmt.Errorf("%s=%q : un nombre entier positif ou nul est attendu", v.name, raw)
		}
		*v.dst = n
	}
	return s, nil
}

// Notice is how long before a deletion its notice is sent.
func (s Settings) Notice() time.Duration { return time.Duration(s.NoticeDays) * 24 * time.Hour }
