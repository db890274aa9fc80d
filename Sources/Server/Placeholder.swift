// Routes land here (issue 9).
