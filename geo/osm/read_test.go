package osm

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// extractPath is a file of the shared folder of real extracts: XIAOQU_SHARED_DATA, else the
// shared/data folder beside the checkout.
func extractPath(name, file string) string {
	for _, dir := range []string{os.Getenv("XIAOQU_SHARED_DATA"), "../../../shared/data", "../../../../shared/data"} {
		if dir == "" {
			continue
		}
		if p := filepath.Join(dir, name, file); fileExists(p) {
			return p
		}
	}
	return filepath.Join("../../../shared/data", name, file)
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// extract is extractPath, skipping the test when the file is not there.
func extract(t testing.TB, name, file string) string {
	t.Helper()
	p := extractPath(name, file)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("no %s: %v", p, err)
	}
	return p
}

var extracts = []string{"beijing-qinghuadonglu-osm", "beijing-tsinghua-wudaokou-osm"}

// TestXMLAndPBFAgree reads the XML and PBF copies of each extract: the same Data.
func TestXMLAndPBFAgree(t *testing.T) {
	for _, name := range extracts {
		x, err := ReadFile(extract(t, name, "map.osm"), nil)
		if err != nil {
			t.Fatal(err)
		}
		p, err := ReadFile(extract(t, name, "map.osm.pbf"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if x.Format != XML || p.Format != PBF {
			t.Errorf("%s: formats %v and %v", name, x.Format, p.Format)
		}
		x.Format = PBF
		if diff := cmp.Diff(x, p, cmp.AllowUnexported(Data{})); diff != "" {
			t.Errorf("%s: XML and PBF differ (-xml +pbf):\n%s", name, diff)
		}
		t.Logf("%s: %d nodes (%d tagged), %d ways, %d relations", name, x.NodeCount(), len(x.TaggedNodes), len(x.Ways), len(x.Relations))
	}
}
