// Package testtool lets tests use outside tools (GDAL's ogrinfo, Chromium, a PostGIS
// database) when they are there, and say so when they are not: such a test skips with a
// message — unless XIAOQU_REQUIRE_TOOLS is set, as .ci/run sets it after installing the tools,
// when it fails instead, so that CI can never pass by skipping the checks it installed the
// tools for.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// EnvRequire names the environment variable that turns skips into failures.
const EnvRequire = "XIAOQU_REQUIRE_TOOLS"

// SkipOrFail skips t with why, or fails it when EnvRequire is set.
func SkipOrFail(t testing.TB, why string) {
	t.Helper()
	if os.Getenv(EnvRequire) != "" {
		t.Fatal(why + " (" + EnvRequire + " is set)")
	}
	t.Skip(why)
}

// Command returns the path of the command name, or skips (or fails) t saying which Debian
// package provides it.
func Command(t testing.TB, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		SkipOrFail(t, name+" is not installed (Debian package "+debianPackage+")")
	}
	return path
}
