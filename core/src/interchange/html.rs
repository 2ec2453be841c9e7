//! HTML fragments (as found in TimelineJS files and feeds) turned into plain text.
//!
//! Never an HTML parser for rendering: the output is text that the app shows as text.
//! Tags are dropped (block tags become line breaks), the content of `<script>` and
//! `<style>` is dropped whole, comments are dropped, and character references are
//! decoded. One pass over the input: linear time on any input, including unclosed
//! tags, endless comments and huge numeric references.

/// Elements whose start or end breaks the line (`<p>`, `<br>`, `<li>`…).
const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
];

/// Elements whose content is never text.
const RAW_TAGS: &[&str] = &["script", "style", "template", "noscript", "iframe", "object", "svg", "math"];

/// The named character references worth knowing in text (the rest stay as written).
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("bdquo", '„'),
    ("middot", '·'),
    ("copy", '©'),
    ("shy", '\u{ad}'),
];

/// Longest character reference looked at (`&#x10FFFF;` and the named ones fit).
const MAX_REFERENCE: usize = 12;

/// Plain text of an HTML fragment: tags removed, references decoded, runs of blank
/// lines folded to one, spaces inside a line folded, ends trimmed.
pub fn to_text(html: &str) -> String {
    let mut raw = String::with_capacity(html.len());
    let bytes = html.as_bytes();
    let mut i = 0;
    // Inside <script>…</script> and the like: everything up to the closing tag is dropped.
    let mut raw_until: Option<&str> = None;
    // Position of the next `>` at or after `i` (None: there is none): found once per
    // `>`, so many unclosed `<` cost one scan, not one each.
    let mut next_gt: Option<usize> = html.find('>');
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                if html[i..].starts_with("<!--") {
                    i = html[i + 4..].find("-->").map_or(bytes.len(), |end| i + 4 + end + 3);
                    continue;
                }
                if next_gt.is_some_and(|g| g < i) {
                    next_gt = html[i..].find('>').map(|g| i + g);
                }
                let Some(close) = next_gt.map(|g| g - i) else {
                    // An unclosed `<`: text, not a tag.
                    if raw_until.is_none() {
                        raw.push('<');
                    }
                    i += 1;
                    continue;
                };
                let tag = &html[i + 1..i + close];
                let (closing, name) = tag_name(tag);
                match raw_until {
                    Some(until) => {
                        if closing && name.eq_ignore_ascii_case(until) {
                            raw_until = None;
                        }
                    }
                    None => {
                        if name.is_empty() {
                            // `< b` or `<>`: text.
                            raw.push_str(&html[i..i + close + 1]);
                        } else if let Some(t) = RAW_TAGS.iter().find(|t| t.eq_ignore_ascii_case(name)) {
                            if !closing && !tag.trim_end().ends_with('/') {
                                raw_until = Some(t);
                            }
                        } else if BLOCK_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
                            raw.push('\n');
                        }
                    }
                }
                i += close + 1;
            }
            b'&' if raw_until.is_none() => {
                let (c, used) = reference(&html[i..]);
                match c {
                    Some(c) => raw.push(c),
                    None => raw.push('&'),
                }
                i += used;
            }
            _ => {
                let next = html[i..].find(['<', '&']).map_or(bytes.len(), |n| i + n);
                let next = next.max(i + 1);
                if raw_until.is_none() {
                    raw.push_str(&html[i..next]);
                }
                i = next;
            }
        }
    }
    fold_space(&raw)
}

/// (is a closing tag, element name) of the inside of `<…>`.
fn tag_name(tag: &str) -> (bool, &str) {
    let (closing, rest) = match tag.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, tag),
    };
    let end = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
    (closing, &rest[..end])
}

/// Decodes the character reference at the start of `s` (which starts with `&`):
/// the character, if it is one, and how many bytes it used.
fn reference(s: &str) -> (Option<char>, usize) {
    // Bytes, not a str slice: the window may end inside a multi-byte character.
    let window = &s.as_bytes()[..s.len().min(MAX_REFERENCE)];
    let Some(semi) = window.iter().position(|&b| b == b';') else { return (None, 1) };
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse::<u32>().ok(),
        };
        // Control characters and NUL are not text: a reference to one is dropped as `�`.
        code.map(|c| char::from_u32(c).filter(|c| !c.is_control() || *c == '\n' || *c == '\t').unwrap_or('\u{fffd}'))
    } else {
        ENTITIES.iter().find(|(name, _)| *name == body).map(|(_, c)| *c)
    };
    match c {
        Some(c) => (Some(c), semi + 1),
        None => (None, 1),
    }
}

