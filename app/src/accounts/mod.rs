//! People: accounts, sign-in, profiles, and the roles they hold.

pub mod api;
pub mod countries;
pub mod domain;
pub mod pages;
pub mod privacy;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod tokens;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The stakeholder groups of the multistakeholder model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StakeholderGroup {
    Government,
    Intergovernmental,
    CivilSociety,
    PrivateSector,
    TechnicalCommunity,
}

impl StakeholderGroup {
    pub const ALL: [StakeholderGroup; 5] = [
        StakeholderGroup::Government,
        StakeholderGroup::Intergovernmental,
        StakeholderGroup::CivilSociety,
        StakeholderGroup::PrivateSector,
        StakeholderGroup::TechnicalCommunity,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StakeholderGroup::Government => "government",
            StakeholderGroup::Intergovernmental => "intergovernmental",
            StakeholderGroup::CivilSociety => "civil-society",
            StakeholderGroup::PrivateSector => "private-sector",
            StakeholderGroup::TechnicalCommunity => "technical-community",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == code)
    }

    /// Locale key of the group's name.
    pub fn label_key(self) -> String {
        format!("stakeholder.{}", self.code())
    }
}

/// Self-identified gender; optional, reported only in aggregate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    Female,
    Male,
    Other,
    PreferNotToSay,
}

impl Gender {
    pub const ALL: [Gender; 4] = [
        Gender::Female,
        Gender::Male,
        Gender::Other,
        Gender::PreferNotToSay,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
            Gender::Other => "other",
            Gender::PreferNotToSay => "prefer-not-to-say",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == code)
    }

    pub fn label_key(self) -> String {
        format!("gender.{}", self.code())
    }
}

/// Roles a person can hold in one forum edition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ForumRoleKind {
    Organiser,
    Reviewer,
}

impl ForumRoleKind {
    pub const ALL: [ForumRoleKind; 2] = [ForumRoleKind::Organiser, ForumRoleKind::Reviewer];

    pub fn code(self) -> &'static str {
        match self {
            ForumRoleKind::Organiser => "organiser",
            ForumRoleKind::Reviewer => "reviewer",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label_key(self) -> String {
        format!("role.{}", self.code())
    }
}

/// A role held in a forum edition, as shown to its holder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldRole {
    pub forum_code: String,
    pub forum_name: String,
    pub role: ForumRoleKind,
}

/// Who is looking at the page: the signed-in person and their roles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub is_admin: bool,
    pub roles: Vec<HeldRole>,
}

impl Viewer {
    pub fn has_role(&self, forum_code: &str, role: ForumRoleKind) -> bool {
        self.roles
            .iter()
            .any(|r| r.forum_code == forum_code && r.role == role)
    }
}

/// The profile attributes every later report counts on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub email: String,
    pub organisation: String,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub stakeholder_group: Option<StakeholderGroup>,
    pub gender: Option<Gender>,
    pub first_time: bool,
    /// Derived from the country, never entered.
    pub regional_group: Option<countries::RegionalGroup>,
}
