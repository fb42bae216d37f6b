// Package xlsx reads one sheet of an Excel workbook (.xlsx) as a table.Source, so that every
// table reader of the module reads workbooks by the same rules as CSV. It is its own package
// so that only callers who read workbooks link excelize.
//
// The workbook is bounded before it is unpacked: Options.MaxBytes bounds the file, and
// Options.MaxUnpacked what its parts unpack to, checked against the sizes the zip declares
// (and the zip reader checks that no part unpacks to more than it declares), so that a small
// zip bomb is refused at once. The sheet is read as a stream, row by row; a part larger than
// 16 MiB is unpacked to a temporary file rather than kept in memory.
package xlsx
