//! Arabic for a PDF without a shaping engine (server only): each letter is
//! written in its contextual presentation form (isolated, final, initial,
//! medial; lam-alef as its ligature), and a line is put in visual order — a
//! simplified bidirectional layout for one line: right-to-left runs
//! reversed, numbers and Latin words inside them kept left to right. Text
//! without Arabic is returned as it is.

/// How a letter joins: to both sides (D), only to the letter before it (R).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Join {
    Dual,
    Right,
    /// The tatweel: joins both sides, has no forms.
    Causing,
}

/// The Arabic letters: their joining and their first presentation form
/// (isolated; then final, and for dual-joining ones initial and medial).
fn letter(c: char) -> Option<(Join, u32)> {
    use Join::*;
    let (join, form) = match c {
        '\u{0621}' => (Right, 0xFE80),
        '\u{0622}' => (Right, 0xFE81),
        '\u{0623}' => (Right, 0xFE83),
        '\u{0624}' => (Right, 0xFE85),
        '\u{0625}' => (Right, 0xFE87),
        '\u{0626}' => (Dual, 0xFE89),
        '\u{0627}' => (Right, 0xFE8D),
        '\u{0628}' => (Dual, 0xFE8F),
        '\u{0629}' => (Right, 0xFE93),
        '\u{062A}' => (Dual, 0xFE95),
        '\u{062B}' => (Dual, 0xFE99),
        '\u{062C}' => (Dual, 0xFE9D),
        '\u{062D}' => (Dual, 0xFEA1),
        '\u{062E}' => (Dual, 0xFEA5),
        '\u{062F}' => (Right, 0xFEA9),
        '\u{0630}' => (Right, 0xFEAB),
        '\u{0631}' => (Right, 0xFEAD),
        '\u{0632}' => (Right, 0xFEAF),
        '\u{0633}' => (Dual, 0xFEB1),
        '\u{0634}' => (Dual, 0xFEB5),
        '\u{0635}' => (Dual, 0xFEB9),
        '\u{0636}' => (Dual, 0xFEBD),
        '\u{0637}' => (Dual, 0xFEC1),
        '\u{0638}' => (Dual, 0xFEC5),
        '\u{0639}' => (Dual, 0xFEC9),
        '\u{063A}' => (Dual, 0xFECD),
        '\u{0640}' => (Causing, 0x0640),
        '\u{0641}' => (Dual, 0xFED1),
        '\u{0642}' => (Dual, 0xFED5),
        '\u{0643}' => (Dual, 0xFED9),
        '\u{0644}' => (Dual, 0xFEDD),
        '\u{0645}' => (Dual, 0xFEE1),
        '\u{0646}' => (Dual, 0xFEE5),
        '\u{0647}' => (Dual, 0xFEE9),
        '\u{0648}' => (Right, 0xFEED),
        '\u{0649}' => (Right, 0xFEEF),
        '\u{064A}' => (Dual, 0xFEF1),
        _ => return None,
    };
    Some((join, form))
}

/// Marks (harakat) are skipped when deciding how letters join.
fn transparent(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// The lam-alef ligature (isolated form) of an alef after lam.
fn lam_alef(alef: char) -> Option<u32> {
    match alef {
        '\u{0622}' => Some(0xFEF5),
        '\u{0623}' => Some(0xFEF7),
        '\u{0625}' => Some(0xFEF9),
        '\u{0627}' => Some(0xFEFB),
        _ => None,
    }
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The letters in their contextual forms (logical order kept).
pub fn shape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let next_letter = |from: usize| {
        chars[from..]
            .iter()
            .enumerate()
            .find(|(_, c)| !transparent(**c))
            .map(|(i, c)| (from + i, *c))
    };
    let mut out = String::with_capacity(text.len());
    // Whether the last letter written joins the one that follows.
    let mut joins_on = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if transparent(c) {
            out.push(c);
            i += 1;
            continue;
        }
        let Some((join, form)) = letter(c) else {
            out.push(c);
            joins_on = false;
            i += 1;
            continue;
        };
        let before = joins_on;
        let after = next_letter(i + 1);
        if c == '\u{0644}' {
            if let Some((at, lig)) = after.and_then(|(at, a)| lam_alef(a).map(|l| (at, l))) {
                let form = lig + u32::from(before);
                out.extend(char::from_u32(form));
                // Marks between lam and alef follow the ligature.
                out.extend(chars[i + 1..at].iter());
                joins_on = false;
                i = at + 1;
                continue;
            }
        }
        let joins_next = join != Join::Right
            && after.is_some_and(|(_, n)| n != '\u{0621}' && letter(n).is_some());
        let shaped = match join {
            Join::Causing => form,
            Join::Right => form + u32::from(before),
            Join::Dual => {
                form + match (before, joins_next) {
                    (false, false) => 0,
                    (true, false) => 1,
                    (false, true) => 2,
                    (true, true) => 3,
                }
            }
        };
        // Hamza (U+0621) has only its isolated form.
        let shaped = if c == '\u{0621}' { form } else { shaped };
        out.extend(char::from_u32(shaped));
        joins_on = joins_next;
        i += 1;
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Dir {
    L,
    R,
    N,
}

fn class(c: char) -> Dir {
    if is_arabic(c) && !c.is_ascii_digit() && !matches!(c, '\u{0660}'..='\u{0669}') {
        Dir::R
    } else if c.is_alphanumeric() {
        Dir::L
    } else {
        Dir::N
    }
}

fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '«' => '»',
        '»' => '«',
        '<' => '>',
        '>' => '<',
        c => c,
    }
}

