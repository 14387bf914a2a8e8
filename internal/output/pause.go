package output

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// pauseAt names a point at which a build stops and waits to be killed:
// DOCLOOM_TEST_PAUSE=write (after the first file written), swap (the new
// tree complete, before the swap) or swapped (after it, before the old
// tree is removed). Tests set it on a real docloom process to kill it at
// that exact moment; a build never pauses otherwise.
var pauseAt = os.Getenv("DOCLOOM_TEST_PAUSE")

var pauseOnce sync.Once

func pause(point string) {
	if pauseAt == "" || pauseAt != point {
		return
	}
	pauseOnce.Do(func() {
		fmt.Fprintf(os.Stderr, "docloom: paused at %s\n", point)
		for {
			time.Sleep(time.Hour)
		}
	})
}
