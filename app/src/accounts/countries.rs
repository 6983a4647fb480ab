//! ISO 3166-1 alpha-2 country list with UN regional group membership.
//!
//! Pure data plus lookups; depends only on `core`/`std` and `serde`, so it
//! compiles both on the server and for wasm.

use serde::{Deserialize, Serialize};

/// UN regional groups of Member States (the five electoral groups used by the
/// General Assembly), plus one pseudo-region.
///
/// `Intergovernmental` is a pseudo-region used for staff of intergovernmental
/// organisations (IGOs). It is never derived from a country: no entry in
/// [`COUNTRIES`] maps to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RegionalGroup {
    African,
    AsiaPacific,
    EasternEuropean,
    LatinAmericanCaribbean,
    WesternEuropeanOthers,
    Intergovernmental,
}

impl RegionalGroup {
    pub const ALL: [RegionalGroup; 6] = [
        RegionalGroup::African,
        RegionalGroup::AsiaPacific,
        RegionalGroup::EasternEuropean,
        RegionalGroup::LatinAmericanCaribbean,
        RegionalGroup::WesternEuropeanOthers,
        RegionalGroup::Intergovernmental,
    ];

    /// Stable short code (suitable for storage and URLs).
    pub fn code(self) -> &'static str {
        match self {
            RegionalGroup::African => "african",
            RegionalGroup::AsiaPacific => "asia-pacific",
            RegionalGroup::EasternEuropean => "eastern-european",
            RegionalGroup::LatinAmericanCaribbean => "grulac",
            RegionalGroup::WesternEuropeanOthers => "weog",
            RegionalGroup::Intergovernmental => "igo",
        }
    }

    /// Inverse of [`RegionalGroup::code`] (ASCII case-insensitive).
    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|g| g.code().eq_ignore_ascii_case(code))
    }
}

/// One ISO 3166-1 entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2, uppercase.
    pub code: &'static str,
    /// English short name.
    pub name: &'static str,
    /// UN regional group: the country's own group for UN Member States and
    /// the two observer states (PS, VA); the administering state's group for
    /// territories; `None` only for uninhabited / purely military entries.
    pub group: Option<RegionalGroup>,
    /// True for the 193 UN Member States.
    pub un_member: bool,
    /// Developing economy per UNCTAD classification (reporting flag, best
    /// effort).
    pub developing: bool,
}

const AFR: Option<RegionalGroup> = Some(RegionalGroup::African);
const APG: Option<RegionalGroup> = Some(RegionalGroup::AsiaPacific);
const EEG: Option<RegionalGroup> = Some(RegionalGroup::EasternEuropean);
const LAC: Option<RegionalGroup> = Some(RegionalGroup::LatinAmericanCaribbean);
const WEO: Option<RegionalGroup> = Some(RegionalGroup::WesternEuropeanOthers);
const NONE: Option<RegionalGroup> = None;

const fn c(
    code: &'static str,
    name: &'static str,
    group: Option<RegionalGroup>,
    un_member: bool,
    developing: bool,
) -> Country {
    Country {
        code,
        name,
        group,
        un_member,
        developing,
    }
}

