//! A small PDF 1.7 writer (server only), enough for a one-page certificate:
//! text in an embedded TrueType font (a `Type0` font, `Identity-H`, glyphs
//! addressed by id, a `ToUnicode` map so the text can be searched, copied
//! and read by screen readers), filled and stroked rectangles, a QR code.
//! Streams are deflated; the cross-reference table gives every object's
//! byte offset.
//!
//! Arabic is written in its presentation forms (each letter's initial,
//! medial, final or isolated shape, lam-alef ligatures) and laid out right to
//! left (`shape::visual`); Latin, Greek and Cyrillic are written as they
//! are. Characters the font lacks (Chinese, Japanese, Korean) come out as
//! empty boxes: the verification page, in HTML, shows every name right.

use super::font::Font;
use super::shape::visual;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;

/// An RGB colour, each part 0–1.
pub type Colour = (f32, f32, f32);

enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        /// In visual order (already shaped).
        text: String,
        colour: Colour,
    },
    Fill {
        rect: [f32; 4],
        colour: Colour,
    },
    Frame {
        rect: [f32; 4],
        line: f32,
        colour: Colour,
    },
}

/// One page being drawn (points; the origin at the bottom left).
pub struct Page<'f> {
    pub width: f32,
    pub height: f32,
    font: &'f Font<'f>,
    ops: Vec<Op>,
}

/// A number as PDF writes it: at most two decimals, no trailing zeros.
fn num(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

impl<'f> Page<'f> {
    pub fn new(width: f32, height: f32, font: &'f Font<'f>) -> Self {
        Page {
            width,
            height,
            font,
            ops: vec![],
        }
    }

    /// The width of a text at `size`, as it will be drawn.
    pub fn text_width(&self, text: &str, size: f32) -> f32 {
        self.font.width(&visual(text), size)
    }

    /// Text starting at (x, y) on its baseline.
    pub fn text(&mut self, x: f32, y: f32, size: f32, text: &str, colour: Colour) {
        self.ops.push(Op::Text {
            x,
            y,
            size,
            text: visual(text),
            colour,
        });
    }

    /// Text centred on the page at baseline `y`, made smaller (down to half)
    /// when wider than `max_width`.
    pub fn centred(&mut self, y: f32, size: f32, max_width: f32, text: &str, colour: Colour) {
        let wide = self.text_width(text, size);
        let size = if wide > max_width {
            (size * max_width / wide).max(size / 2.0)
        } else {
            size
        };
        let x = (self.width - self.text_width(text, size)) / 2.0;
        self.text(x.max(0.0), y, size, text, colour);
    }

    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour) {
        self.ops.push(Op::Fill {
            rect: [x, y, w, h],
            colour,
        });
    }

    pub fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, line: f32, colour: Colour) {
        self.ops.push(Op::Frame {
            rect: [x, y, w, h],
            line,
            colour,
        });
    }

    /// A QR code's modules (`width` × `width`, row by row from the top) as
    /// black squares filling `size` points from (x, y).
    pub fn qr(&mut self, x: f32, y: f32, size: f32, width: usize, dark: &[bool]) {
        if width == 0 {
            return;
        }
        let m = size / width as f32;
        for (i, d) in dark.iter().enumerate() {
            if *d {
                let (row, col) = (i / width, i % width);
                let top = y + size - (row + 1) as f32 * m;
                self.fill(x + col as f32 * m, top, m, m, (0.0, 0.0, 0.0));
            }
        }
    }

    fn content(&self, glyphs: &BTreeMap<char, u16>) -> String {
        let mut out = String::new();
        let rgb = |(r, g, b): Colour| format!("{} {} {}", num(r), num(g), num(b));
        let rect =
            |r: &[f32; 4]| format!("{} {} {} {}", num(r[0]), num(r[1]), num(r[2]), num(r[3]));
        for op in &self.ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    text,
                    colour,
                } => {
                    let hex: String = text
                        .chars()
                        .map(|c| format!("{:04X}", glyphs.get(&c).copied().unwrap_or(0)))
                        .collect();
                    let _ = writeln!(
                        out,
                        "BT /F1 {} Tf {} rg 1 0 0 1 {} {} Tm <{hex}> Tj ET",
                        num(*size),
                        rgb(*colour),
                        num(*x),
                        num(*y)
                    );
                }
                Op::Fill { rect: r, colour } => {
                    let _ = writeln!(out, "{} rg {} re f", rgb(*colour), rect(r));
                }
                Op::Frame {
                    rect: r,
                    line,
                    colour,
                } => {
                    let _ = writeln!(
                        out,
                        "q {} RG {} w {} re S Q",
                        rgb(*colour),
                        num(*line),
                        rect(r)
                    );
                }
            }
        }
        out
    }
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = z.write_all(data);
    z.finish().unwrap_or_default()
}

