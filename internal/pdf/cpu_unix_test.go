//go:build unix

package pdf

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time used so far by the whole process, garbage
// collector included.
func processCPU() time.Duration { return rusage(syscall.RUSAGE_SELF) }

// childrenCPU returns the CPU time used by the terminated child processes.
func childrenCPU() time.Duration { return rusage(syscall.RUSAGE_CHILDREN) }

func rusage(who int) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(who, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
