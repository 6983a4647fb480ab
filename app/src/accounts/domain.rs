//! Values whose constructors enforce the rules, so invalid ones go no further.
//! Errors are locale keys, shown next to the field.

/// An email address, trimmed and lower-cased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let email = input.trim().to_lowercase();
        if email.is_empty() {
            return Err("field.required");
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err("accounts.email-invalid");
        };
        let valid = email.len() <= 254
            && !local.is_empty()
            && local.len() <= 64
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && !domain.contains('@');
        if valid {
            Ok(Self(email))
        } else {
            Err("accounts.email-invalid")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's name as they want it shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let name = input.trim();
        if name.is_empty() {
            Err("field.required")
        } else if name.chars().count() > Self::MAX_CHARS || name.chars().any(char::is_control) {
            Err("accounts.name-invalid")
        } else {
            Ok(Self(name.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password chosen by someone: long enough, not one of the most common ones.
/// No composition rules (NIST SP 800-63B).
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

impl NewPassword {
    pub const MIN_CHARS: usize = 10;
    /// Bounds the hashing work one request can ask for.
    pub const MAX_CHARS: usize = 256;

    pub fn parse(input: &str, email: Option<&str>) -> Result<Self, &'static str> {
        let chars = input.chars().count();
        if chars < Self::MIN_CHARS {
            return Err("accounts.password-too-short");
        }
        if chars > Self::MAX_CHARS {
            return Err("accounts.password-too-long");
        }
        let lowered = input.to_lowercase();
        if is_common_password(&lowered) || email.is_some_and(|e| e.eq_ignore_ascii_case(input)) {
            return Err("accounts.password-common");
        }
        Ok(Self(input.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

fn is_common_password(lowered: &str) -> bool {
    include_str!("common-passwords.txt")
        .lines()
        .map(str::trim)
        .any(|p| !p.is_empty() && !p.starts_with('#') && p == lowered)
}

/// An organisation's name as entered.
pub fn parse_organisation(input: &str) -> Result<String, &'static str> {
    let org = input.trim();
    if org.chars().count() > 200 || org.chars().any(char::is_control) {
        Err("accounts.organisation-invalid")
    } else {
        Ok(org.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            EmailAddress::parse(" Amina@Example.ORG ").unwrap().as_str(),
            "amina@example.org"
        );
        assert_eq!(EmailAddress::parse(""), Err("field.required"));
        for bad in [
            "no-at-sign",
            "a@b",
            "@example.org",
            "a b@example.org",
            "a@@example.org",
            "a@.example.org",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn passwords_need_length_and_must_not_be_common() {
        assert_eq!(
            NewPassword::parse("short", None),
            Err("accounts.password-too-short")
        );
        assert_eq!(
            NewPassword::parse("1234567890", None),
            Err("accounts.password-common")
        );
        assert_eq!(
            NewPassword::parse("Password123", None),
            Err("accounts.password-common")
        );
        assert_eq!(
            NewPassword::parse("amina@example.org", Some("amina@example.org")),
            Err("accounts.password-common")
        );
        assert!(NewPassword::parse("correct horse battery", None).is_ok());
        // Length counts characters, not bytes: ten Arabic letters are enough.
        assert!(NewPassword::parse("كلمةسرطويلة", None).is_ok());
        assert_eq!(
            NewPassword::parse(&"x".repeat(257), None),
            Err("accounts.password-too-long")
        );
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(PersonName::parse("  Amina  ").unwrap().as_str(), "Amina");
        assert!(PersonName::parse("   ").is_err());
        assert!(PersonName::parse(&"n".repeat(201)).is_err());
    }
}
