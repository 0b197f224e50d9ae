"""The languages GovHub speaks: read by services (an account's or a community's language),
forms and the web shell's locale selection alike, so it lives below all of them."""

# Locale code -> the language's own name, shown in the language switcher.
# Babel spells zh_CN "zh_Hans_CN" (with its script), hence the catalogue's folder name.
SUPPORTED_LOCALES = {"en": "English", "zh_CN": "简体中文"}
