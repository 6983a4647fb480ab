//! The demo edition's open consultation: a phased process taking
//! contributions now, four questions, and a few hundred contributions from
//! the demo proposers (their stakeholder groups and countries), most
//! published, some waiting for moderation, a few not published.

use super::proposals::{rows_in_chunks, Dice};
use crate::config::DemoSize;
use app::db::{consultation, consultation_phase, consultation_question, contribution, user};
use chrono::Duration;
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};

pub const SLUG: &str = "open-consultation";

/// Contributions seeded for each demo size.
pub fn count_for(size: DemoSize) -> usize {
    match size {
        DemoSize::Bare => 0,
        DemoSize::Small => 300,
        DemoSize::Full => 600,
    }
}

const QUESTIONS: [&str; 4] = [
    "Which themes should the 2027 Forum address?",
    "How can the Forum include more participants from developing countries?",
    "What should change in the format of the sessions?",
    "Which outcomes should the Forum deliver?",
];

const OPENINGS: [&str; 6] = [
    "We suggest that the Forum gives room to",
    "Our community asks for more attention to",
    "The experience of our members shows the importance of",
    "We would welcome sessions on",
    "A priority for our region is",
    "The Forum should build on its work on",
];

const TOPICS: [&str; 10] = [
    "meaningful connectivity and affordable access",
    "artificial intelligence governance",
    "cybersecurity capacity building",
    "local content in local languages",
    "data protection and cross-border data flows",
    "digital public infrastructure",
    "the environmental footprint of digital technologies",
    "gender equality online",
    "youth participation in Internet governance",
    "the implementation of the WSIS Action Lines",
];

const CLOSINGS: [&str; 5] = [
    "We are ready to organise a session on it with partners from other stakeholder groups.",
    "Remote participation should be easy for those who cannot travel.",
    "Concrete examples from the regions would make the discussion useful.",
    "The outcome should feed into the national and regional initiatives.",
    "",
];

/// Seeds the consultation when the demo has proposers to write to it.
pub async fn seed(db: &impl ConnectionTrait, forum_id: Uuid, size: DemoSize) -> Result<(), DbErr> {
    let count = count_for(size);
    if count == 0 {
        return Ok(());
    }
    let at = app::db::now();
    let id = Uuid::new_v4();
    consultation::ActiveModel {
        id: Set(id),
        forum_id: Set(forum_id),
        slug: Set(SLUG.into()),
        title: Set("Demo Forum 2027 Open Consultation Process".into()),
        description: Set("The Open Consultation Process builds the Forum's agenda with every stakeholder group. Contribute to the questions below; the organisers publish the contributions and turn them into the call's themes.".into()),
        published: Set(true),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(db)
    .await?;
    let phases = [
        ("Launch and online dialogue", -20, 30, true, true),
        ("Final review", 30, 45, false, true),
        ("Final brief", 45, 60, false, false),
    ];
    for (name, from, to, contributions, comments) in phases {
        consultation_phase::ActiveModel {
            id: Set(Uuid::new_v4()),
            consultation_id: Set(id),
            name: Set(name.into()),
            starts_at: Set(at + Duration::days(from)),
            ends_at: Set(at + Duration::days(to)),
            contributions: Set(contributions),
            comments: Set(comments),
        }
        .insert(db)
        .await?;
    }
    let mut questions = vec![];
    for (i, title) in QUESTIONS.iter().enumerate() {
        let q = consultation_question::ActiveModel {
            id: Set(Uuid::new_v4()),
            consultation_id: Set(id),
            position: Set(i as i32 + 1),
            title: Set((*title).into()),
            description: Set(String::new()),
        }
        .insert(db)
        .await?;
        questions.push(q.id);
    }
    let authors = user::Entity::find()
        .filter(user::Column::Email.like("person%@demo.plenum.localhost"))
        .order_by_asc(user::Column::Email)
        .limit(count as u64)
        .all(db)
        .await?;
    if authors.is_empty() {
        return Ok(());
    }
    let mut dice = Dice(0xc045_7a71_0027);
    let rows: Vec<contribution::ActiveModel> = (0..count)
        .map(|n| {
            let author = &authors[n % authors.len()];
            let state = match dice.below(20) {
                0 => "hidden",
                1 | 2 => "received",
                _ => "approved",
            };
            let body = format!(
                "{} {}. {}",
                dice.pick(&OPENINGS),
                dice.pick(&TOPICS),
                dice.pick(&CLOSINGS)
            );
            let sent = at - Duration::minutes(dice.below(20 * 24 * 60) as i64);
            contribution::ActiveModel {
                id: Set(Uuid::new_v4()),
                consultation_id: Set(id),
                question_id: Set(*dice.pick(&questions)),
                author_id: Set(author.id),
                organisation: Set(author.organisation.clone()),
                stakeholder_group: Set(author
                    .stakeholder_group
                    .clone()
                    .unwrap_or_else(|| "civil-society".into())),
                region: Set(app::accounts::countries::region_code(
                    author.country.as_deref(),
                )),
                country: Set(author.country.clone()),
                body: Set(body.trim().to_string()),
                anonymous: Set(dice.chance(10)),
                state: Set(state.into()),
                reason: Set(if state == "hidden" {
                    "Please keep to the consultation's questions.".into()
                } else {
                    String::new()
                }),
                attachment_kind: Set(None),
                attachment_name: Set(String::new()),
                attachment_size: Set(0),
                created_at: Set(sent),
                updated_at: Set(sent),
                moderated_at: Set((state != "received").then_some(sent)),
                moderated_by: Set(None),
            }
        })
        .collect();
    for chunk in rows_in_chunks(rows, 200) {
        contribution::Entity::insert_many(chunk).exec(db).await?;
    }
    Ok(())
}
