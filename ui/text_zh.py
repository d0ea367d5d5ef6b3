TEXT_ZH: dict[str, str] = {}
