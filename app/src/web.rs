//! Small helpers for server functions that answer forms (server only): where to
//! go next, and cookies.

#[cfg(feature = "ssr")]
use leptos::prelude::*;

/// Percent-encodes a query value (everything but unreserved characters).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

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

/// Where a form goes back to: the page it came from (`back`, a path of this
/// site, as [`local_path`] judges it) or `fallback`, with `query` added
/// ("notice=…&n=2") in place of a notice and of those values it may carry
/// already.
pub fn back_with(back: Option<&str>, fallback: &str, query: &str) -> String {
    let page = local_path(back, fallback);
    let page = page.split('#').next().unwrap_or_default();
    let (path, old) = page.split_once('?').unwrap_or((page, ""));
    let key = |pair: &str| pair.split('=').next().unwrap_or_default().to_string();
    let replaced: Vec<String> = query.split('&').map(key).chain(["notice".into()]).collect();
    let kept: Vec<&str> = old
        .split('&')
        .filter(|p| !p.is_empty() && !replaced.contains(&key(p)))
        .chain(std::iter::once(query).filter(|q| !q.is_empty()))
        .collect();
    if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

/// The value of cookie `name` in a `Cookie` header, if present and not empty.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value for this site: `Path=/`, `SameSite=Lax` (links from
/// mail keep the session), `Secure` over https, `HttpOnly` unless the page's
/// script needs it, kept for `max_age` seconds (`Some(0)` removes it) or for
/// the browser session.
pub fn set_cookie_value(
    name: &str,
    value: &str,
    max_age: Option<u64>,
    http_only: bool,
    secure: bool,
) -> String {
    let mut cookie = format!("{name}={value}; Path=/; SameSite=Lax");
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if http_only {
        cookie.push_str("; HttpOnly");
    }
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
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
    use super::{back_with, cookie_value, local_path, set_cookie_value};

    #[test]
    fn forms_go_back_to_their_page_with_one_notice() {
        let b = |back: &str| back_with(Some(back), "/home", "notice=done&n=2");
        assert_eq!(
            b("/forums/x/programme?day=all#s1"),
            "/forums/x/programme?day=all&notice=done&n=2"
        );
        assert_eq!(b("/p?notice=old&q=a&n=1"), "/p?q=a&notice=done&n=2");
        assert_eq!(b("https://evil.example/"), "/home?notice=done&n=2");
        assert_eq!(back_with(None, "/home", ""), "/home");
    }

    #[test]
    fn cookies_are_read_and_written() {
        assert_eq!(
            cookie_value("a=1; plenum_session=xyz; b=2", "plenum_session"),
            Some("xyz")
        );
        assert_eq!(cookie_value("plenum_session=", "plenum_session"), None);
        assert_eq!(cookie_value("other=1", "plenum_session"), None);
        assert_eq!(
            set_cookie_value("s", "v", None, true, false),
            "s=v; Path=/; SameSite=Lax; HttpOnly"
        );
        assert_eq!(
            set_cookie_value("s", "", Some(0), false, true),
            "s=; Path=/; SameSite=Lax; Max-Age=0; Secure"
        );
    }

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
