// Tests land here (issue 9).
