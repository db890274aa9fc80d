// HTML: placeholder until its first code lands
