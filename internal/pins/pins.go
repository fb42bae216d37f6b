//go:build pins

// Package pins holds blank imports of every dependency the design chose, so that `go mod tidy`
// keeps their exact versions in go.mod while the packages that use them are being written.
// It is built only with the "pins" tag and is removed once every dependency has a real user.
package pins

import (
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/jackc/pgx/v5"
	_ "github.com/paulmach/orb"
	_ "github.com/paulmach/orb/encoding/ewkb"
	_ "github.com/paulmach/orb/encoding/wkb"
	_ "github.com/paulmach/orb/encoding/wkt"
	_ "github.com/paulmach/orb/geojson"
	_ "github.com/peterstace/simplefeatures/geom"
	_ "github.com/peterstace/simplefeatures/rtree"
	_ "github.com/tidwall/geodesic"
	_ "github.com/tidwall/rtree"
	_ "github.com/twpayne/go-geom"
	_ "github.com/twpayne/go-geom/encoding/kml"
	_ "github.com/xuri/excelize/v2"
	_ "golang.org/x/text/encoding/simplifiedchinese"
	_ "gonum.org/v1/gonum/optimize/convex/lp"
	_ "gonum.org/v1/gonum/stat"
	_ "modernc.org/sqlite"
)
