//! Demo proposals: a call's worth of session proposals in every state (drafts,
//! submitted, screened eligible or not, withdrawn), from proposers and with
//! people spread across stakeholder groups, regional groups and genders.
//! Deterministic (a fixed seed), and written with multi-row inserts so the
//! full size loads in seconds.

use crate::config::DemoSize;
use app::db::{call, proposal, proposal_person, screening_override, session_type, theme, user};
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait, QueryOrder};

/// A small deterministic generator (xorshift), so every run makes the same demo.
pub(super) struct Dice(pub(super) u64);

impl Dice {
    pub(super) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent` / 100.
    pub(super) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Countries by UN regional group, so regions spread evenly.
pub(super) const COUNTRIES: [&[&str]; 5] = [
    &["KE", "NG", "ZA", "EG", "SN", "GH", "RW", "ET"],
    &["IN", "CN", "JP", "ID", "PK", "BD", "PH", "VN", "LB"],
    &["PL", "UA", "RO", "CZ", "GE", "AM", "RS"],
    &["BR", "MX", "AR", "CO", "CL", "JM", "PE", "CR"],
    &["US", "GB", "DE", "FR", "CH", "CA", "AU", "SE", "NZ"],
];
pub(super) const GROUPS: [&str; 5] = [
    "government",
    "intergovernmental",
    "civil-society",
    "private-sector",
    "technical-community",
];
pub(super) const GENDERS: [&str; 4] = ["female", "male", "other", "prefer-not-to-say"];
pub(super) const FIRST: [&str; 24] = [
    "Amina", "Kwame", "Li", "Priya", "Olga", "Mateo", "Sofia", "Yusuf", "Hana", "Tomás", "Chen",
    "Aisha", "Jonas", "Fatima", "Ravi", "Ingrid", "Kofi", "Lucía", "Mei", "Omar", "Nadia", "Pedro",
    "Sara", "Tariq",
];
pub(super) const LAST: [&str; 24] = [
    "Okafor", "Mensah", "Wei", "Sharma", "Kowalska", "García", "Rossi", "Haddad", "Sato", "Silva",
    "Nguyen", "Diallo", "Berg", "Rahman", "Iyer", "Larsen", "Boateng", "Torres", "Tanaka",
    "Khalil", "Petrova", "Santos", "Cohen", "Aziz",
];
pub(super) const ORGANISATIONS: [&str; 30] = [
    "Ministry of Communications",
    "Digital Rights Watch",
    "Open Networks Foundation",
    "Global Connectivity Alliance",
    "University of Nairobi",
    "Internet Society Chapter",
    "Youth IGF Coalition",
    "Cloud Services Ltd",
    "Regional Telecom Union",
    "Data Justice Lab",
    "National Regulator",
    "Women in Tech Network",
    "Cyber Peace Institute",
    "Tech for Good Inc",
    "School of Law and Technology",
    "Community Networks Hub",
    "Mobile Operators Association",
    "Privacy First",
    "African Internet Forum",
    "Asia Pacific Policy Centre",
    "Latin Digital",
    "European Digital Association",
    "Open Source Collective",
    "Accessibility Now",
    "Child Online Safety Group",
    "Green ICT Initiative",
    "AI Ethics Council",
    "Parliamentary Network",
    "Development Bank Digital Unit",
    "Standards Body Liaison",
];
pub(super) const OPENINGS: [&str; 10] = [
    "Bridging",
    "Rethinking",
    "Governing",
    "Scaling",
    "Securing",
    "Measuring",
    "Including",
    "Financing",
    "Localising",
    "Protecting",
];
pub(super) const TOPICS: [&str; 12] = [
    "community networks",
    "AI in public services",
    "data flows",
    "digital public goods",
    "online safety for children",
    "cyber norms",
    "meaningful access",
    "platform accountability",
    "green data centres",
    "digital skills",
    "open standards",
    "misinformation",
];
pub(super) const AUDIENCES: [&str; 8] = [
    "in the Global South",
    "for small islands",
    "for youth",
    "in rural areas",
    "across regions",
    "for parliaments",
    "for cities",
    "after WSIS+20",
];

/// How many proposals each demo size makes.
pub fn count_for(size: DemoSize) -> usize {
    match size {
        DemoSize::Bare => 0,
        DemoSize::Small => 400,
        DemoSize::Full => 2000,
    }
}

pub(super) fn rows_in_chunks<T>(rows: Vec<T>, per: usize) -> Vec<Vec<T>> {
    let mut out = vec![];
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        out.push(rows.by_ref().take(per).collect());
    }
    out
}

struct Person {
    name: String,
    email: String,
    organisation: String,
    country: String,
    group: String,
    gender: String,
}

/// Seeds `count` proposals into the edition's first call; `organiser` makes
/// the screening decisions and overrides.
pub async fn seed(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    organiser: Uuid,
    password_hash: &str,
    count: usize,
) -> Result<(), DbErr> {
    if count == 0 {
        return Ok(());
    }
    let mut dice = Dice(0x5eed_1e55_c0de_2027);
    let at = app::db::now();
    let the_call = call::Entity::find()
        .filter(call::Column::ForumId.eq(forum_id))
        .one(db)
        .await?
        .ok_or_else(|| DbErr::Custom("the demo call is missing".into()))?;
    let types: Vec<session_type::Model> = session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(forum_id))
        .order_by_asc(session_type::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .take(5)
        .collect();
    let themes = theme::Entity::find()
        .filter(theme::Column::ForumId.eq(forum_id))
        .order_by_asc(theme::Column::Position)
        .all(db)
        .await?;
    let main_themes: Vec<&theme::Model> = themes.iter().filter(|t| t.parent_id.is_none()).collect();

    // A pool of people: six per proposal, so most are in one or two sessions
    // and a few in more than the call allows.
    let pool: Vec<Person> = (0..count * 6)
        .map(|n| {
            let first = *dice.pick(&FIRST);
            let last = *dice.pick(&LAST);
            let region = dice.below(COUNTRIES.len());
            let country = String::from(*dice.pick(COUNTRIES[region]));
            Person {
                name: format!("{first} {last}"),
                email: format!("person{n}@demo.plenum.localhost"),
                organisation: format!("{} {country}", dice.pick(&ORGANISATIONS)),
                country,
                group: String::from(*dice.pick(&GROUPS)),
                // Mostly women and men, some others and some who did not say.
                gender: GENDERS[[0, 0, 0, 0, 1, 1, 1, 1, 2, 3][dice.below(10)]].to_string(),
            }
        })
        .collect();

    // Proposers: accounts for three-quarters of a proposal's worth of people
    // each; some propose twice.
    let proposer_count = count * 3 / 4;
    let proposers: Vec<user::ActiveModel> = pool[..proposer_count]
        .iter()
        .map(|p| {
            let mut account =
                app::accounts::service::new_account(&p.email, &p.name, password_hash.to_string());
            account.email_verified_at = Set(Some(at));
            account.organisation = Set(p.organisation.clone());
            account.country = Set(Some(p.country.clone()));
            account.stakeholder_group = Set(Some(p.group.clone()));
            account.gender = Set(Some(p.gender.clone()));
            account.first_time = Set(dice.chance(30));
            account
        })
        .collect();
    let proposer_ids: Vec<Uuid> = proposers
        .iter()
        .map(|a| match &a.id {
            sea_orm::ActiveValue::Set(id) => *id,
            _ => Uuid::nil(),
        })
        .collect();
    for chunk in rows_in_chunks(proposers, 200) {
        user::Entity::insert_many(chunk).exec(db).await?;
    }

    let mut numbers = vec![0i32; types.len()];
    let mut proposals = vec![];
    let mut people = vec![];
    let mut overrides = vec![];
    for n in 0..count {
        let id = Uuid::new_v4();
        let who = dice.below(proposer_count);
        let t = dice.below(types.len());
        let st = &types[t];
        let theme = main_themes[dice.below(main_themes.len())];
        let sub = themes
            .iter()
            .find(|s| s.parent_id == Some(theme.id) && dice.chance(70))
            .map(|s| s.id);
        // States: 10% drafts, 5% withdrawn, the rest submitted (screened below).
        let roll = dice.below(100);
        let state = match roll {
            0..=9 => "draft",
            10..=14 => "withdrawn",
            _ => "submitted",
        };
        let (number, code) = if state == "draft" {
            (None, None)
        } else {
            numbers[t] += 1;
            (
                Some(numbers[t]),
                Some(format!("{} #{}", st.code_prefix, numbers[t])),
            )
        };
        let durations: Vec<i32> = st
            .durations
            .split(',')
            .filter_map(|d| d.parse().ok())
            .collect();
        let title = format!(
            "{} {} {}",
            dice.pick(&OPENINGS),
            dice.pick(&TOPICS),
            dice.pick(&AUDIENCES)
        );
        let submitted_at =
            (state != "draft").then(|| at - chrono::Duration::minutes((count - n) as i64 * 7));
        proposals.push(proposal::ActiveModel {
            id: Set(id),
            forum_id: Set(forum_id),
            call_id: Set(the_call.id),
            proposer_id: Set(proposer_ids[who]),
            session_type_id: Set(Some(st.id)),
            format_id: Set(None),
            format_description: Set(String::new()),
            duration: Set(durations.first().copied()),
            theme_id: Set(Some(theme.id)),
            sub_theme_id: Set(sub),
            title: Set(title.clone()),
            description: Set(format!(
                "This session on {} brings together people from several stakeholder groups and regions \
                 to share what works, what does not, and what should change. Speakers present short cases; \
                 most of the time goes to discussion with participants onsite and online.",
                title.to_lowercase()
            )),
            policy_questions: Set(serde_json::json!([
                format!("What would make {} work better?", dice.pick(&TOPICS)),
                "Who should be responsible, and how are they held to account?"
            ])
            .to_string()),
            expected_outcomes: Set("A short report with recommendations, shared with the MAG.".into()),
            hybrid_plan: Set("An online moderator brings remote questions in after each round; a shared document collects input.".into()),
            room_layout: Set(if dice.chance(50) { "roundtable" } else { "theatre" }.into()),
            languages: Set("en".into()),
            sdgs: Set(format!("{},{}", 1 + dice.below(17), 9)),
            action_lines: Set(String::new()),
            tags: Set(String::from(*dice.pick(&TOPICS))),
            previous_report_url: Set(String::new()),
            state: Set(state.into()),
            number: Set(number),
            code: Set(code),
            created_at: Set(at - chrono::Duration::minutes((count - n) as i64 * 8)),
            updated_at: Set(at),
            submitted_at: Set(submitted_at),
            ..Default::default()
        });

        // People: the proposer and 1–2 co-organisers, 2–5 speakers, the
        // moderators and a rapporteur, all different people.
        let mut roles = vec!["organiser"; 2 + dice.below(2)];
        roles.extend(vec!["speaker"; 2 + dice.below(4)]);
        roles.extend(["onsite-moderator", "online-moderator", "rapporteur"]);
        let mut chosen = vec![who];
        for (position, role) in roles.into_iter().enumerate() {
            let index = if position == 0 {
                who
            } else {
                let mut i = dice.below(pool.len());
                while chosen.contains(&i) {
                    i = (i + 1) % pool.len();
                }
                chosen.push(i);
                i
            };
            let p = &pool[index];
            let confirmation = if position == 0 {
                "confirmed"
            } else {
                match dice.below(10) {
                    0 => "declined",
                    1 | 2 => "pending",
                    _ => "confirmed",
                }
            };
            people.push(proposal_person::ActiveModel {
                id: Set(Uuid::new_v4()),
                proposal_id: Set(id),
                role: Set(role.into()),
                position: Set(position as i32),
                name: Set(p.name.clone()),
                email: Set(p.email.clone()),
                organisation: Set(p.organisation.clone()),
                country: Set(Some(p.country.clone())),
                stakeholder_group: Set(Some(p.group.clone())),
                gender: Set(Some(p.gender.clone())),
                onsite: Set(role == "online-moderator" || !dice.chance(25)),
                confirmation: Set(confirmation.into()),
                token_hash: Set(None),
                answered_at: Set((confirmation != "pending").then_some(at)),
            });
        }
        if state == "submitted" && dice.chance(4) {
            overrides.push(screening_override::ActiveModel {
                id: Set(Uuid::new_v4()),
                proposal_id: Set(id),
                rule: Set("screening.min-onsite-speakers".into()),
                passed: Set(true),
                reason: Set("A speaker's visa is pending; the secretariat confirmed onsite attendance by email.".into()),
                decided_by: Set(organiser),
                decided_at: Set(at),
            });
        }
    }
    for chunk in rows_in_chunks(proposals, 100) {
        proposal::Entity::insert_many(chunk).exec(db).await?;
    }
    for chunk in rows_in_chunks(people, 500) {
        proposal_person::Entity::insert_many(chunk).exec(db).await?;
    }
    if !overrides.is_empty() {
        screening_override::Entity::insert_many(overrides)
            .exec(db)
            .await?;
    }
    app::review::people_facts::fill_missing(db)
        .await
        .map_err(|e| DbErr::Custom(format!("{e:?}")))?;
    screen(db, forum_id, organiser, &mut dice).await
}

/// Screens the submitted proposals as an organiser would: about half of those
/// passing every rule marked eligible, one in eight of the failing ones not
/// eligible (most fail a rule an organiser would waive), the rest left for the
/// screening list.
async fn screen(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    organiser: Uuid,
    dice: &mut Dice,
) -> Result<(), DbErr> {
    let edition = app::proposals::batch::load(db, forum_id)
        .await
        .map_err(|e| DbErr::Custom(format!("{e:?}")))?;
    let (mut eligible, mut ineligible) = (vec![], vec![]);
    for s in edition
        .proposals
        .iter()
        .filter(|s| s.proposal.state == "submitted")
    {
        if app::proposals::screening::eligible(&s.checks) {
            if dice.chance(50) {
                eligible.push(s.proposal.id);
            }
        } else if dice.chance(12) {
            ineligible.push(s.proposal.id);
        }
    }
    let at = app::db::now();
    for (decision, ids) in [("eligible", eligible), ("ineligible", ineligible)] {
        for chunk in rows_in_chunks(ids, 500) {
            proposal::Entity::update_many()
                .col_expr(
                    proposal::Column::Screening,
                    sea_orm::sea_query::Expr::value(decision),
                )
                .col_expr(
                    proposal::Column::ScreenedAt,
                    sea_orm::sea_query::Expr::value(Some(at)),
                )
                .col_expr(
                    proposal::Column::ScreenedBy,
                    sea_orm::sea_query::Expr::value(Some(organiser)),
                )
                .filter(proposal::Column::Id.is_in(chunk))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}
