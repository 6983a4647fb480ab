//! Small helpers for server functions that answer forms (server only): where to
//! go next, and cookies.

#[cfg(feature = "ssr")]
use leptos::prelude::*;

/// A path inside this site, or `fallback`: never an open redirect.
pub fn local_path(next: Option<&str>, fallback: &str) -> String {
    match next.map(str::trim) {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && !p.contains("://") =>
        {
            p.to_string()
        }
        _ => fallback.to_string(),
    }
}

/// Ends the server function's form post with a redirect to `path`.
#[cfg(feature = "ssr")]
pub fn go_to(path: &str) {
    leptos_axum::redirect(path);
}

#[cfg(feature = "ssr")]
pub fn set_cookie(value: &str) {
    if let (Some(res), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        res.append_header(http::header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(
            local_path(Some("/account/profile"), "/"),
            "/account/profile"
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "evil",
            "/\\evil.example",
            "",
        ] {
            assert_eq!(local_path(Some(bad), "/"), "/", "{bad}");
        }
        assert_eq!(local_path(None, "/x"), "/x");
    }
}
