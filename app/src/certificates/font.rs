//! The TrueType font the certificates are written in, read just enough to
//! embed it in a PDF (server only): the glyph of a character (`cmap`), its
//! advance (`hmtx`), the metrics the font descriptor names (`head`, `hhea`,
//! `OS/2`), and a subset keeping only the glyphs a document uses (glyph ids
//! unchanged, so the PDF can address glyphs by id: `CIDToGIDMap /Identity`).
//!
//! The font is DejaVu Sans (Bitstream Vera licence, `app/fonts/`): Latin with
//! every diacritic, Greek, Cyrillic and Arabic (with its presentation forms,
//! which `shape` uses); it has no Chinese, Japanese or Korean glyphs.

use std::collections::BTreeSet;

/// DejaVu Sans, compiled in.
pub static DEJAVU_SANS: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

fn i16_at(d: &[u8], at: usize) -> Option<i16> {
    u16_at(d, at).map(|v| v as i16)
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

/// A parsed TrueType font (borrowing its bytes).
pub struct Font<'a> {
    data: &'a [u8],
    tables: Vec<([u8; 4], usize, usize)>,
    pub units_per_em: u16,
    pub num_glyphs: u16,
    num_h_metrics: u16,
    pub ascender: i16,
    pub descender: i16,
    pub cap_height: i16,
    /// xMin, yMin, xMax, yMax.
    pub bbox: [i16; 4],
    loca_long: bool,
    /// The offset of the Unicode cmap subtable in the font and its format.
    cmap: (usize, u16),
}

impl<'a> Font<'a> {
    /// Reads a TrueType font; none when it is not one this code understands.
    pub fn parse(data: &'a [u8]) -> Option<Font<'a>> {
        if u32_at(data, 0)? != 0x0001_0000 {
            return None;
        }
        let count = u16_at(data, 4)? as usize;
        let mut tables = Vec::with_capacity(count);
        for i in 0..count {
            let rec = 12 + 16 * i;
            let tag: [u8; 4] = data.get(rec..rec + 4)?.try_into().ok()?;
            let offset = u32_at(data, rec + 8)? as usize;
            let length = u32_at(data, rec + 12)? as usize;
            data.get(offset..offset + length)?;
            tables.push((tag, offset, length));
        }
        let find = |tag: &[u8; 4]| {
            tables
                .iter()
                .find(|(t, _, _)| t == tag)
                .map(|(_, o, l)| (*o, *l))
        };
        let (head, _) = find(b"head")?;
        let (hhea, _) = find(b"hhea")?;
        let (maxp, _) = find(b"maxp")?;
        find(b"hmtx")?;
        find(b"glyf")?;
        find(b"loca")?;
        let (cmap, _) = find(b"cmap")?;
        let ascender = i16_at(data, hhea + 4)?;
        let cap_height = match find(b"OS/2") {
            Some((os2, len)) if u16_at(data, os2)? >= 2 && len >= 90 => i16_at(data, os2 + 88)?,
            _ => ascender,
        };
        // The Unicode subtable: full repertoire (3,10) if there, else BMP (3,1).
        let subtables = u16_at(data, cmap + 2)? as usize;
        let mut best: Option<(usize, u16, u8)> = None;
        for i in 0..subtables {
            let rec = cmap + 4 + 8 * i;
            let platform = u16_at(data, rec)?;
            let encoding = u16_at(data, rec + 2)?;
            let at = cmap + u32_at(data, rec + 4)? as usize;
            let format = u16_at(data, at)?;
            let rank = match (platform, encoding, format) {
                (3, 10, 12) => 3,
                (0, _, 12) => 2,
                (3, 1, 4) => 1,
                (0, _, 4) => 1,
                _ => continue,
            };
            if best.is_none_or(|(_, _, r)| rank > r) {
                best = Some((at, format, rank));
            }
        }
        let (cmap_at, cmap_format, _) = best?;
        Some(Font {
            data,
            units_per_em: u16_at(data, head + 18)?,
            bbox: [
                i16_at(data, head + 36)?,
                i16_at(data, head + 38)?,
                i16_at(data, head + 40)?,
                i16_at(data, head + 42)?,
            ],
            loca_long: i16_at(data, head + 50)? == 1,
            num_glyphs: u16_at(data, maxp + 4)?,
            num_h_metrics: u16_at(data, hhea + 34)?,
            ascender,
            descender: i16_at(data, hhea + 6)?,
            cap_height,
            tables,
            cmap: (cmap_at, cmap_format),
        })
    }

    /// The bytes of a table.
    pub fn table(&self, tag: &[u8; 4]) -> Option<&'a [u8]> {
        self.tables
            .iter()
            .find(|(t, _, _)| t == tag)
            .map(|(_, o, l)| &self.data[*o..*o + *l])
    }

