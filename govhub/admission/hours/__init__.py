"""Workers' hours (工时): time entries against catalogue items, action items, meetings or
other work; the week's sheet; the workload view; the public aggregates."""
