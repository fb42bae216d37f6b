package osm

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/internal/testtool"
)

// TestAgainstOsmium reads each extract with osmium (Debian osmium-tool, libosmium's own
// readers) into its OPL text form and checks that Data holds the same nodes, positions,
// ways, relations, members and tags, element for element.
func TestAgainstOsmium(t *testing.T) {
	osmium := testtool.Command(t, "osmium", "osmium-tool")
	for _, name := range extracts {
		for _, file := range []string{"map.osm", "map.osm.pbf"} {
			path := extract(t, name, file)
			out, err := exec.Command(osmium, "cat", path, "-f", "opl").Output()
			if err != nil {
				t.Fatalf("osmium cat %s: %v", path, err)
			}
			want, err := parseOPL(out)
			if err != nil {
				t.Fatal(err)
			}
			d, err := ReadFile(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := &opl{Nodes: map[int64]orb.Point{}}
			for _, id := range d.NodeIDs() {
				p, _ := d.Node(id)
				got.Nodes[id] = p
			}
			got.Tagged = d.TaggedNodes
			got.Ways = d.Ways
			got.Relations = d.Relations
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s/%s: Data differs from osmium's reading (-osmium +ours):\n%s", name, file, diff)
			}
		}
	}
}

type opl struct {
	Nodes     map[int64]orb.Point
	Tagged    []Node
	Ways      []Way
	Relations []Relation
}

// parseOPL reads osmium's OPL: one element a line, fields by their first letter. A tag key
// given twice keeps its first value, as Read does.
func parseOPL(b []byte) (*opl, error) {
	o := &opl{Nodes: map[int64]orb.Point{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		id, err := strconv.ParseInt(fields[0][1:], 10, 64)
		if err != nil {
			return nil, err
		}
		var tags map[string]string
		var x, y float64
		var refs []int64
		var members []Member
		for _, f := range fields[1:] {
			v := f[1:]
			switch f[0] {
			case 'T':
				if v == "" {
					break
				}
				tags = map[string]string{}
				for _, kv := range strings.Split(v, ",") {
					k, val, _ := strings.Cut(kv, "=")
					k, val = unescapeOPL(k), unescapeOPL(val)
					if _, dup := tags[k]; !dup {
						tags[k] = val
					}
				}
			case 'x':
				x, _ = strconv.ParseFloat(v, 64)
			case 'y':
				y, _ = strconv.ParseFloat(v, 64)
			case 'N':
				for _, r := range strings.Split(v, ",") {
					n, _ := strconv.ParseInt(strings.TrimPrefix(r, "n"), 10, 64)
					refs = append(refs, n)
				}
			case 'M':
				if v == "" {
					break
				}
				for _, m := range strings.Split(v, ",") {
					ref, role, _ := strings.Cut(m[1:], "@")
					n, _ := strconv.ParseInt(ref, 10, 64)
					t := map[byte]ElementType{'n': TypeNode, 'w': TypeWay, 'r': TypeRelation}[m[0]]
					members = append(members, Member{Type: t, Ref: n, Role: unescapeOPL(role)})
				}
			}
		}
		switch fields[0][0] {
		case 'n':
			p := orb.Point{x, y}
			o.Nodes[id] = p
			if tags != nil {
				o.Tagged = append(o.Tagged, Node{ID: id, Point: p, Tags: tags})
			}
		case 'w':
			if refs == nil {
				refs = []int64{}
			}
			o.Ways = append(o.Ways, Way{ID: id, Nodes: refs, Tags: tags})
		case 'r':
			if members == nil {
				members = []Member{}
			}
			o.Relations = append(o.Relations, Relation{ID: id, Members: members, Tags: tags})
		default:
			return nil, fmt.Errorf("OPL line %q", sc.Text())
		}
	}
	return o, sc.Err()
}

// unescapeOPL decodes OPL's %hex% escapes.
func unescapeOPL(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '%')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i+1:], '%')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		r, err := strconv.ParseUint(s[i+1:i+1+j], 16, 32)
		if err == nil {
			b.WriteRune(rune(r))
		}
		s = s[i+2+j:]
	}
}
