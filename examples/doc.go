// Package examples holds runnable programs, one per subdirectory, that show planners and
// integrators how to use the library on real data. Each embeds sample data so that it runs with
// no arguments, and takes flags that point it at your own files.
//
// The examples are programs, not a library: import the geo, budget, survey and renovation
// packages instead of copying code from here.
package examples
