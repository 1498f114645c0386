"""E-mail about a role to its employer: composing (emails) and sending (tasks)."""
