//! Certificates applied to the database (server only): the facts a
//! certificate rests on (the registration, check-in, join links used,
//! onsite sign-ups), the certificate row made at the first download (its
//! code kept ever after, its facts brought up to date at each download),
//! the public verification (one statement), the organisers' list and
//! revocation.

use super::pdf::Certificate;
use super::*;
use crate::context::RequestCtx;
use crate::db::{
    begin_write, certificate, forum, join_link, now, registration, session_signup, user,
};
use crate::error::AppError;
use crate::forums::editions::by_code;
use crate::i18n::{translate, translate_with, Locale};
use crate::participation::SignupState;
use crate::registration::{Mode, State};
use sea_orm::{
    entity::prelude::*, sea_query::OnConflict, ActiveValue::Set, ConnectionTrait, QueryOrder,
    QuerySelect,
};

/// A new verification code: 16 characters from the operating system's
/// random source (80 bits).
pub fn new_code() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; CODE_LENGTH];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    code_from_bytes(&bytes)
}

/// The person's registration and what it counts: three statements.
async fn facts(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    me: Uuid,
) -> Result<(Option<registration::Model>, Facts), AppError> {
    let r = registration::Entity::find()
        .filter(registration::Column::ForumId.eq(forum_id))
        .filter(registration::Column::UserId.eq(me))
        .one(db)
        .await?;
    let joined_online = join_link::Entity::find()
        .filter(join_link::Column::ForumId.eq(forum_id))
        .filter(join_link::Column::UserId.eq(me))
        .filter(join_link::Column::Uses.gt(0))
        .count(db)
        .await? as u32;
    let signed_up_onsite = session_signup::Entity::find()
        .filter(session_signup::Column::ForumId.eq(forum_id))
        .filter(session_signup::Column::UserId.eq(me))
        .filter(session_signup::Column::Mode.eq(Mode::Onsite.code()))
        .filter(session_signup::Column::State.eq(SignupState::SignedUp.code()))
        .count(db)
        .await? as u32;
    let facts = Facts {
        state: r.as_ref().and_then(|r| State::from_code(&r.state)),
        checked_in: r.as_ref().is_some_and(|r| r.checked_in_at.is_some()),
        joined_online,
        signed_up_onsite,
    };
    Ok((r, facts))
}

async fn mine(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    me: Uuid,
) -> Result<Option<certificate::Model>, AppError> {
    Ok(certificate::Entity::find()
        .filter(certificate::Column::ForumId.eq(forum_id))
        .filter(certificate::Column::UserId.eq(me))
        .one(db)
        .await?)
}

fn attendance_of(c: &certificate::Model) -> Attendance {
    Attendance {
        onsite: c.onsite,
        online: c.online,
        online_sessions: Ord::max(c.online_sessions, 0) as u32,
        onsite_sessions: Ord::max(c.onsite_sessions, 0) as u32,
    }
}