    /// The glyph of a character; 0 (`.notdef`, a box) when the font has none.
    pub fn glyph(&self, c: char) -> u16 {
        let (at, format) = self.cmap;
        let found = match format {
            12 => self.glyph_12(at, c as u32),
            _ => self.glyph_4(at, c as u32),
        };
        found.filter(|g| *g < self.num_glyphs).unwrap_or(0)
    }

    fn glyph_12(&self, at: usize, c: u32) -> Option<u16> {
        let d = self.data;
        let groups = u32_at(d, at + 12)? as usize;
        let (mut lo, mut hi) = (0, groups);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let g = at + 16 + 12 * mid;
            let (start, end) = (u32_at(d, g)?, u32_at(d, g + 4)?);
            if c < start {
                hi = mid;
            } else if c > end {
                lo = mid + 1;
            } else {
                return Some((u32_at(d, g + 8)? + (c - start)) as u16);
            }
        }
        None
    }

    fn glyph_4(&self, at: usize, c: u32) -> Option<u16> {
        if c > 0xFFFF {
            return None;
        }
        let d = self.data;
        let seg_x2 = u16_at(d, at + 6)? as usize;
        let ends = at + 14;
        let starts = ends + seg_x2 + 2;
        let deltas = starts + seg_x2;
        let ranges = deltas + seg_x2;
        for i in 0..seg_x2 / 2 {
            let end = u16_at(d, ends + 2 * i)? as u32;
            if c > end {
                continue;
            }
            let start = u16_at(d, starts + 2 * i)? as u32;
            if c < start {
                return None;
            }
            let delta = u16_at(d, deltas + 2 * i)?;
            let range_at = ranges + 2 * i;
            let range = u16_at(d, range_at)? as usize;
            if range == 0 {
                return Some((c as u16).wrapping_add(delta));
            }
            let g = u16_at(d, range_at + range + 2 * (c - start) as usize)?;
            return Some(if g == 0 { 0 } else { g.wrapping_add(delta) });
        }
        None
    }

    /// The advance of a glyph, in font units.
    pub fn advance(&self, glyph: u16) -> u16 {
        let Some(hmtx) = self.table(b"hmtx") else {
            return 0;
        };
        let i = glyph.min(self.num_h_metrics.saturating_sub(1)) as usize;
        u16_at(hmtx, 4 * i).unwrap_or(0)
    }

    /// The advance in thousandths of the font size (PDF glyph space).
    pub fn advance_1000(&self, glyph: u16) -> u32 {
        (self.advance(glyph) as u32 * 1000 + self.units_per_em as u32 / 2)
            / self.units_per_em.max(1) as u32
    }

    /// The width of a text at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advance_1000(self.glyph(c)) as f32)
            .sum::<f32>()
            * size
            / 1000.0
    }

    /// The byte range of a glyph in `glyf`.
    fn glyph_range(&self, loca: &[u8], glyph: u16) -> Option<(usize, usize)> {
        let g = glyph as usize;
        Some(if self.loca_long {
            (
                u32_at(loca, 4 * g)? as usize,
                u32_at(loca, 4 * g + 4)? as usize,
            )
        } else {
            (
                u16_at(loca, 2 * g)? as usize * 2,
                u16_at(loca, 2 * g + 2)? as usize * 2,
            )
        })
    }

    /// The glyphs a composite glyph is made of.
    fn components(glyph: &[u8]) -> Vec<u16> {
        let mut out = vec![];
        if i16_at(glyph, 0).is_none_or(|n| n >= 0) {
            return out;
        }
        let mut at = 10;
        while let (Some(flags), Some(g)) = (u16_at(glyph, at), u16_at(glyph, at + 2)) {
            out.push(g);
            at += 4 + if flags & 1 != 0 { 4 } else { 2 };
            at += if flags & 8 != 0 {
                2
            } else if flags & 0x40 != 0 {
                4
            } else if flags & 0x80 != 0 {
                8
            } else {
                0
            };
            if flags & 0x20 == 0 {
                break;
            }
        }
        out
    }

    /// A font with only `glyphs` (and `.notdef`, and the parts of composite
    /// glyphs) drawn; every other glyph is empty, ids unchanged. Keeps what a
    /// PDF reader needs of a TrueType font: head, hhea, maxp, hmtx, loca,
    /// glyf and the hinting tables.
    pub fn subset(&self, glyphs: &BTreeSet<u16>) -> Option<Vec<u8>> {
        let loca = self.table(b"loca")?;
        let glyf = self.table(b"glyf")?;
        let mut keep: BTreeSet<u16> = BTreeSet::new();
        let mut todo: Vec<u16> = glyphs.iter().copied().chain([0]).collect();
        while let Some(g) = todo.pop() {
            if g >= self.num_glyphs || !keep.insert(g) {
                continue;
            }
            let (from, to) = self.glyph_range(loca, g)?;
            for part in Self::components(glyf.get(from..to)?) {
                if !keep.contains(&part) {
                    todo.push(part);
                }
            }
        }
        let mut new_glyf = Vec::new();
        let mut new_loca = Vec::with_capacity(4 * (self.num_glyphs as usize + 1));
        for g in 0..self.num_glyphs {
            new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
            if keep.contains(&g) {
                let (from, to) = self.glyph_range(loca, g)?;
                new_glyf.extend_from_slice(glyf.get(from..to)?);
                while new_glyf.len() % 4 != 0 {
                    new_glyf.push(0);
                }
            }
        }
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let mut head = self.table(b"head")?.to_vec();
        head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
        head.get_mut(50..52)?.copy_from_slice(&1i16.to_be_bytes());
        let mut tables: Vec<([u8; 4], Vec<u8>)> =
            vec![(*b"glyf", new_glyf), (*b"head", head), (*b"loca", new_loca)];
        for tag in [b"cvt ", b"fpgm", b"hhea", b"hmtx", b"maxp", b"prep"] {
            if let Some(t) = self.table(tag) {
                tables.push((*tag, t.to_vec()));
            }
        }
        tables.sort_by_key(|t| t.0);
        let font = sfnt(&tables);
        // head's checkSumAdjustment makes the whole font sum to 0xB1B0AFBA.
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&font));
        let mut font = font;
        let head_at = table_offset(&font, b"head")?;
        font.get_mut(head_at + 8..head_at + 12)?
            .copy_from_slice(&adjustment.to_be_bytes());
        Some(font)
    }
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn table_offset(font: &[u8], tag: &[u8; 4]) -> Option<usize> {
    let count = u16_at(font, 4)? as usize;
    (0..count)
        .map(|i| 12 + 16 * i)
        .find(|rec| font.get(*rec..rec + 4) == Some(&tag[..]))
        .and_then(|rec| u32_at(font, rec + 8))
        .map(|o| o as usize)
}

