package fr

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Paris on machines without a zoneinfo database
)

// Clock is the time source shared by the store, the engine and the
// services; tests replace it.
type Clock func() time.Time

// Paris returns the Europe/Paris location.
func Paris() *time.Location { return paris }

var paris = loadParis()

func loadParis() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		// Unreachable: time/tzdata embeds the zone.
		return time.FixedZone("CET", 3600)
	}
	return loc
}

var months = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// Month returns the French name of a month.
func Month(m time.Month) string { return months[m-1] }

// Date formats t's Paris date: « 1er septembre 2026 », « 15 octobre 2026 ».
func Date(t time.Time) string {
	t = t.In(paris)
	day := fmt.Sprint(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, months[t.Month()-1], t.Year())
}

// DateTime formats t in Paris time: « 15 octobre 2026 à 23 h 59 »,
// « 1er décembre 2026 à 8 h 05 », with no-break spaces around the « h »
// so that a time never breaks across lines.
func DateTime(t time.Time) string {
	p := t.In(paris)
	return fmt.Sprintf("%s à %d%sh%s%02d", Date(p), p.Hour(), NBSP, NBSP, p.Minute())
}

// Deadline formats an exclusive closing instant as the last minute one may
// still act: a campaign closing at 16 October 00:00 shows « 15 octobre 2026
// à 23 h 59 ».
func Deadline(closesAt time.Time) string {
	return DateTime(closesAt.Add(-time.Second))
}

// ParseInstant reads a date or date-time given by staff in Paris time:
// "2026-10-15T18:00", "2026-10-15 18:00" or "2026-10-15" (which, for a
// deadline, means the whole day: see ParseDeadline). RFC 3339 with an
// explicit offset is accepted too.
func ParseInstant(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, paris); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("date illisible « %s » : attendu AAAA-MM-JJ ou AAAA-MM-JJTHH:MM (heure de Paris)", s)
}

// ParseDeadline reads a closing date: a bare date "2026-10-15" means the end
// of that day in Paris (the instant returned is the next midnight, exclusive);
// a date-time is taken as is.
func ParseDeadline(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if d, err := time.ParseInLocation("2006-01-02", s, paris); err == nil {
		return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, paris).UTC(), nil
	}
	return ParseInstant(s)
}