fn day(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// What the signed-in person's registration page offers: none for a visitor
/// or someone not entitled. Five statements at most.
pub async fn offer(ctx: &RequestCtx, code: &str) -> Result<Option<Offer>, AppError> {
    let f = by_code(ctx, code).await?;
    let Some(me) = ctx.signed_in.as_ref().map(|s| s.user_id()) else {
        return Ok(None);
    };
    let (_, facts) = facts(ctx.db(), f.id, me).await?;
    let Ok(attendance) = entitlement(&facts) else {
        return Ok(None);
    };
    let issued = mine(ctx.db(), f.id, me).await?;
    Ok(Some(Offer {
        forum_code: f.code,
        attendance,
        code: issued.as_ref().map(|c| grouped(&c.code)),
        revoked: issued.is_some_and(|c| c.revoked_at.is_some()),
    }))
}

/// A certificate's PDF and its file name.
pub struct Pdf {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The signed-in person's certificate for the edition: made the first time
/// (two downloads at once make one), its facts brought up to date after.
/// Refused (`Forbidden`-like conflicts, each saying why) to anyone not
/// entitled, and once revoked.
pub async fn download(ctx: &RequestCtx, code: &str) -> Result<Pdf, AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    let (r, facts) = facts(ctx.db(), f.id, me).await?;
    let attendance =
        entitlement(&facts).map_err(|why| AppError::Conflict(why.message_key().into()))?;
    let badge_name = r.map(|r| r.badge_name).unwrap_or_default();
    let at = now();
    let txn = begin_write(ctx.db()).await?;
    let row = match mine(&txn, f.id, me).await? {
        Some(c) if c.revoked_at.is_some() => {
            return Err(AppError::Conflict("certificates.revoked".into()))
        }
        Some(c) => {
            let mut a: certificate::ActiveModel = c.into();
            a.badge_name = Set(badge_name);
            a.onsite = Set(attendance.onsite);
            a.online = Set(attendance.online);
            a.online_sessions = Set(attendance.online_sessions as i32);
            a.onsite_sessions = Set(attendance.onsite_sessions as i32);
            a.updated_at = Set(at);
            a.update(&txn).await?
        }
        None => {
            let inserted = certificate::Entity::insert(certificate::ActiveModel {
                id: Set(Uuid::new_v4()),
                forum_id: Set(f.id),
                user_id: Set(me),
                code: Set(new_code()),
                badge_name: Set(badge_name),
                onsite: Set(attendance.onsite),
                online: Set(attendance.online),
                online_sessions: Set(attendance.online_sessions as i32),
                onsite_sessions: Set(attendance.onsite_sessions as i32),
                issued_at: Set(at),
                updated_at: Set(at),
                revoked_at: Set(None),
                revoked_by: Set(None),
            })
            .on_conflict(
                OnConflict::columns([certificate::Column::ForumId, certificate::Column::UserId])
                    .do_nothing()
                    .to_owned(),
            )
            .exec(&txn)
            .await;
            match inserted {
                Ok(_) | Err(sea_orm::DbErr::RecordNotInserted) => {}
                Err(e) => return Err(e.into()),
            }
            mine(&txn, f.id, me).await?.ok_or(AppError::Internal)?
        }
    };
    txn.commit().await?;
    let bytes = render(ctx, &f, &row);
    Ok(Pdf {
        file_name: format!(
            "{}-certificate.pdf",
            f.code
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
        ),
        bytes,
    })
}

/// The edition's dates and place, as the certificate states them.
fn when_where(f: &forum::Model) -> String {
    let from = f.day_zero.or(f.first_day);
    let dates = match (from, f.last_day) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) => a.to_string(),
        (None, Some(b)) => b.to_string(),
        (None, None) => String::new(),
    };
    [dates, f.host_city.clone(), f.venue.clone()]
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The certificate as a PDF, in the requester's language.
fn render(ctx: &RequestCtx, f: &forum::Model, c: &certificate::Model) -> Vec<u8> {
    let l: Locale = ctx.locale;
    let a = attendance_of(c);
    let modes = match (a.onsite, a.online) {
        (true, true) => "certificates.pdf.both",
        (true, false) => "certificates.pdf.onsite",
        _ => "certificates.pdf.online",
    };
    let mut sessions = vec![];
    if a.online_sessions > 0 {
        sessions.push(translate_with(
            l,
            "certificates.pdf.sessions-online",
            &[("count", &a.online_sessions.to_string())],
        ));
    }
    if a.onsite_sessions > 0 {
        sessions.push(translate_with(
            l,
            "certificates.pdf.sessions-onsite",
            &[("count", &a.onsite_sessions.to_string())],
        ));
    }
    let url = ctx.settings().link(&verify_path(&c.code));
    let qr = qrcode::QrCode::new(url.as_bytes()).ok().map(|q| {
        (
            q.width(),
            q.to_colors()
                .into_iter()
                .map(|m| m == qrcode::Color::Dark)
                .collect(),
        )
    });
    super::pdf::certificate(&Certificate {
        title: &translate(l, "certificates.pdf.title"),
        certifies: &translate(l, "certificates.pdf.certifies"),
        name: &c.badge_name,
        took_part: &translate(l, "certificates.pdf.took-part"),
        edition: &f.name,
        when_where: &when_where(f),
        modes: &translate(l, modes),
        sessions: &sessions.join(" · "),
        issued: &translate_with(l, "certificates.pdf.issued", &[("date", &day(c.issued_at))]),
        verify: &translate(l, "certificates.pdf.verify"),
        url: &url,
        code: &translate_with(l, "certificates.pdf.code", &[("code", &grouped(&c.code))]),
        qr,
        created: &c.updated_at.format("%Y%m%d%H%M%S").to_string(),
        rtl: l.dir() == "rtl",
    })
}

