//! An edition's own wording of its mails (server only): the page's data,
//! saving and going back to the standard wording, the wording a mail is sent
//! in, and copying it from an earlier edition.

use super::editions::by_code;
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{begin_write, mail_template, now};
use crate::error::{AppError, Problems};
use crate::i18n::{translate, Locale};
use crate::notifications::wording::{self, EditionMail, MailSettings, EDITION_MAILS};
use sea_orm::{entity::prelude::*, ActiveValue::Set, ConnectionTrait, QueryFilter};

/// Every edition mail in every language: saved wording, or the standard one.
pub async fn load(ctx: &RequestCtx, code: &str) -> Result<MailSettings, AppError> {
    ctx.require_organiser(code)?;
    let f = by_code(ctx, code).await?;
    let saved = mail_template::Entity::find()
        .filter(mail_template::Column::ForumId.eq(f.id))
        .all(ctx.db())
        .await?;
    let mut mails = vec![];
    for (kind, _) in EDITION_MAILS {
        for locale in Locale::ALL {
            let own = saved
                .iter()
                .find(|m| m.kind == kind && m.locale == locale.code());
            mails.push(match own {
                Some(m) => EditionMail {
                    kind: kind.into(),
                    locale: locale.code().into(),
                    subject: m.subject.clone(),
                    body: m.body.clone(),
                    custom: true,
                },
                None => EditionMail {
                    kind: kind.into(),
                    locale: locale.code().into(),
                    subject: translate(locale, &format!("mail.{kind}.subject")),
                    body: translate(locale, &format!("mail.{kind}.body")),
                    custom: false,
                },
            });
        }
    }
    Ok(MailSettings {
        forum_code: f.code,
        forum_name: f.name,
        mails,
    })
}

fn locale_of(code: &str) -> Result<Locale, AppError> {
    Locale::from_code(code).ok_or_else(|| AppError::field("locale", "field.choice-invalid"))
}

/// Saves the edition's wording of one mail in one language.
pub async fn save(
    ctx: &RequestCtx,
    code: &str,
    kind: &str,
    locale: &str,
    subject: &str,
    body: &str,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let locale = locale_of(locale)?;
    let (subject, body) = wording::check(kind, subject, body).map_err(|problems| {
        let mut p = Problems::new();
        for (field, message) in problems {
            p.add(field, message);
        }
        p.into_result().err().unwrap_or(AppError::Internal)
    })?;
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    remove(&txn, f.id, kind, locale).await?;
    mail_template::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(f.id),
        kind: Set(kind.into()),
        locale: Set(locale.code().into()),
        subject: Set(subject),
        body: Set(body),
        updated_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(me),
        "mail.worded",
        &f.code,
        &format!("{kind} {}", locale.code()),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn remove(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    kind: &str,
    locale: Locale,
) -> Result<(), AppError> {
    mail_template::Entity::delete_many()
        .filter(mail_template::Column::ForumId.eq(forum_id))
        .filter(mail_template::Column::Kind.eq(kind))
        .filter(mail_template::Column::Locale.eq(locale.code()))
        .exec(db)
        .await?;
    Ok(())
}

/// Goes back to the standard wording of one mail in one language.
pub async fn reset(ctx: &RequestCtx, code: &str, kind: &str, locale: &str) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let locale = locale_of(locale)?;
    if wording::placeholders(kind).is_none() {
        return Err(AppError::field("kind", "field.choice-invalid"));
    }
    let f = by_code(ctx, code).await?;
    let txn = begin_write(ctx.db()).await?;
    remove(&txn, f.id, kind, locale).await?;
    audit::record(
        &txn,
        Some(me),
        "mail.reset",
        &f.code,
        &format!("{kind} {}", locale.code()),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The edition's wording (subject, body) of a mail in a language, if it has one.
pub async fn wording_for(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
    kind: &str,
    locale: Locale,
) -> Result<Option<(String, String)>, AppError> {
    Ok(mail_template::Entity::find()
        .filter(mail_template::Column::ForumId.eq(forum_id))
        .filter(mail_template::Column::Kind.eq(kind))
        .filter(mail_template::Column::Locale.eq(locale.code()))
        .one(db)
        .await?
        .map(|m| (m.subject, m.body)))
}

/// Copies the wordings the target edition lacks from another: "start from last year".
pub async fn copy_wordings(
    db: &impl ConnectionTrait,
    from: Uuid,
    to: Uuid,
) -> Result<usize, AppError> {
    let have = mail_template::Entity::find()
        .filter(mail_template::Column::ForumId.eq(to))
        .all(db)
        .await?;
    let missing: Vec<mail_template::ActiveModel> = mail_template::Entity::find()
        .filter(mail_template::Column::ForumId.eq(from))
        .all(db)
        .await?
        .into_iter()
        .filter(|m| {
            !have
                .iter()
                .any(|h| h.kind == m.kind && h.locale == m.locale)
        })
        .map(|m| mail_template::ActiveModel {
            id: Set(Uuid::new_v4()),
            forum_id: Set(to),
            kind: Set(m.kind),
            locale: Set(m.locale),
            subject: Set(m.subject),
            body: Set(m.body),
            updated_at: Set(now()),
        })
        .collect();
    let copied = missing.len();
    if copied > 0 {
        mail_template::Entity::insert_many(missing).exec(db).await?;
    }
    Ok(copied)
}