/// An sfnt file of these tables (sorted by tag), each 4-byte aligned.
fn sfnt(tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let n = tables.len() as u16;
    let power = 1u16 << (15 - n.max(1).leading_zeros() as u16);
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&(power * 16).to_be_bytes());
    out.extend_from_slice(&(power.trailing_zeros() as u16).to_be_bytes());
    out.extend_from_slice(&(n * 16 - power * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font() -> Font<'static> {
        Font::parse(DEJAVU_SANS).expect("DejaVu Sans parses")
    }

    #[test]
    fn reads_the_metrics() {
        let f = font();
        assert_eq!(f.units_per_em, 2048);
        assert!(f.num_glyphs > 5000);
        assert!(f.ascender > 0 && f.descender < 0 && f.cap_height > 0);
        assert!(f.bbox[0] < f.bbox[2] && f.bbox[1] < f.bbox[3]);
    }

    #[test]
    fn finds_latin_cyrillic_greek_and_arabic_glyphs() {
        let f = font();
        for c in "Zoë Ångström-Núñez Ђорђе Жуковская Ωμέγα محمد ﻣﺤﻤﺪ".chars()
        {
            assert_ne!(f.glyph(c), 0, "{c}");
        }
        // Space has a glyph (and an advance), distinct letters distinct ones.
        assert_ne!(f.glyph('A'), f.glyph('B'));
        assert!(f.advance(f.glyph(' ')) > 0);
        // No Chinese in DejaVu Sans: .notdef.
        assert_eq!(f.glyph('中'), 0);
        assert_eq!(f.glyph('\u{10FFFD}'), 0);
        // Wider text is wider.
        assert!(f.width("WWW", 10.0) > f.width("iii", 10.0));
        assert!((f.width("M", 1000.0) - f.advance_1000(f.glyph('M')) as f32).abs() < 0.01);
    }

    #[test]
    fn a_subset_keeps_the_glyphs_used_and_reads_back() {
        let f = font();
        let used: BTreeSet<u16> = "Zoë Å".chars().map(|c| f.glyph(c)).collect();
        let sub = f.subset(&used).expect("subset");
        assert!(sub.len() < DEJAVU_SANS.len() / 4, "{} bytes", sub.len());
        assert_eq!(checksum(&sub), 0xB1B0_AFBA);
        let s = Font::parse_glyphs_only(&sub).expect("the subset parses");
        let (loca, glyf) = (s.table(b"loca").unwrap(), s.table(b"glyf").unwrap());
        let (oloca, oglyf) = (f.table(b"loca").unwrap(), f.table(b"glyf").unwrap());
        for g in &used {
            let (a, b) = s.glyph_range(loca, *g).unwrap();
            let (c, d) = f.glyph_range(oloca, *g).unwrap();
            assert_eq!(&glyf[a..b][..d - c], &oglyf[c..d], "glyph {g}");
        }
        // A glyph not used is empty.
        let w = f.glyph('W');
        let (a, b) = s.glyph_range(loca, w).unwrap();
        assert_eq!(a, b);
        assert_eq!(s.advance(w), f.advance(w));
    }

    impl<'a> Font<'a> {
        /// A subset has no cmap: read it with the original's.
        fn parse_glyphs_only(data: &'a [u8]) -> Option<Font<'a>> {
            let count = u16_at(data, 4)? as usize;
            let mut tables = vec![];
            for i in 0..count {
                let rec = 12 + 16 * i;
                let tag: [u8; 4] = data.get(rec..rec + 4)?.try_into().ok()?;
                tables.push((
                    tag,
                    u32_at(data, rec + 8)? as usize,
                    u32_at(data, rec + 12)? as usize,
                ));
            }
            let orig = Font::parse(DEJAVU_SANS)?;
            Some(Font {
                data,
                tables,
                loca_long: true,
                ..orig
            })
        }
    }
}
