package osm

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// dataDir is the shared folder of real extracts; tests that need it skip without it.
func extract(t testing.TB, name, file string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "..", "shared", "data", name, file)
	if dir := os.Getenv("XIAOQU_DATA"); dir != "" {
		p = filepath.Join(dir, name, file)
	}
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
		if diff := cmp.Diff(x, p, cmp.AllowUnexported(Data{})); diff != "" {
			t.Errorf("%s: XML and PBF differ (-xml +pbf):\n%s", name, diff)
		}
		t.Logf("%s: %d nodes (%d tagged), %d ways, %d relations", name, x.NodeCount(), len(x.TaggedNodes), len(x.Ways), len(x.Relations))
	}
}