/// What a code verifies as: one statement, whatever the answer (none for
/// what cannot be a code).
pub async fn verify(ctx: &RequestCtx, typed: &str) -> Result<Verification, AppError> {
    let Some(code) = normalise_code(typed) else {
        return Ok(Verification::Unknown);
    };
    let found = certificate::Entity::find()
        .filter(certificate::Column::Code.eq(code))
        .find_also_related(forum::Entity)
        .one(ctx.db())
        .await?;
    Ok(match found {
        Some((c, _)) if c.revoked_at.is_some() => Verification::Revoked,
        Some((c, Some(f))) => Verification::Valid {
            attendance: attendance_of(&c),
            badge_name: c.badge_name,
            forum_name: f.name,
            issued_on: day(c.issued_at),
        },
        _ => Verification::Unknown,
    })
}

/// The organisers' list of the edition's certificates, newest first, with
/// the counts: six statements whatever the number.
pub async fn list(ctx: &RequestCtx, code: &str) -> Result<Issued, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let of_forum = || certificate::Entity::find().filter(certificate::Column::ForumId.eq(f.id));
    let valid = || of_forum().filter(certificate::Column::RevokedAt.is_null());
    let issued = of_forum().count(ctx.db()).await? as u32;
    let revoked = of_forum()
        .filter(certificate::Column::RevokedAt.is_not_null())
        .count(ctx.db())
        .await? as u32;
    let onsite = valid()
        .filter(certificate::Column::Onsite.eq(true))
        .count(ctx.db())
        .await? as u32;
    let online = valid()
        .filter(certificate::Column::Online.eq(true))
        .count(ctx.db())
        .await? as u32;
    let rows = of_forum()
        .find_also_related(user::Entity)
        .order_by_desc(certificate::Column::IssuedAt)
        .order_by_asc(certificate::Column::Code)
        .limit(MAX_SHOWN as u64)
        .all(ctx.db())
        .await?
        .into_iter()
        .filter_map(|(c, u)| {
            let u = u?;
            Some(IssuedRow {
                id: c.id.to_string(),
                name: u.name,
                email: u.email,
                attendance: attendance_of(&c),
                code: grouped(&c.code),
                issued_on: day(c.issued_at),
                revoked: c.revoked_at.is_some(),
                badge_name: c.badge_name,
            })
        })
        .collect();
    Ok(Issued {
        forum_code: f.code,
        forum_name: f.name,
        rows,
        issued,
        revoked,
        onsite,
        online,
    })
}

/// Organisers revoke a certificate (it then verifies as revoked and cannot
/// be downloaded) or restore it; recorded in the audit log.
pub async fn set_revoked(
    ctx: &RequestCtx,
    code: &str,
    id: Uuid,
    revoked: bool,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    let c = certificate::Entity::find_by_id(id)
        .filter(certificate::Column::ForumId.eq(f.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let shown = grouped(&c.code);
    let mut a: certificate::ActiveModel = c.into();
    a.revoked_at = Set(revoked.then(now));
    a.revoked_by = Set(revoked.then_some(me));
    a.update(&txn).await?;
    crate::admin::audit::record(
        &txn,
        Some(me),
        if revoked {
            "certificate.revoked"
        } else {
            "certificate.restored"
        },
        &f.code,
        &shown,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_codes_are_codes_and_differ() {
        let a = new_code();
        assert_eq!(normalise_code(&a).as_deref(), Some(a.as_str()));
        assert_ne!(a, new_code());
    }

    #[test]
    fn dates_and_place_leave_out_what_is_missing() {
        let mut f = forum::Model {
            id: Uuid::nil(),
            code: "igf".into(),
            name: "IGF 2027".into(),
            created_at: now(),
            host_city: "Geneva".into(),
            venue: "CICG".into(),
            time_zone: "Europe/Zurich".into(),
            day_zero: None,
            first_day: chrono::NaiveDate::from_ymd_opt(2027, 6, 22),
            last_day: chrono::NaiveDate::from_ymd_opt(2027, 6, 25),
            description: String::new(),
            languages: String::new(),
            updated_at: None,
            max_parallel_same_theme: 0,
            max_sessions_per_person_day: 0,
        };
        assert_eq!(when_where(&f), "2027-06-22 – 2027-06-25 · Geneva · CICG");
        f.day_zero = chrono::NaiveDate::from_ymd_opt(2027, 6, 21);
        f.venue = " ".into();
        assert_eq!(when_where(&f), "2027-06-21 – 2027-06-25 · Geneva");
        f.day_zero = None;
        f.first_day = None;
        f.last_day = None;
        assert_eq!(when_where(&f), "Geneva");
    }
}
