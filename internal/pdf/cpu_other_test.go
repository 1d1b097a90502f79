//go:build !unix

package pdf

import "time"

// processCPU is not measured on this platform.
func processCPU() time.Duration { return 0 }

// childrenCPU is not measured on this platform.
func childrenCPU() time.Duration { return 0 }
