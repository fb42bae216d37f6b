package sample

import (
	"os/exec"
	"testing"
)

// goRun returns a command that runs a Go program of this module with the go tool that runs
// the tests.
func goRun(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH")
	}
	return exec.Command(goTool, append([]string{"run"}, args...)...)
}
