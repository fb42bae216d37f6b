package sun_test

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo/sun"
)

// The sun at noon, apparent solar time, on 大寒日 2026 in Beijing.
func ExampleAtSolarTime() {
	day := sun.TermDay(2026, sun.GreatCold)
	p := sun.AtSolarTime(day, 12*60, 39.9042, 116.4074)
	fmt.Printf("%s: altitude %.2f°, azimuth %.2f°\n", day, p.Altitude, p.Azimuth)
	// Output: 2026-01-20: altitude 29.97°, azimuth 180.00°
}

// Hours of sun on the lowest sill of a south façade 30 m north of an 18 m slab, 8:00–16:00
// on 大寒日 in Beijing.
func ExampleTrack_Sunlit() {
	tr, err := sun.NewTrack(sun.TermDay(2026, sun.GreatCold), 39.9042, 116.4074, 8*60, 16*60, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	slab := sun.Prism{Ring: []orb.Point{{-60, -42}, {60, -42}, {60, -30}, {-60, -30}}, Height: 18}
	sill := sun.Receiver{At: orb.Point{0, 0.05}, Height: 0.9, Facing: 180}
	lit := tr.Sunlit(sill, []sun.Prism{slab})
	fmt.Printf("%.0f minutes of direct sun\n", lit.Total(0))
	// Output: 86 minutes of direct sun
}
