// Package budget computes money exactly: amounts in integer fen (分), apportionment of a total
// over weighted shares that always sums to the total, elevator cost-sharing schemes written as
// data, subsidies, hardship relief, running costs and programme funding.
//
// budget knows nothing of buildings, maps or owners' votes: callers give it totals and weights.
// The renovation package maps households and floors onto it.
package budget
