// The full-text index lands here (issue 9).
