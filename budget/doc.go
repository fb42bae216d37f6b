// Package budget computes money exactly: amounts in integer fen (分), apportionment of a total
// over weighted shares that always sums to the total, elevator cost-sharing schemes written as
// data, subsidies, hardship relief, running costs and programme funding.
//
// budget knows nothing of buildings, maps or owners' votes: callers give it totals, weights and
// a small Household record (id, floor, exclusive area, hardship cap, waiver, provident fund).
// The renovation package maps its households and floors onto it.
//
// # Exactness
//
// Money is an int64 number of fen with overflow-checked Add, Sub and Mul; ParseMoney reads the
// ways ledgers write amounts ("600000", "60万", "¥1,234.56", "1234.5元") and never rounds.
// Weights (areas, coefficients, percentages) are exact rationals parsed from decimal text, never
// through float64. Floating point appears only inside Balance, whose linear-programme solution
// is turned into whole fen and polished by exact integer exchanges.
//
// # Apportionment
//
// Apportion splits a total over weights by the largest-remainder method (Hamilton's method):
// every item gets its exact share rounded down to the rounding unit (fen, jiao or yuan), and
// the units left over go one each to the items with the largest remainders; equal remainders go
// to the earlier item. The shares sum exactly to the total, each is within one unit of its exact
// share, more weight never pays less, and zero weight pays zero. Caps (a hardship household pays
// at most X) and waivers (a cap of zero) are honoured by water-filling: an item whose exact share
// exceeds its cap is fixed at the cap and the excess re-spread over the others by weight, until
// no cap is exceeded; caps that cannot all hold are an error saying by how much.
//
// # Elevator cost-sharing schemes
//
// A Scheme (the JSON file planners write) names a method (Civil Code Art. 283's default by
// exclusive area, equal, floors climbed, floor coefficients, coefficient × area, floor
// percentages, stairs saved), exempt floors, a subsidy (fixed or a capped percentage, with
// presets for the published rules, each citing source and date), compensation to low floors and
// the rounding unit. Applying it to a stairwell's households proceeds as: subsidy → apportion the
// residents' amount by weight → hardship caps and waivers → compensation to low floors (paid by
// the other payers in proportion to their shares, within their caps) → provident fund withdrawal
// against the share (cash due = share − provident fund, not below zero). Result.Explain says how
// each household's amounts were derived. Compile a scheme once and apply the Calculator to many
// stairwells, one Result per goroutine, with no allocation per stairwell. Applying takes a
// context: the exact math/big arithmetic that weights of large common denominators need can
// take seconds for tens of thousands of households, and stops with an error wrapping ctx.Err()
// once the context is done (Result.MarshalJSONContext likewise for the explanations).
//
// # Running costs and programme budgets
//
// RunningCosts splits yearly maintenance, electricity and a renewal fund by the same weighting,
// per year and per month. A Catalogue prices renovation items of the national categories (基础类,
// 完善类, 提升类) per m² of floor area or facade, per household, building or elevator, or as lump
// sums; Funding draws on sources (central subsidy, local budget, special bonds, residents,
// utilities, social capital, maintenance fund) with shares and caps and reports the gap. Balance
// allocates a limited subsidy pool across compounds (片区统筹平衡) to serve the most households;
// it takes a context too.
//
// References: Civil Code Arts. 281 and 283; 国办发〔2020〕23号; the published cost-sharing methods,
// subsidies and running costs collected in the project's domain-rules notes (§3 and §5), whose
// reliability grades the presets carry.
package budget
