//! Markdown written by people, rendered to HTML that is safe to show: only
//! harmless tags and attributes survive, links get `rel="noopener noreferrer"`.

pub fn to_safe_html(markdown: &str) -> String {
    use pulldown_cmark::{html, Options, Parser};
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut raw = String::new();
    html::push_html(&mut raw, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let html = to_safe_html("# Hello\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) **bold**");
        assert!(html.contains("<h1>Hello</h1>"));
        assert!(html.contains("<strong>bold</strong>"));
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn links_stay_and_are_safe() {
        let html = to_safe_html("[IGF](https://www.intgovforum.org)");
        assert!(html.contains("href=\"https://www.intgovforum.org\""));
        assert!(html.contains("rel=\"noopener noreferrer\""));
    }
}
