// Package jsondup finds a member name repeated within one JSON object. encoding/json lets the
// last of two equal names win in silence, so a rule with "threshold":"3/4","threshold":"0/1"
// would tally at 0/1; every decoder of the module calls Check on its input first and refuses
// such input. This is the one place that check is written.
package jsondup
