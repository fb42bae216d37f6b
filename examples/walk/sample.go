package main

import (
	"bytes"
	_ "embed"
	"fmt"

	"github.com/xiaoqu/xiaoqu/geo/osm"
)

// The embedded sample: the OpenStreetMap export of 清华东路 / 学清路, Haidian, Beijing
// (bounds 116.34403,39.99767 – 116.35974,40.00888), re-encoded as PBF.
// © OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright).
//
//go:embed sample/qinghuadonglu.osm.pbf
var samplePBF []byte

// The sample's default question: from 石科院北门 (an entrance, node 5671538345) and a gate
// (node 1360087400), every node within 400 m.
var (
	sampleFrom   = []int64{5671538345, 1360087400}
	sampleWithin = 400.0
)

// readSample reads the embedded sample.
func readSample() (*osm.Data, error) {
	d, err := osm.Read(bytes.NewReader(samplePBF), osm.Detect, nil)
	if err != nil {
		return nil, fmt.Errorf("the embedded sample: %w", err)
	}
	return d, nil
}

// sampleNote says that the embedded sample is in use, and what it is.
func sampleNote(o options) string {
	return fmt.Sprintf("No -osm given: the embedded sample, OpenStreetMap data of 清华东路 / 学清路, Haidian, Beijing "+
		"(© OpenStreetMap contributors, ODbL 1.0); from nodes %v%s.", o.from, limitNote(o))
}

// limitNote describes the question's targets.
func limitNote(o options) string {
	if o.within >= 0 {
		return fmt.Sprintf(", every node within %g m", o.within)
	}
	return fmt.Sprintf(", to nodes %v", o.to)
}