/// A line shaped and in the order it is drawn, left to right.
pub fn visual(text: &str) -> String {
    if !text.chars().any(is_arabic) {
        return text.to_string();
    }
    let shaped: Vec<char> = shape(text).chars().collect();
    let mut dirs: Vec<Dir> = shaped.iter().map(|c| class(*c)).collect();
    let paragraph = dirs
        .iter()
        .copied()
        .find(|d| *d != Dir::N)
        .unwrap_or(Dir::R);
    // Neutrals between two of a kind take it; the others, the paragraph's.
    for i in 0..dirs.len() {
        if dirs[i] != Dir::N {
            continue;
        }
        let before = dirs[..i].iter().rev().find(|d| **d != Dir::N).copied();
        let after = dirs[i..].iter().find(|d| **d != Dir::N).copied();
        dirs[i] = match (before, after) {
            (Some(a), Some(b)) if a == b => a,
            _ => paragraph,
        };
    }
    // Runs of one direction, in logical order.
    let mut runs: Vec<(Dir, Vec<char>)> = vec![];
    for (c, d) in shaped.into_iter().zip(dirs) {
        match runs.last_mut() {
            Some((rd, run)) if *rd == d => run.push(c),
            _ => runs.push((d, vec![c])),
        }
    }
    let flip = |(d, run): (Dir, Vec<char>)| -> String {
        if d == Dir::R {
            run.into_iter().rev().map(mirror).collect()
        } else {
            run.into_iter().collect()
        }
    };
    if paragraph == Dir::R {
        runs.into_iter().rev().map(flip).collect()
    } else {
        runs.into_iter().map(flip).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_take_their_contextual_forms() {
        // محمد: meem initial, hah medial, meem medial, dal final.
        assert_eq!(shape("محمد"), "\u{FEE3}\u{FEA4}\u{FEE4}\u{FEAA}");
        // A letter alone, and a right-joining one breaking the word: دار.
        assert_eq!(shape("ب"), "\u{FE8F}");
        assert_eq!(shape("دار"), "\u{FEA9}\u{FE8D}\u{FEAD}");
        assert_eq!(shape("باب"), "\u{FE91}\u{FE8E}\u{FE8F}");
        // Hamza joins nothing: بء.
        assert_eq!(shape("بء"), "\u{FE8F}\u{FE80}");
        // Lam-alef: سلام → seen initial, lam-alef final, meem isolated.
        assert_eq!(shape("سلام"), "\u{FEB3}\u{FEFC}\u{FEE1}");
        assert_eq!(shape("لا"), "\u{FEFB}");
        // Marks do not break the joining.
        assert_eq!(shape("بَب"), "\u{FE91}\u{064E}\u{FE90}");
        // Latin untouched.
        assert_eq!(shape("Zoë"), "Zoë");
    }

    #[test]
    fn lines_are_laid_out_right_to_left() {
        assert_eq!(visual("Zoë Ångström"), "Zoë Ångström");
        // Two words: the second is drawn first (leftmost).
        assert_eq!(visual("بب بد"), "\u{FEAA}\u{FE91} \u{FE90}\u{FE91}");
        // Numbers and Latin inside Arabic keep their order.
        let line = visual("منتدى IGF 2027");
        assert!(line.starts_with("IGF 2027 "), "{line}");
        // Arabic inside a Latin line: reversed in place.
        assert_eq!(visual("Name: بد"), "Name: \u{FEAA}\u{FE91}");
    }
}