/// A text string as PDF writes it: UTF-16BE with its byte order mark, in hex.
fn text_string(s: &str) -> String {
    let mut hex = String::from("<FEFF");
    for unit in s.encode_utf16() {
        let _ = write!(hex, "{unit:04X}");
    }
    hex.push('>');
    hex
}

/// The `ToUnicode` CMap: which characters each glyph stands for.
fn to_unicode(glyphs: &BTreeMap<char, u16>) -> String {
    let mut by_glyph: BTreeMap<u16, char> = BTreeMap::new();
    for (c, g) in glyphs {
        by_glyph.entry(*g).or_insert(*c);
    }
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let pairs: Vec<(u16, char)> = by_glyph.into_iter().filter(|(g, _)| *g != 0).collect();
    for chunk in pairs.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", chunk.len());
        for (g, c) in chunk {
            let mut units = [0u16; 2];
            let hex: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            let _ = writeln!(out, "<{g:04X}> <{hex}>");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// The PDF objects in order (object n is `objects[n - 1]`), then the file.
struct Writer {
    out: Vec<u8>,
    offsets: Vec<usize>,
}

impl Writer {
    fn new() -> Self {
        let mut out = b"%PDF-1.7\n".to_vec();
        // Bytes above 127 tell transfer tools the file is binary.
        out.extend_from_slice(b"%\xE2\xE3\xCF\xD3\n");
        Writer {
            out,
            offsets: vec![],
        }
    }

    fn object(&mut self, body: &str) {
        self.offsets.push(self.out.len());
        let n = self.offsets.len();
        let _ = write!(self.out, "{n} 0 obj\n{body}\nendobj\n");
    }

    fn stream(&mut self, dict: &str, data: &[u8]) {
        self.offsets.push(self.out.len());
        let n = self.offsets.len();
        let _ = write!(
            self.out,
            "{n} 0 obj\n<< {dict} /Length {} >>\nstream\n",
            data.len()
        );
        self.out.extend_from_slice(data);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    fn finish(mut self, id: &str) -> Vec<u8> {
        let xref = self.out.len();
        let size = self.offsets.len() + 1;
        let _ = write!(self.out, "xref\n0 {size}\n0000000000 65535 f \n");
        for o in &self.offsets {
            let _ = writeln!(self.out, "{o:010} 00000 n ");
        }
        let _ = write!(
            self.out,
            "trailer\n<< /Size {size} /Root 1 0 R /Info 10 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{xref}\n%%EOF\n"
        );
        self.out
    }
}

/// The page as a PDF file, with its title and creation time (`YYYYMMDDHHmmSS`).
pub fn write(page: &Page, title: &str, created: &str) -> Vec<u8> {
    let font = page.font;
    let mut glyphs: BTreeMap<char, u16> = BTreeMap::new();
    for op in &page.ops {
        if let Op::Text { text, .. } = op {
            for c in text.chars() {
                glyphs.insert(c, font.glyph(c));
            }
        }
    }
    let used: BTreeSet<u16> = glyphs.values().copied().collect();
    let content = page.content(&glyphs);
    let program = font
        .subset(&used)
        .unwrap_or_else(|| super::font::DEJAVU_SANS.to_vec());
    // The subset's tag: six capitals from the glyphs it holds.
    let tag: String = {
        let mut h: u32 = 2166136261;
        for g in &used {
            h = (h ^ *g as u32).wrapping_mul(16777619);
        }
        (0..6)
            .map(|i| (b'A' + ((h >> (i * 5)) % 26) as u8) as char)
            .collect()
    };
    let name = format!("{tag}+DejaVuSans");
    let scale = |v: i16| (v as i32 * 1000) / font.units_per_em.max(1) as i32;
    let widths: String = used
        .iter()
        .map(|g| format!("{g} [{}]", font.advance_1000(*g)))
        .collect::<Vec<_>>()
        .join(" ");
    let id = {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(format!("{title}{created}{content}").as_bytes());
        digest[..16]
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<String>()
    };

    let mut w = Writer::new();
    w.object("<< /Type /Catalog /Pages 2 0 R >>");
    w.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    w.object(&format!(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        num(page.width),
        num(page.height)
    ));
    w.stream("/Filter /FlateDecode", &deflate(content.as_bytes()));
    w.object(&format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 9 0 R >>"
    ));
    w.object(&format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 /W [{widths}] /CIDToGIDMap /Identity >>"
    ));
    w.object(&format!(
        "<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [{} {} {} {}] /ItalicAngle 0 /Ascent {} /Descent {} /CapHeight {} /StemV 80 /FontFile2 8 0 R >>",
        scale(font.bbox[0]),
        scale(font.bbox[1]),
        scale(font.bbox[2]),
        scale(font.bbox[3]),
        scale(font.ascender),
        scale(font.descender),
        scale(font.cap_height)
    ));
    w.stream(
        &format!("/Filter /FlateDecode /Length1 {}", program.len()),
        &deflate(&program),
    );
    w.stream(
        "/Filter /FlateDecode",
        &deflate(to_unicode(&glyphs).as_bytes()),
    );
    w.object(&format!(
        "<< /Title {} /Producer (Plenum) /CreationDate (D:{created}Z) >>",
        text_string(title)
    ));
    w.finish(&id)
}

/// What a certificate says, translated and filled in.
pub struct Certificate<'a> {
    pub title: &'a str,
    pub certifies: &'a str,
    pub name: &'a str,
    pub took_part: &'a str,
    pub edition: &'a str,
    pub when_where: &'a str,
    pub modes: &'a str,
    pub sessions: &'a str,
    pub issued: &'a str,
    pub verify: &'a str,
    pub url: &'a str,
    pub code: &'a str,
    /// The QR code of the verification address: width and modules.
    pub qr: Option<(usize, Vec<bool>)>,
    /// `YYYYMMDDHHmmSS`, UTC.
    pub created: &'a str,
    /// Laid out right to left (Arabic).
    pub rtl: bool,
}

