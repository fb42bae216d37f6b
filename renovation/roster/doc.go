// Package roster reads household rosters (住户花名册): the spreadsheets street offices keep
// with one row per dwelling — building, unit, floor, room, area, owner, status, tenure,
// residents — from CSV or xlsx files, into renovation.Household values.
//
// Headers may be in English (id, building, unit, floor, room, area_m2, owner, status, tenure,
// residents, ...) or in the Chinese a street office uses (户号, 楼栋, 单元, 楼层, 房号, 建筑面积,
// 业主, 状态, 居住情况, 人数, ...); a title row above the header is skipped. CSV may be UTF-8,
// with or without a byte-order mark, or GBK/GB18030 as Excel on Chinese Windows saves it.
//
// A roster with any bad row loads nothing: Read returns an *Errors listing every bad cell with
// its file, row and column, never only the first.
//
// roster leaves the meaning of the rows to the renovation package; Attach places them into a
// compound's buildings and units.
package roster
