// Package benchcpu measures the CPU time of the running process for benchmarks. The
// machines the benchmarks run on are shared, and wall time counts the time other processes
// held the cores; CPU time (user and system, every thread, the garbage collector's too) does
// not, so benchmarks report it beside ns/op. It is for the project's tests, nothing more.
package benchcpu
