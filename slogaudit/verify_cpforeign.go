package slogaudit

import "fmt"

// noteDiffers notes the finding (its index) of a checkpoint of the
// checkpoint file whose signed root differs from chain id's records.
func (v *verifier) noteDiffers(id string, finding int) {
	if v.cpDiffers == nil {
		v.cpDiffers = map[string][]int{}
	}
	v.cpDiffers[id] = append(v.cpDiffers[id], finding)
}

// foreignCheckpoints makes one finding of a chain's checkpoints of the
// checkpoint file when several were checked against its records and none
// matched: the checkpoint file is another log's (another run's, a copy
// of another host's), or every record it signed was replaced, one thing
// done, not one per checkpoint. Findings already withdrawn stay so.
func (v *verifier) foreignCheckpoints() {
	withdrawn := make(map[int]bool, len(v.withdrawn))
	for _, i := range v.withdrawn {
		withdrawn[i] = true
	}
	for _, id := range sortedKeys(v.cpDiffers) {
		var live []int
		for _, i := range v.cpDiffers[id] {
			if !withdrawn[i] {
				live = append(live, i)
			}
		}
		if len(live) < 2 || v.anyNoteMatched(id) {
			continue
		}
		f := &v.rep.Findings[live[0]]
		f.Detail = fmt.Sprintf("none of the %d checkpoints of the checkpoint file checked against the chain matches its records (the first, %s): the checkpoint file is another log's, or every record it signed was replaced; verify with the checkpoint file that this log's writer wrote",
			len(live), f.Detail)
		v.withdrawn = append(v.withdrawn, live[1:]...)
	}
	v.cpDiffers = nil
}

// anyNoteMatched reports whether a checkpoint of the checkpoint file
// matched chain id's records.
func (v *verifier) anyNoteMatched(id string) bool {
	for _, n := range v.notes[id] {
		if n.matched {
			return true
		}
	}
	return false
}
