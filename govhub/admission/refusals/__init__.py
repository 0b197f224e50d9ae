"""Refusals (拒收登记): tasks that reached a community outside the admission process, the rule
that answers each, and the public monthly figures per department."""
