// Command gen makes the sample districts embedded in package sample: real geometry from the
// OpenStreetMap extracts in osm/ (© OpenStreetMap contributors, ODbL), and a seeded generator
// for what OpenStreetMap does not hold — built years, storeys where untagged, building
// footprints where a compound has none mapped, and every household roster. Every generated
// value is marked: features carry synthetic: true (with synthetic_fields naming the generated
// properties when only some are), roster rows carry 模拟数据 = 是.
//
// Run it from package sample with `go generate`; the output is byte-for-byte the same on every
// run.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
)

func main() {
	osmDir := flag.String("osm", "internal/gen/osm", "folder with the OpenStreetMap extracts")
	outDir := flag.String("out", "data", "folder to write the sample districts into")
	flag.Parse()
	if err := run(*osmDir, *outDir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(osmDir, outDir string) error {
	// Each district has its own seeded stream, so changing one never changes the other.
	sh, err := buildShanghai(filepath.Join(osmDir, "shanghai"), rand.New(rand.NewPCG(2026, 1)))
	if err != nil {
		return fmt.Errorf("lujiazui: %w", err)
	}
	if err := sh.write(filepath.Join(outDir, "lujiazui")); err != nil {
		return err
	}
	bj, err := buildBeijing(filepath.Join(osmDir, "beijing"), rand.New(rand.NewPCG(2026, 2)))
	if err != nil {
		return fmt.Errorf("bupt: %w", err)
	}
	return bj.write(filepath.Join(outDir, "bupt"))
}
