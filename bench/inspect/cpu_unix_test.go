//go:build unix

package inspectbench

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user + system) this process has used: on a
// loaded machine it says more about the work done than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