/// All ISO 3166-1 alpha-2 entries, sorted by code.
///
/// Columns: code, name, group, un_member, developing.
pub static COUNTRIES: &[Country] = &[
    c("AD", "Andorra", WEO, true, false),
    c("AE", "United Arab Emirates", APG, true, true),
    c("AF", "Afghanistan", APG, true, true),
    c("AG", "Antigua and Barbuda", LAC, true, true),
    c("AI", "Anguilla", WEO, false, true),
    c("AL", "Albania", EEG, true, false),
    c("AM", "Armenia", EEG, true, true),
    c("AO", "Angola", AFR, true, true),
    c("AQ", "Antarctica", NONE, false, false),
    c("AR", "Argentina", LAC, true, true),
    c("AS", "American Samoa", WEO, false, true),
    c("AT", "Austria", WEO, true, false),
    c("AU", "Australia", WEO, true, false),
    c("AW", "Aruba", WEO, false, true),
    c("AX", "Åland Islands", WEO, false, false),
    c("AZ", "Azerbaijan", EEG, true, true),
    c("BA", "Bosnia and Herzegovina", EEG, true, false),
    c("BB", "Barbados", LAC, true, true),
    c("BD", "Bangladesh", APG, true, true),
    c("BE", "Belgium", WEO, true, false),
    c("BF", "Burkina Faso", AFR, true, true),
    c("BG", "Bulgaria", EEG, true, false),
    c("BH", "Bahrain", APG, true, true),
    c("BI", "Burundi", AFR, true, true),
    c("BJ", "Benin", AFR, true, true),
    c("BL", "Saint Barthélemy", WEO, false, true),
    c("BM", "Bermuda", WEO, false, false),
    c("BN", "Brunei Darussalam", APG, true, true),
    c("BO", "Bolivia", LAC, true, true),
    c("BQ", "Bonaire, Sint Eustatius and Saba", WEO, false, true),
    c("BR", "Brazil", LAC, true, true),
    c("BS", "Bahamas", LAC, true, true),
    c("BT", "Bhutan", APG, true, true),
    c("BV", "Bouvet Island", NONE, false, false),
    c("BW", "Botswana", AFR, true, true),
    c("BY", "Belarus", EEG, true, false),
    c("BZ", "Belize", LAC, true, true),
    c("CA", "Canada", WEO, true, false),
    c("CC", "Cocos (Keeling) Islands", WEO, false, false),
    c("CD", "Congo, Democratic Republic of the", AFR, true, true),
    c("CF", "Central African Republic", AFR, true, true),
    c("CG", "Congo", AFR, true, true),
    c("CH", "Switzerland", WEO, true, false),
    c("CI", "Côte d'Ivoire", AFR, true, true),
    c("CK", "Cook Islands", WEO, false, true),
    c("CL", "Chile", LAC, true, true),
    c("CM", "Cameroon", AFR, true, true),
    c("CN", "China", APG, true, true),
    c("CO", "Colombia", LAC, true, true),
    c("CR", "Costa Rica", LAC, true, true),
    c("CU", "Cuba", LAC, true, true),
    c("CV", "Cabo Verde", AFR, true, true),
    c("CW", "Curaçao", WEO, false, true),
    c("CX", "Christmas Island", WEO, false, false),
    c("CY", "Cyprus", APG, true, false),
    c("CZ", "Czechia", EEG, true, false),
    c("DE", "Germany", WEO, true, false),
    c("DJ", "Djibouti", AFR, true, true),
    c("DK", "Denmark", WEO, true, false),
    c("DM", "Dominica", LAC, true, true),
    c("DO", "Dominican Republic", LAC, true, true),
    c("DZ", "Algeria", AFR, true, true),
    c("EC", "Ecuador", LAC, true, true),
    c("EE", "Estonia", EEG, true, false),
    c("EG", "Egypt", AFR, true, true),
    c("EH", "Western Sahara", AFR, false, true),
    c("ER", "Eritrea", AFR, true, true),
    c("ES", "Spain", WEO, true, false),
    c("ET", "Ethiopia", AFR, true, true),
    c("FI", "Finland", WEO, true, false),
    c("FJ", "Fiji", APG, true, true),
    c("FK", "Falkland Islands (Malvinas)", WEO, false, true),
    c("FM", "Micronesia (Federated States of)", APG, true, true),
    c("FO", "Faroe Islands", WEO, false, false),
    c("FR", "France", WEO, true, false),
    c("GA", "Gabon", AFR, true, true),
    c("GB", "United Kingdom", WEO, true, false),
    c("GD", "Grenada", LAC, true, true),
    c("GE", "Georgia", EEG, true, true),
    c("GF", "French Guiana", WEO, false, true),
    c("GG", "Guernsey", WEO, false, false),
    c("GH", "Ghana", AFR, true, true),
    c("GI", "Gibraltar", WEO, false, false),
    c("GL", "Greenland", WEO, false, false),
    c("GM", "Gambia", AFR, true, true),
    c("GN", "Guinea", AFR, true, true),
    c("GP", "Guadeloupe", WEO, false, true),
    c("GQ", "Equatorial Guinea", AFR, true, true),
    c("GR", "Greece", WEO, true, false),
    c(
        "GS",
        "South Georgia and the South Sandwich Islands",
        NONE,
        false,
        false,
    ),
    c("GT", "Guatemala", LAC, true, true),
    c("GU", "Guam", WEO, false, true),
    c("GW", "Guinea-Bissau", AFR, true, true),
    c("GY", "Guyana", LAC, true, true),
    c("HK", "Hong Kong", APG, false, true),
    c(
        "HM",
        "Heard Island and McDonald Islands",
        NONE,
        false,
        false,
    ),
    c("HN", "Honduras", LAC, true, true),
    c("HR", "Croatia", EEG, true, false),
    c("HT", "Haiti", LAC, true, true),
    c("HU", "Hungary", EEG, true, false),
    c("ID", "Indonesia", APG, true, true),
    c("IE", "Ireland", WEO, true, false),
    c("IL", "Israel", WEO, true, false),
    c("IM", "Isle of Man", WEO, false, false),
    c("IN", "India", APG, true, true),
    c("IO", "British Indian Ocean Territory", NONE, false, false),
    c("IQ", "Iraq", APG, true, true),
    c("IR", "Iran", APG, true, true),
    c("IS", "Iceland", WEO, true, false),
    c("IT", "Italy", WEO, true, false),
    c("JE", "Jersey", WEO, false, false),
    c("JM", "Jamaica", LAC, true, true),
    c("JO", "Jordan", APG, true, true),
    c("JP", "Japan", APG, true, false),
    c("KE", "Kenya", AFR, true, true),
    c("KG", "Kyrgyzstan", APG, true, true),
    c("KH", "Cambodia", APG, true, true),
    c("KI", "Kiribati", APG, true, true),
    c("KM", "Comoros", AFR, true, true),
    c("KN", "Saint Kitts and Nevis", LAC, true, true),
    c(
        "KP",
        "Korea (Democratic People's Republic of)",
        APG,
        true,
        true,
    ),
    c("KR", "Korea, Republic of", APG, true, false),
    c("KW", "Kuwait", APG, true, true),
    c("KY", "Cayman Islands", WEO, false, true),
    c("KZ", "Kazakhstan", APG, true, true),
    c("LA", "Lao People's Democratic Republic", APG, true, true),
    c("LB", "Lebanon", APG, true, true),
    c("LC", "Saint Lucia", LAC, true, true),
    c("LI", "Liechtenstein", WEO, true, false),
    c("LK", "Sri Lanka", APG, true, true),
    c("LR", "Liberia", AFR, true, true),
    c("LS", "Lesotho", AFR, true, true),
    c("LT", "Lithuania", EEG, true, false),
    c("LU", "Luxembourg", WEO, true, false),
    c("LV", "Latvia", EEG, true, false),
    c("LY", "Libya", AFR, true, true),
    c("MA", "Morocco", AFR, true, true),
    c("MC", "Monaco", WEO, true, false),
    c("MD", "Moldova, Republic of", EEG, true, false),
    c("ME", "Montenegro", EEG, true, false),
    c("MF", "Saint Martin (French part)", WEO, false, true),
    c("MG", "Madagascar", AFR, true, true),
    c("MH", "Marshall Islands", APG, true, true),
    c("MK", "North Macedonia", EEG, true, false),
    c("ML", "Mali", AFR, true, true),
    c("MM", "Myanmar", APG, true, true),
    c("MN", "Mongolia", APG, true, true),
    c("MO", "Macao", APG, false, true),
    c("MP", "Northern Mariana Islands", WEO, false, true),
    c("MQ", "Martinique", WEO, false, true),
    c("MR", "Mauritania", AFR, true, true),
    c("MS", "Montserrat", WEO, false, true),
    c("MT", "Malta", WEO, true, false),
    c("MU", "Mauritius", AFR, true, true),
    c("MV", "Maldives", APG, true, true),
    c("MW", "Malawi", AFR, true, true),
    c("MX", "Mexico", LAC, true, true),
    c("MY", "Malaysia", APG, true, true),
    c("MZ", "Mozambique", AFR, true, true),
    c("NA", "Namibia", AFR, true, true),
    c("NC", "New Caledonia", WEO, false, true),
    c("NE", "Niger", AFR, true, true),
    c("NF", "Norfolk Island", WEO, false, false),
    c("NG", "Nigeria", AFR, true, true),
    c("NI", "Nicaragua", LAC, true, true),
    c("NL", "Netherlands", WEO, true, false),
    c("NO", "Norway", WEO, true, false),
    c("NP", "Nepal", APG, true, true),
    c("NR", "Nauru", APG, true, true),
    c("NU", "Niue", WEO, false, true),
    c("NZ", "New Zealand", WEO, true, false),
    c("OM", "Oman", APG, true, true),
    c("PA", "Panama", LAC, true, true),
    c("PE", "Peru", LAC, true, true),
    c("PF", "French Polynesia", WEO, false, true),
    c("PG", "Papua New Guinea", APG, true, true),
    c("PH", "Philippines", APG, true, true),
    c("PK", "Pakistan", APG, true, true),
    c("PL", "Poland", EEG, true, false),
    c("PM", "Saint Pierre and Miquelon", WEO, false, false),
    c("PN", "Pitcairn", WEO, false, true),
    c("PR", "Puerto Rico", WEO, false, true),
    c("PS", "Palestine, State of", APG, false, true),
    c("PT", "Portugal", WEO, true, false),
    c("PW", "Palau", APG, true, true),
    c("PY", "Paraguay", LAC, true, true),
    c("QA", "Qatar", APG, true, true),
    c("RE", "Réunion", WEO, false, true),
    c("RO", "Romania", EEG, true, false),
    c("RS", "Serbia", EEG, true, false),
    c("RU", "Russian Federation", EEG, true, false),
    c("RW", "Rwanda", AFR, true, true),
    c("SA", "Saudi Arabia", APG, true, true),
    c("SB", "Solomon Islands", APG, true, true),
    c("SC", "Seychelles", AFR, true, true),
    c("SD", "Sudan", AFR, true, true),
    c("SE", "Sweden", WEO, true, false),
    c("SG", "Singapore", APG, true, false),
    c(
        "SH",
        "Saint Helena, Ascension and Tristan da Cunha",
        WEO,
        false,
        true,
    ),
    c("SI", "Slovenia", EEG, true, false),
    c("SJ", "Svalbard and Jan Mayen", WEO, false, false),
    c("SK", "Slovakia", EEG, true, false),
    c("SL", "Sierra Leone", AFR, true, true),
    c("SM", "San Marino", WEO, true, false),
    c("SN", "Senegal", AFR, true, true),
    c("SO", "Somalia", AFR, true, true),
    c("SR", "Suriname", LAC, true, true),
    c("SS", "South Sudan", AFR, true, true),
    c("ST", "Sao Tome and Principe", AFR, true, true),
    c("SV", "El Salvador", LAC, true, true),
    c("SX", "Sint Maarten (Dutch part)", WEO, false, true),
    c("SY", "Syrian Arab Republic", APG, true, true),
    c("SZ", "Eswatini", AFR, true, true),
    c("TC", "Turks and Caicos Islands", WEO, false, true),
    c("TD", "Chad", AFR, true, true),
    c("TF", "French Southern Territories", NONE, false, false),
    c("TG", "Togo", AFR, true, true),
    c("TH", "Thailand", APG, true, true),
    c("TJ", "Tajikistan", APG, true, true),
    c("TK", "Tokelau", WEO, false, true),
    c("TL", "Timor-Leste", APG, true, true),
    c("TM", "Turkmenistan", APG, true, true),
    c("TN", "Tunisia", AFR, true, true),
    c("TO", "Tonga", APG, true, true),
    c("TR", "Türkiye", WEO, true, true),
    c("TT", "Trinidad and Tobago", LAC, true, true),
    c("TV", "Tuvalu", APG, true, true),
    c("TW", "Taiwan", APG, false, true),
    c("TZ", "Tanzania, United Republic of", AFR, true, true),
    c("UA", "Ukraine", EEG, true, false),
    c("UG", "Uganda", AFR, true, true),
    c(
        "UM",
        "United States Minor Outlying Islands",
        NONE,
        false,
        false,
    ),
    c("US", "United States of America", WEO, true, false),
    c("UY", "Uruguay", LAC, true, true),
    c("UZ", "Uzbekistan", APG, true, true),
    c("VA", "Holy See", WEO, false, false),
    c("VC", "Saint Vincent and the Grenadines", LAC, true, true),
    c("VE", "Venezuela", LAC, true, true),
    c("VG", "Virgin Islands (British)", WEO, false, true),
    c("VI", "Virgin Islands (U.S.)", WEO, false, true),
    c("VN", "Viet Nam", APG, true, true),
    c("VU", "Vanuatu", APG, true, true),
    c("WF", "Wallis and Futuna", WEO, false, true),
    c("WS", "Samoa", APG, true, true),
    c("YE", "Yemen", APG, true, true),
    c("YT", "Mayotte", WEO, false, true),
    c("ZA", "South Africa", AFR, true, true),
    c("ZM", "Zambia", AFR, true, true),
    c("ZW", "Zimbabwe", AFR, true, true),
];

