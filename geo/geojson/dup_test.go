package geojson

import (
	"errors"
	"strings"
	"testing"
)

// A member given twice is ErrInvalid, at any level (issue 20 item 6).
func TestReadDuplicateMembers(t *testing.T) {
	for in, want := range map[string]string{
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"a":1,"a":2}}]}`:                                      `feature 0 (byte 94): member "a" is given twice in properties`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}]}`: `member "geometry" is given twice`,
		`{"type":"FeatureCollection","type":"Feature","features":[]}`:                                                                                  `byte 28: member "type" is given twice`,
		`{"type":"Point","coordinates":[1,2],"coordinates":[3,4]}`:                                                                                     `member "coordinates" is given twice`,
	} {
		_, err := Read(strings.NewReader(in), nil)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", in, err, want)
		}
	}
}
