// Config: placeholder until its first code lands
