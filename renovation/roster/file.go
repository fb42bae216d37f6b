package roster

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ReadFile reads a roster from a .csv or .xlsx file, chosen by the file's extension.
func ReadFile(path string, opts *Options) (*Roster, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".txt":
		return ReadCSV(f, path, opts)
	case ".xlsx":
		return ReadXLSX(f, path, opts)
	}
	return nil, fmt.Errorf("%s: a roster must be a .csv or .xlsx file", path)
}
