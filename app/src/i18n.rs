//! Every user-facing string comes from the locale files in `app/locales/`.
//! Keys are flat (`"nav.home"`); a missing key falls back to English, then to
//! the key itself (and a test keeps that from happening). The language of a
//! request is chosen on the server (cookie, profile, `Accept-Language`) and put
//! into `<html lang dir>`, where the browser side reads it back when hydrating.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    En,
    Fr,
    Ar,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::En, Locale::Fr, Locale::Ar];

    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
            Locale::Ar => "ar",
        }
    }

    /// The language's own name, shown in the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Fr => "Français",
            Locale::Ar => "العربية",
        }
    }

    pub fn dir(self) -> &'static str {
        match self {
            Locale::Ar => "rtl",
            _ => "ltr",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// Picks the best supported language from an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut choices: Vec<(f32, Locale)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?;
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                Some((q, Locale::from_code(tag)?))
            })
            .filter(|(q, _)| *q > 0.0)
            .collect();
        // Stable sort keeps the header's order among equal weights.
        choices.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
        choices.first().map(|(_, l)| *l)
    }

    fn source(self) -> &'static str {
        match self {
            Locale::En => include_str!("../locales/en.json"),
            Locale::Fr => include_str!("../locales/fr.json"),
            Locale::Ar => include_str!("../locales/ar.json"),
        }
    }
}

type Catalog = HashMap<String, String>;

fn catalogs() -> &'static [Catalog; 3] {
    static CATALOGS: OnceLock<[Catalog; 3]> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        Locale::ALL.map(|l| serde_json::from_str(l.source()).expect("locale file is valid JSON"))
    })
}

fn catalog(locale: Locale) -> &'static Catalog {
    &catalogs()[locale as usize]
}

/// The text for `key` in `locale`, falling back to English, then to the key.
pub fn translate(locale: Locale, key: &str) -> String {
    catalog(locale)
        .get(key)
        .or_else(|| catalog(Locale::En).get(key))
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// Like [`translate`], replacing `{name}` placeholders with the given values.
pub fn translate_with(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    fill(&translate(locale, key), args)
}

/// Puts the values into a text's `{placeholders}`.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Whether a key exists in a locale's own file (no fallback); used by tests.
pub fn has_key(locale: Locale, key: &str) -> bool {
    catalog(locale).contains_key(key)
}

/// All keys of a locale's file; used by tests.
pub fn keys(locale: Locale) -> impl Iterator<Item = &'static String> {
    catalog(locale).keys()
}

/// The language of the current page (provided by [`crate::App`]).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The text for `key` in the current page's language.
pub fn t(key: &str) -> String {
    translate(use_locale(), key)
}

/// The text for `key` with `{name}` placeholders filled in.
pub fn t_with(key: &str, args: &[(&str, &str)]) -> String {
    translate_with(use_locale(), key, args)
}

/// The language the server chose for this request (SSR), or the one the server
/// wrote into `<html lang>` (in the browser).
pub fn request_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Locale>().copied())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|code| Locale::from_code(&code))
            .unwrap_or_default()
    }
}

/// The cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "plenum_lang";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_weight_then_order() {
        assert_eq!(
            Locale::from_accept_language("fr-CH, fr;q=0.9, en;q=0.8"),
            Some(Locale::Fr)
        );
        assert_eq!(
            Locale::from_accept_language("de, ar;q=0.5, en;q=0.7"),
            Some(Locale::En)
        );
        assert_eq!(Locale::from_accept_language("de, zz"), None);
        assert_eq!(Locale::from_accept_language("en;q=0, ar"), Some(Locale::Ar));
    }

    #[test]
    fn arabic_is_right_to_left() {
        assert_eq!(Locale::Ar.dir(), "rtl");
        assert_eq!(Locale::Fr.dir(), "ltr");
    }

    #[test]
    fn placeholders_are_filled() {
        let text = translate_with(Locale::En, "mail.greeting", &[("name", "Amina")]);
        assert!(text.contains("Amina"), "{text}");
        assert!(!text.contains("{name}"));
    }

    #[test]
    fn every_locale_file_parses_and_uses_the_english_keys() {
        for locale in Locale::ALL {
            for key in keys(locale) {
                assert!(
                    has_key(Locale::En, key),
                    "{key} in {locale:?} is not an English key"
                );
            }
        }
    }

    /// French and Arabic are complete for the shell and the account pages
    /// (and for everything else, they fall back to English).
    #[test]
    fn french_and_arabic_cover_shell_and_accounts() {
        let required = [
            "nav.",
            "shell.",
            "accounts.",
            "error.",
            "mail.",
            "notice.",
            "field.",
        ];
        for key in keys(Locale::En) {
            if required.iter().any(|p| key.starts_with(p)) {
                for locale in [Locale::Fr, Locale::Ar] {
                    assert!(has_key(locale, key), "{key} missing in {locale:?}");
                }
            }
        }
    }
}
