// Package survey counts owners: exclusive parts (专有部分) and their owners, ballots, consent
// rules as data (Civil Code Art. 278 and the local elevator rules) tallied exactly in integers,
// willingness surveys, payment collection and census reconciliation.
//
// survey knows nothing of buildings or maps: callers give it parts with owners, areas and scope
// labels. The renovation package maps households onto parts.
//
// # Counting owners
//
// A Part has an ID, an Owner, an exact Area in 0.01 m² (chosen by the SPC interpretation on
// building division ownership, Art. 8: the register area, else the surveyed area, else the sale
// contract's; see AreaRecords), a Status and scope labels. Headcount follows Art. 9: one part,
// one person; all of the developer's unsold and undelivered parts together one person
// (DeveloperBloc); an owner of several parts once. Area always sums over parts.
//
// # Rules and tallies
//
// A Rule is a list of Clauses joined by AND. A Clause compares the agreeing or participating
// owners' area or headcount with a Fraction of all owners in scope or of those taking part,
// inclusive (≥, 以上) or strict (>, 过半数, 超过) as Civil Code Art. 1259 says. Presets returns
// the published rules, each with its source and date: civil-code-2021-major (items 6–8,
// including an added elevator), civil-code-2021-ordinary, the Property Law 2007 and the
// Property Management Regulation 2018, and local elevator rules. Owners of parts the works
// occupy must each agree whatever the majorities; some local rules also allow no unresolved
// objection (Objection, Resolution).
//
// Tally counts a Poll (parts, Ballots, objections) under a rule. The Result gives every
// clause's numerator, denominator, threshold and margin, the legal basis, the ballots it could
// not count and why (BallotProblem), and what it would take to pass (Needed): the fewest
// further owners whose agreement passes it, or why nothing can. Every comparison is a
// cross-multiplication in 128-bit integers. WriteReport explains a result in Chinese and
// English. ReadRoster decodes the CSV rosters street offices keep.
//
// Under the Civil Code 2021 rules an owner who did not vote and comes to agree never turns a
// pass into a fail; an abstainer can turn a fail into a pass (by completing the 2/3 quorum) or
// a pass into a fail (by raising the participating denominator of the 3/4 or 1/2 clause).
//
// # Canvasses, payments and censuses
//
// Rates and Wilson give agreement rates with 95% intervals from a willingness canvass
// (意愿摸排), by floor, tenure or age band; Triage sorts stairwells into ready to sign, a few
// objectors to visit, and waiting for a Q&A meeting, naming the owners to visit. Collection
// follows a fee from the households asked to the money in hand (amounts in integer fen).
// Reconcile checks that a census's declared counts add up and reports every identity that
// does not.
//
// Values are plain structs with JSON tags; zero values work where documented and nothing is
// global. No function modifies its arguments, so all are safe for concurrent use.
package survey
