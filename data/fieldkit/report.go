package fieldkit

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// HasProblems reports whether the sync left records unsent: conflicts or
// changes the server cannot apply.
func (r Report) HasProblems() bool { return len(r.Conflicts) > 0 || len(r.Unsupported) > 0 }

// Summary is the report in one line, Chinese with English beside it.
func (r Report) Summary() string {
	return fmt.Sprintf("新建 created %d, 更新 updated %d, 冲突 conflicts %d, 无法更新 unsupported %d, 无变化 unchanged %d",
		len(r.Created), len(r.Updated), len(r.Conflicts), len(r.Unsupported), r.Unchanged)
}

// WriteTable writes the summary and one row per created, updated,
// conflicting or unsupported record: result, kind, ID, the fields that
// differ and the reason.
func (r Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "同步结果 sync result: "+r.Summary())
	if len(r.Created)+len(r.Updated)+len(r.Conflicts)+len(r.Unsupported) > 0 {
		fmt.Fprintln(tw, "\n结果 result\t类型 kind\tID\t字段 fields\t原因 reason")
	}
	for _, g := range []struct {
		label   string
		changes []Change
	}{
		{"新建 created", r.Created}, {"更新 updated", r.Updated},
		{"冲突 conflict", r.Conflicts}, {"无法更新 unsupported", r.Unsupported},
	} {
		for _, c := range g.changes {
			fields := strings.Join(c.Fields, ", ")
			if fields == "" {
				fields = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", g.label, c.Kind, c.ID, fields, c.Reason)
		}
	}
	return tw.Flush()
}
