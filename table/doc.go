// Package table reads the spreadsheets street offices keep — household rosters, exclusive
// parts with their votes, a stairwell's households — as rows of text cells under a header,
// with one set of rules for every file:
//
//   - text: UTF-8 with or without a byte-order mark, or GBK/GB18030 as Excel on Chinese
//     Windows saves CSV, detected; a file that mixes them, or is valid in neither, is an
//     error naming the rows that are not; UTF-16 ("Unicode text") and workbooks given as CSV
//     are explained, not garbled;
//   - lines: CR, LF and CRLF line endings read alike, so a stray carriage return never merges
//     two rows;
//   - header: found in the first MaxTitleRows rows, so that a title row above it is skipped;
//     each column known by its English and Chinese names; a column named twice is an error,
//     and every header cell that no column reads is reported (Reader.Unread);
//   - rows: a CSV row with more or fewer cells than its header is an error naming the file,
//     row and both counts (an unquoted "56,30" must not become 56 and "30"); a file with no
//     data rows is an error;
//   - values: one area rule (ParseArea) and one yes/no vocabulary (ParseYesNo);
//   - errors: every problem is a *CellError with file, row and column; Errors collects them,
//     keeping at most MaxErrors, so that a file of bad rows cannot fill memory, and
//     counting the rest, so that the message gives the true total.
//
// table imports nothing of this module, so geo, budget, survey and renovation can all use it
// without importing each other. xlsx workbooks are read by the subpackage table/xlsx, which
// alone links excelize.
package table
