package main

import (
	"fmt"
	"time"
)

// cpuSnap is a snapshot of CPU time, in seconds: busy is what the whole machine spent on
// anything but idling (user, nice, system, irq, softirq), steal what the hypervisor gave to
// other machines, ours what this program, its children (cs2cs, Planimeter) and the PostgreSQL
// processes it can see have used. The difference of two snapshots tells how busy others kept
// the machine in between (see othersBetween).
type cpuSnap struct {
	wall              time.Time
	busy, steal, ours float64
	ok                bool
}

// othersBetween describes the load others put on the machine between a and b: the CPU cores
// they kept busy on average (machine busy time less ours, over the wall time), and the cores
// stolen by the hypervisor. PostgreSQL processes that ended between the snapshots count as
// others, and every visible PostgreSQL process, even another cluster's, as ours.
func othersBetween(a, b cpuSnap) string {
	if !a.ok || !b.ok {
		return "others' load unknown"
	}
	wall := b.wall.Sub(a.wall).Seconds()
	if wall <= 0 {
		return "others' load unknown"
	}
	others := max(0, (b.busy-a.busy)-(b.ours-a.ours)) / wall
	return fmt.Sprintf("others kept %.2f cores busy, steal %.2f cores, we used %.2f cores", others, (b.steal-a.steal)/wall, (b.ours-a.ours)/wall)
}
