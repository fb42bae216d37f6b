package load_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/load"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

// TestSampleFiles loads the sample districts' files as a planner's own and checks that they
// give the model sample.Load gives, indicator for indicator.
func TestSampleFiles(t *testing.T) {
	for _, name := range sample.Names() {
		files, err := sample.Files(name)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := fs.WalkDir(files, ".", func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			b, err := fs.ReadFile(files, p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, p), b, 0o644)
		}); err != nil {
			t.Fatal(err)
		}
		o := load.Options{ID: name, Compounds: filepath.Join(dir, "compounds.geojson"), Buildings: filepath.Join(dir, "buildings.geojson"),
			Facilities: filepath.Join(dir, "facilities.geojson"), Households: filepath.Join(dir, "households.csv")}
		for file, field := range map[string]*string{"green.geojson": &o.GreenSpaces, "zones.geojson": &o.Zones} {
			if _, err := os.Stat(filepath.Join(dir, file)); err == nil {
				*field = filepath.Join(dir, file)
			}
		}
		d, rep, err := load.District(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		want, err := sample.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Join != nil || rep.Households == 0 {
			t.Errorf("%s: join %+v, %d households", name, rep.Join, rep.Households)
		}
		got, err := renovation.Indicators(context.Background(), d, nil)
		if err != nil {
			t.Fatal(err)
		}
		exp, err := renovation.Indicators(context.Background(), want, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(exp, got); diff != "" {
			t.Errorf("%s: indicators from the files differ from sample.Load's (-sample +files):\n%s", name, diff)
		}
	}
}
