// Fetch: placeholder until its first code lands
