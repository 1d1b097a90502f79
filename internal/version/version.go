// Package version reports the build's version from the Go build information.
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// String returns "tnl <version> (<revision>, <go version>)".
func String() string {
	v, rev := "(devel)", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = s.Value[:12]
			}
		}
	}
	if rev != "" {
		return fmt.Sprintf("tnl %s (%s, %s)", v, rev, runtime.Version())
	}
	return fmt.Sprintf("tnl %s (%s)", v, runtime.Version())
}