/// A certificate: one A4 page, landscape.
pub fn certificate(c: &Certificate) -> Vec<u8> {
    let Some(font) = Font::parse(super::font::DEJAVU_SANS) else {
        return vec![];
    };
    let (w, h) = (842.0, 595.0);
    let blue = (0.0, 0.33, 0.58);
    let ink = (0.1, 0.1, 0.12);
    let grey = (0.35, 0.35, 0.38);
    let mut p = Page::new(w, h, &font);
    p.frame(22.0, 22.0, w - 44.0, h - 44.0, 3.0, blue);
    p.frame(32.0, 32.0, w - 64.0, h - 64.0, 0.75, blue);
    p.centred(480.0, 30.0, 700.0, c.title, blue);
    p.centred(428.0, 14.0, 700.0, c.certifies, grey);
    p.centred(378.0, 32.0, 720.0, c.name, ink);
    p.fill(w / 2.0 - 150.0, 364.0, 300.0, 0.75, grey);
    p.centred(334.0, 14.0, 700.0, c.took_part, grey);
    p.centred(296.0, 22.0, 720.0, c.edition, ink);
    p.centred(268.0, 13.0, 720.0, c.when_where, grey);
    p.centred(226.0, 13.0, 720.0, c.modes, ink);
    if !c.sessions.is_empty() {
        p.centred(206.0, 12.0, 720.0, c.sessions, grey);
    }
    // The issue date and the verification at the start of the line's
    // direction, the QR code at its end.
    let margin = 64.0;
    for (y, size, text, colour) in [
        (124.0, 11.0, c.issued, ink),
        (104.0, 10.0, c.verify, grey),
        (88.0, 10.0, c.url, blue),
        (64.0, 13.0, c.code, ink),
    ] {
        let x = if c.rtl {
            w - margin - p.text_width(text, size)
        } else {
            margin
        };
        p.text(x, y, size, text, colour);
    }
    if let Some((width, dark)) = &c.qr {
        let x = if c.rtl { margin } else { w - margin - 96.0 };
        p.qr(x, 52.0, 96.0, *width, dark);
    }
    write(&p, c.title, c.created)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Read;

    /// Checks the file's structure: header, every object where the xref
    /// says, startxref at the xref, the end marker; returns the objects.
    pub(crate) fn check_structure(pdf: &[u8]) -> Vec<String> {
        assert!(pdf.starts_with(b"%PDF-1.7\n"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        let text = String::from_utf8_lossy(pdf);
        let start: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .expect("startxref");
        assert!(pdf[start..].starts_with(b"xref\n0 "));
        let table = String::from_utf8_lossy(&pdf[start..]);
        let mut lines = table.lines().skip(1);
        let size: usize = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(lines.next(), Some("0000000000 65535 f "));
        let mut objects = vec![];
        for n in 1..size {
            let entry = lines.next().unwrap();
            assert_eq!(entry.len(), 19, "{entry:?}");
            let offset: usize = entry[..10].parse().unwrap();
            let head = format!("{n} 0 obj\n");
            assert!(
                pdf[offset..].starts_with(head.as_bytes()),
                "object {n} at {offset}"
            );
            let end = offset
                + pdf[offset..]
                    .windows(6)
                    .position(|w| w == b"endobj")
                    .unwrap();
            objects.push(String::from_utf8_lossy(&pdf[offset..end]).into_owned());
        }
        assert!(table.contains(&format!("trailer\n<< /Size {size} /Root 1 0 R")));
        objects
    }

    /// A stream object's data, inflated.
    pub(crate) fn inflate_stream(pdf: &[u8], object: usize) -> Vec<u8> {
        let objects = check_structure(pdf);
        let body = &objects[object - 1];
        let length: usize = body
            .split("/Length ")
            .last()
            .unwrap()
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let head = format!("{object} 0 obj\n");
        let start = pdf
            .windows(head.len())
            .position(|w| w == head.as_bytes())
            .unwrap();
        let data_at = start
            + pdf[start..]
                .windows(7)
                .position(|w| w == b"stream\n")
                .unwrap()
            + 7;
        let mut out = vec![];
        flate2::read::ZlibDecoder::new(&pdf[data_at..data_at + length])
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    fn sample() -> Vec<u8> {
        certificate(&Certificate {
            title: "Certificate of participation",
            certifies: "This is to certify that",
            name: "Zoë Ångström-Núñez",
            took_part: "took part in",
            edition: "Internet Governance Forum 2027",
            when_where: "2027-06-22 – 2027-06-26 · Geneva",
            modes: "Onsite and online",
            sessions: "3 sessions joined online",
            issued: "Issued on 2027-06-26",
            verify: "Verify it at",
            url: "https://plenum.example/certificates/0123-4567-89AB-CDZ0",
            code: "Code 0123-4567-89AB-CDZ0",
            qr: Some((
                3,
                vec![true, false, true, false, true, false, true, false, true],
            )),
            created: "20270626120000",
            rtl: false,
        })
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(1.23456), "1.23");
        assert_eq!(num(-0.001), "0");
    }

    #[test]
    fn the_file_is_well_formed() {
        let pdf = sample();
        let objects = check_structure(&pdf);
        assert_eq!(objects.len(), 10);
        assert!(objects[0].contains("/Type /Catalog"));
        assert!(objects[4].contains("/Subtype /Type0") && objects[4].contains("/Identity-H"));
        assert!(objects[9].contains("/Title <FEFF0043"));
        // The font program is a subset: the file stays small.
        assert!(pdf.len() < 60_000, "{} bytes", pdf.len());
        // To look at it: CERTIFICATE_SAMPLE=/tmp/sample.pdf cargo test …
        if let Ok(path) = std::env::var("CERTIFICATE_SAMPLE") {
            std::fs::write(&path, &pdf).unwrap();
            let arabic = certificate(&Certificate {
                title: "شهادة مشاركة",
                certifies: "نشهد بأن",
                name: "محمد عبد الله",
                took_part: "شارك في",
                edition: "منتدى حوكمة الإنترنت 2027",
                when_where: "2027-06-22 – 2027-06-26 · الرياض",
                modes: "شارك حضوريًا وسُجّل حضوره في مكان الاجتماع، وعبر الإنترنت",
                sessions: "الجلسات المتابعة عبر الإنترنت: 3",
                issued: "صدرت في 2027-06-26",
                verify: "يمكن لأي شخص التحقق من هذه الشهادة على العنوان",
                url: "https://plenum.example/certificates/0123-4567-89AB-CDZ0",
                code: "رمز التحقق: 0123-4567-89AB-CDZ0",
                qr: None,
                created: "20270626120000",
                rtl: true,
            });
            check_structure(&arabic);
            std::fs::write(format!("{path}.ar.pdf"), &arabic).unwrap();
        }
    }

    #[test]
    fn the_text_is_drawn_with_the_fonts_glyphs_and_maps_back() {
        let pdf = sample();
        let font = Font::parse(super::super::font::DEJAVU_SANS).unwrap();
        let content = String::from_utf8(inflate_stream(&pdf, 4)).unwrap();
        let hex: String = "Zoë"
            .chars()
            .map(|c| format!("{:04X}", font.glyph(c)))
            .collect();
        assert!(content.contains(&hex), "{content}");
        assert_eq!(content.matches(" Tj ET").count(), 12);
        // Five dark modules, as squares.
        assert_eq!(content.matches(" re f").count(), 6);
        let cmap = String::from_utf8(inflate_stream(&pdf, 9)).unwrap();
        assert!(cmap.contains(&format!("<{:04X}> <00EB>", font.glyph('ë'))));
        assert!(cmap.contains(&format!("<{:04X}> <00C5>", font.glyph('Å'))));
        let program = inflate_stream(&pdf, 8);
        assert!(Font::parse(&program).is_none(), "no cmap in the subset");
        assert_eq!(&program[..4], &[0, 1, 0, 0]);
    }

    #[test]
    fn arabic_names_are_drawn_with_real_glyphs() {
        let font = Font::parse(super::super::font::DEJAVU_SANS).unwrap();
        // Every letter, alone, first, in the middle and last in a word.
        for c in ('\u{0621}'..='\u{064A}').filter(|c| !('\u{063B}'..='\u{063F}').contains(c)) {
            for word in [
                format!("{c}"),
                format!("{c}ب"),
                format!("ب{c}ب"),
                format!("ب{c}"),
            ] {
                for shown in visual(&word).chars() {
                    assert_ne!(font.glyph(shown), 0, "{word} ({:X})", shown as u32);
                }
            }
        }
        for name in [
            "محمد عبد الله",
            "سلام",
            "Ангелина Ёлкина",
            "Łukasz Żółć",
            "Ngũgĩ wa Thiong'o",
        ] {
            assert!(visual(name).chars().all(|c| font.glyph(c) != 0), "{name}");
        }
    }

    #[test]
    fn long_names_are_made_smaller_to_fit() {
        let font = Font::parse(super::super::font::DEJAVU_SANS).unwrap();
        let mut p = Page::new(842.0, 595.0, &font);
        let long = "Maria Aparecida dos Santos Albuquerque de Vasconcelos Cavalcanti";
        p.centred(100.0, 32.0, 720.0, long, (0.0, 0.0, 0.0));
        let Op::Text { x, size, .. } = &p.ops[0] else {
            panic!()
        };
        assert!(*size < 32.0 && *x >= 0.0);
        assert!(font.width(long, *size) <= 720.5);
    }
}
