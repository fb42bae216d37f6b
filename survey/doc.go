// Package survey counts owners: exclusive parts (专有部分) and their owners, ballots, consent
// rules as data (Civil Code Art. 278 and the local elevator rules) tallied exactly in integers,
// willingness surveys, payment collection and census reconciliation.
//
// survey knows nothing of buildings or maps: callers give it parts with owners, areas and scope
// labels. The renovation package maps households onto parts.
package survey