/// Spaces folded inside lines, blank lines folded, ends trimmed, as a browser folds
/// HTML white space: only ASCII white space folds; a no-break space stays.
fn fold_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank_run = false;
    for line in s.split('\n') {
        let words: Vec<&str> = line.split(|c: char| c.is_ascii_whitespace()).filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            blank_run = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run { "\n\n" } else { "\n" });
        }
        blank_run = false;
        out.push_str(&words.join(" "));
    }
    out
}

/// `text` escaped for an HTML text node or attribute value (for files other tools read
/// as HTML, such as a TimelineJS export).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_tags_and_keeps_text() {
        assert_eq!(to_text("<p>One <b>two</b></p><p>three</p>"), "One two\n\nthree");
        assert_eq!(to_text("a<br>b<br/>c"), "a\nb\nc");
        assert_eq!(to_text("<p>a</p>\n\n\n<p>b</p>"), "a\n\nb");
    }

    #[test]
    fn scripts_styles_and_comments_are_not_text() {
        assert_eq!(to_text("x<script>alert(1)</script>y"), "xy");
        assert_eq!(to_text("x<style>p{}</style>y"), "xy");
        assert_eq!(to_text("x<!-- hidden -->y"), "xy");
        assert_eq!(to_text("x<svg onload=alert(1)><g/></svg>y"), "xy");
        assert_eq!(to_text("x<img src=x onerror=alert(1)>y"), "xy");
        // An unclosed script hides the rest; an unclosed comment too.
        assert_eq!(to_text("x<script>alert(1)"), "x");
        assert_eq!(to_text("x<!-- y"), "x");
    }

    #[test]
    fn references_decode() {
        assert_eq!(to_text("Fish &amp; chips &lt;3 &#8220;q&#x201D;"), "Fish & chips <3 “q”");
        assert_eq!(to_text("a&nbsp;b \u{a0}c"), "a\u{a0}b \u{a0}c");
        assert_eq!(to_text("AT&T &unknown; & done"), "AT&T &unknown; & done");
        assert_eq!(to_text("&#0;&#x1b;&#99999999999;"), "\u{fffd}\u{fffd}&#99999999999;");
        assert_eq!(to_text("&lt;script&gt;alert(1)&lt;/script&gt;"), "<script>alert(1)</script>");
        // A reference window ending inside a multi-byte character.
        assert_eq!(to_text("&ёёёёёёё;"), "&ёёёёёёё;");
        assert_eq!(to_text("a&«»«»«»"), "a&«»«»«»");
    }

    #[test]
    fn stray_angle_brackets_are_text() {
        assert_eq!(to_text("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
        assert_eq!(to_text("a <> b"), "a <> b");
        assert_eq!(to_text("x < y"), "x < y");
    }

    #[test]
    fn escape_round_trips_through_to_text() {
        for s in ["<b>\"q\" & 'a'</b>", "plain", "«ёлка» — 1 < 2"] {
            assert_eq!(to_text(&escape(s)), s);
        }
    }

    #[test]
    fn linear_on_hostile_shapes() {
        // Unclosed `<`, `&` without `;`, comment and script openers, tags without end, at
        // 1 MB each: a pass that rescanned the rest of the input per tag would take
        // minutes here; one pass takes well under a second even in a debug build.
        // (Callgrind counts exactly ten times the instructions for ten times the input;
        // a wall-time ratio is too noisy on a shared machine to be a test.)
        for shape in ["<", "&", "&#", "<a ", "<script>x<", "a<b", "<!---"] {
            let s = shape.repeat(1_000_000 / shape.len());
            let t = std::time::Instant::now();
            std::hint::black_box(to_text(&s));
            assert!(t.elapsed().as_secs_f64() < 10.0, "{shape:?} took {:?}", t.elapsed());
        }
    }
}
