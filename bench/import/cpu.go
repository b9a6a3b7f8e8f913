package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// CPU time, which a busy machine disturbs far less than wall time: the
// server's is that of the PostgreSQL cluster (the postmaster's own, its
// exited children's, and its live children's, from /proc), the client's
// that of the loader process.

const clockTicks = 100 // USER_HZ on Linux

// postmasterPID returns the postmaster's pid from its data directory, or 0.
func postmasterPID(pgdata string) int {
	if pgdata == "" {
		return 0
	}
	b, err := os.ReadFile(filepath.Join(pgdata, "postmaster.pid"))
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	return pid
}

// procStat returns the fields of /proc/PID/stat after the command name:
// field 0 is the state, 1 the parent pid, 11–14 utime, stime, cutime, cstime.
func procStat(pid string) []string {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return nil
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 || i+2 > len(s) {
		return nil
	}
	return strings.Fields(s[i+2:])
}

func ticks(f []string, from, to int) float64 {
	var t float64
	for i := from; i <= to && i < len(f); i++ {
		v, _ := strconv.ParseFloat(f[i], 64)
		t += v
	}
	return t
}

// serverCPU returns the CPU seconds the cluster of postmaster pid has used.
func serverCPU(pid int) float64 {
	if pid == 0 {
		return 0
	}
	ppid := strconv.Itoa(pid)
	t := ticks(procStat(ppid), 11, 14)
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		if f := procStat(e.Name()); len(f) > 12 && f[1] == ppid {
			t += ticks(f, 11, 12)
		}
	}
	return t / clockTicks
}

// selfCPU returns this process's CPU seconds.
func selfCPU() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return seconds(ru.Utime) + seconds(ru.Stime)
}

func seconds(tv syscall.Timeval) float64 {
	return (time.Duration(tv.Sec)*time.Second + time.Duration(tv.Usec)*time.Microsecond).Seconds()
}
