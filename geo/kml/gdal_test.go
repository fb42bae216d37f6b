package kml

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xiaoqu/xiaoqu/internal/testtool"
)

// TestGDALReadsOurKML checks that GDAL's ogrinfo reads the folders as layers, the
// placemark names, the attributes (with Chinese names, through the LIBKML driver) and the
// geometries, without a warning. It needs ogrinfo (gdal-bin) and skips without it.
func TestGDALReadsOurKML(t *testing.T) {
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		testtool.SkipOrFail(t, "ogrinfo not found on PATH; install gdal-bin to check KML files with GDAL")
	}
	path := filepath.Join(t.TempDir(), "out.kml")
	var b bytes.Buffer
	if err := Write(&b, sampleDocument()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	formats, _ := exec.Command("ogrinfo", "--formats").Output()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("ogrinfo", "-al", "-q", path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("ogrinfo wrote to standard error:\n%s", stderr.String())
	}
	want := []string{"Layer name: 小区", "Layer name: facilities", "Name (String) = 陆家嘴小区", "Name (String) = way/3",
		"POLYGON ((121.5 31.23,121.51 31.23,121.51 31.24,121.5 31.24,121.5 31.23),(121.502 31.232,121.503 31.233,121.503 31.232,121.502 31.232))",
		"MULTIPOLYGON (((121.52 31.23,121.53 31.23,121.53 31.24,121.52 31.23)))", "POINT (121.505 31.235)", "LINESTRING (121.5 31.2,121.6 31.3)"}
	if strings.Contains(string(formats), "LIBKML") {
		want = append(want, "名称 (String) = 陆家嘴小区", "户数 (String) = 480", "备注 (String) = <b>A&B</b>", "kind (String) = clinic", "Style = @s2")
	} else {
		t.Log("GDAL has no LIBKML driver; attributes not checked")
	}
	for _, w := range want {
		if !strings.Contains(stdout.String(), w) {
			t.Errorf("ogrinfo output lacks %q", w)
		}
	}
	if t.Failed() {
		t.Log(stdout.String())
	}
}