/// Looks up a country by ISO 3166-1 alpha-2 code (ASCII case-insensitive,
/// surrounding whitespace ignored).
pub fn country(code: &str) -> Option<&'static Country> {
    let code = code.trim().as_bytes();
    if code.len() != 2 {
        return None;
    }
    let key = [code[0].to_ascii_uppercase(), code[1].to_ascii_uppercase()];
    COUNTRIES
        .binary_search_by(|c| c.code.as_bytes().cmp(&key[..]))
        .ok()
        .map(|i| &COUNTRIES[i])
}

/// The UN regional group for a country code, if any.
pub fn regional_group(code: &str) -> Option<RegionalGroup> {
    country(code).and_then(|c| c.group)
}

/// The regional group's code for an optional country, empty when unknown.
pub fn region_code(country: Option<&str>) -> String {
    country
        .and_then(regional_group)
        .map(|r| r.code().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member_count(group: RegionalGroup) -> usize {
        COUNTRIES
            .iter()
            .filter(|c| c.un_member && c.group == Some(group))
            .count()
    }

    #[test]
    fn sorted_unique_and_well_formed() {
        for w in COUNTRIES.windows(2) {
            assert!(
                w[0].code < w[1].code,
                "not strictly sorted: {} then {}",
                w[0].code,
                w[1].code
            );
        }
        for c in COUNTRIES {
            assert_eq!(c.code.len(), 2, "{}", c.code);
            assert!(c.code.bytes().all(|b| b.is_ascii_uppercase()), "{}", c.code);
            assert!(!c.name.is_empty(), "{}", c.code);
        }
        assert_eq!(COUNTRIES.len(), 249);
    }

    #[test]
    fn un_members() {
        assert_eq!(COUNTRIES.iter().filter(|c| c.un_member).count(), 193);
        for c in COUNTRIES.iter().filter(|c| c.un_member) {
            assert!(c.group.is_some(), "member {} has no group", c.code);
        }
        // Observer states are not members but have a group.
        for code in ["PS", "VA"] {
            let c = country(code).unwrap();
            assert!(!c.un_member, "{code}");
        }
        assert_eq!(regional_group("PS"), Some(RegionalGroup::AsiaPacific));
        assert_eq!(
            regional_group("VA"),
            Some(RegionalGroup::WesternEuropeanOthers)
        );
        assert!(!country("TW").unwrap().un_member);
        assert!(country("XK").is_none(), "Kosovo is not in ISO 3166-1");
    }

    #[test]
    fn group_counts_of_member_states() {
        use RegionalGroup::*;
        assert_eq!(member_count(African), 54);
        // Includes Kiribati (since 2010); Türkiye counted in WEOG.
        assert_eq!(member_count(AsiaPacific), 54);
        assert_eq!(member_count(EasternEuropean), 23);
        assert_eq!(member_count(LatinAmericanCaribbean), 33);
        // 28 members + the USA (observer, counted here).
        assert_eq!(member_count(WesternEuropeanOthers), 29);
        assert_eq!(member_count(Intergovernmental), 0);
        assert_eq!(54 + 54 + 23 + 33 + 29, 193);
    }

    #[test]
    fn known_memberships() {
        use RegionalGroup::*;
        let cases = [
            ("FR", WesternEuropeanOthers),
            ("TR", WesternEuropeanOthers),
            ("US", WesternEuropeanOthers),
            ("IL", WesternEuropeanOthers),
            ("AU", WesternEuropeanOthers),
            ("CH", WesternEuropeanOthers),
            ("NG", African),
            ("ZA", African),
            ("BR", LatinAmericanCaribbean),
            ("MX", LatinAmericanCaribbean),
            ("PL", EasternEuropean),
            ("RU", EasternEuropean),
            ("JP", AsiaPacific),
            ("SA", AsiaPacific),
            ("CY", AsiaPacific),
            ("KI", AsiaPacific),
            // Territories follow the administering state.
            ("GL", WesternEuropeanOthers),
            ("PR", WesternEuropeanOthers),
            ("RE", WesternEuropeanOthers),
            ("HK", AsiaPacific),
            ("MO", AsiaPacific),
        ];
        for (code, group) in cases {
            assert_eq!(regional_group(code), Some(group), "{code}");
        }
    }

    #[test]
    fn no_group_only_for_uninhabited() {
        let mut none: Vec<&str> = COUNTRIES
            .iter()
            .filter(|c| c.group.is_none())
            .map(|c| c.code)
            .collect();
        none.sort_unstable();
        assert_eq!(none, ["AQ", "BV", "GS", "HM", "IO", "TF", "UM"]);
        assert!(COUNTRIES
            .iter()
            .all(|c| c.group != Some(RegionalGroup::Intergovernmental)));
    }

    #[test]
    fn developing_flag() {
        for code in ["NG", "BR", "IN", "CN", "FJ", "TR", "KP", "HK"] {
            assert!(country(code).unwrap().developing, "{code}");
        }
        for code in ["US", "CA", "FR", "RU", "JP", "IL", "AU", "NZ", "KR", "SG"] {
            assert!(!country(code).unwrap().developing, "{code}");
        }
    }

    #[test]
    fn lookup_is_case_insensitive() {
        assert_eq!(country("fr").unwrap().code, "FR");
        assert_eq!(country("Fr").unwrap().name, "France");
        assert_eq!(country(" de ").unwrap().code, "DE");
        assert_eq!(regional_group("ng"), Some(RegionalGroup::African));
        assert!(country("").is_none());
        assert!(country("F").is_none());
        assert!(country("FRA").is_none());
        assert!(country("ZZ").is_none());
        assert!(country("é").is_none());
        assert_eq!(regional_group("aq"), None);
        // Every entry is findable by its lowercase code.
        for c in COUNTRIES {
            assert_eq!(country(&c.code.to_ascii_lowercase()), Some(c));
        }
    }

    #[test]
    fn group_codes_round_trip() {
        for g in RegionalGroup::ALL {
            assert_eq!(RegionalGroup::from_code(g.code()), Some(g));
        }
        assert_eq!(
            RegionalGroup::from_code("WEOG"),
            Some(RegionalGroup::WesternEuropeanOthers)
        );
        assert_eq!(
            RegionalGroup::from_code("igo"),
            Some(RegionalGroup::Intergovernmental)
        );
        assert_eq!(RegionalGroup::from_code("europe"), None);
    }
}
