// Package frtext formats quantities for French-speaking users.
package frtext

import (
	"fmt"
	"strings"
)

// Size formats a number of bytes as users read it: « 532 octets »,
// « 12 ko », « 1,5 Mo » (binary multiples, decimal comma).
func Size(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.Replace(fmt.Sprintf("%.1f Mo", float64(n)/(1<<20)), ".", ",", 1)
	case n >= 1<<10:
		return fmt.Sprintf("%d ko", n>>10)
	}
	return fmt.Sprintf("%d octets", n)
}
