package network_test

import (
	"context"
	"fmt"

	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/geo/network"
)

// A footway with a shape node, a street beyond it, and a search from both ends within 150 m.
func Example() {
	ways := []network.Way{
		{ID: 1, Nodes: []int64{10, 11, 12}, Points: []orb.Point{{116.340, 40}, {116.341, 40}, {116.342, 40}},
			Tags: map[string]string{"highway": "footway"}},
		{ID: 2, Nodes: []int64{12, 13}, Points: []orb.Point{{116.342, 40}, {116.344, 40}},
			Tags: map[string]string{"highway": "residential"}},
	}
	g, err := network.Build(ways, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	a, _ := g.Locate(10)
	b, _ := g.Locate(13)
	r, err := g.Search(context.Background(), []network.Source{{ID: 1, At: a}, {ID: 2, At: b}}, 150)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range r.Within() {
		fmt.Printf("node %d: %.1f m from source %d\n", n.Node, n.Metres, n.Source)
	}
	// Output:
	// node 10: 0.0 m from source 1
	// node 11: 85.4 m from source 1
	// node 13: 0.0 m from source 2
}
