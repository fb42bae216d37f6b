package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// clockTick is USER_HZ, the unit of /proc's CPU times: 100 on every Linux ABI Go runs on.
const clockTick = 100.0

// snapCPU reads /proc/stat, this process's and its children's rusage, and the CPU time of
// every visible process named postgres.
func snapCPU() cpuSnap {
	s := cpuSnap{wall: time.Now()}
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return s
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	f := strings.Fields(string(line))
	if len(f) < 9 || f[0] != "cpu" {
		return s
	}
	v := make([]float64, 9)
	for i := 1; i < 9; i++ {
		x, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return s
		}
		v[i] = x / clockTick
	}
	// cpu user nice system idle iowait irq softirq steal
	s.busy = v[1] + v[2] + v[3] + v[6] + v[7]
	s.steal = v[8]
	var self, children syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &self) != nil || syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children) != nil {
		return s
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	s.ours = tv(self.Utime) + tv(self.Stime) + tv(children.Utime) + tv(children.Stime) + postgresCPU()
	s.ok = true
	return s
}

// postgresCPU sums the user and system time of the visible processes named postgres.
func postgresCPU() float64 {
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	var sum float64
	for _, d := range dirs {
		comm, err := os.ReadFile(filepath.Join(d, "comm"))
		if err != nil || strings.TrimSpace(string(comm)) != "postgres" {
			continue
		}
		stat, err := os.ReadFile(filepath.Join(d, "stat"))
		if err != nil {
			continue
		}
		// The fields after the command name, which is in parentheses and may hold spaces:
		// state is field 3, utime 14 and stime 15.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(stat[i+1:]))
		if len(f) < 13 {
			continue
		}
		u, err1 := strconv.ParseFloat(f[11], 64)
		k, err2 := strconv.ParseFloat(f[12], 64)
		if err1 == nil && err2 == nil {
			sum += (u + k) / clockTick
		}
	}
	return sum
}
