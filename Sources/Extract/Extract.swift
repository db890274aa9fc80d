// Extract: placeholder until its first code lands
