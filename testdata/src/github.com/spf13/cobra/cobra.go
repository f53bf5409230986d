// Package cobra is a STUB of github.com/spf13/cobra: only what the
// clientclose fixtures use.
package cobra

// Command is a command of a CLI.
type Command struct {
	Use  string
	Run  func(cmd *Command, args []string)
	RunE func(cmd *Command, args []string) error
}
