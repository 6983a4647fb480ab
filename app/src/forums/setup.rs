//! An edition's programme structure: themes with sub-themes, session types,
//! formats; and copying it from an earlier edition (server only).

use super::editions::{by_code, list, view};
use super::rules;
use super::{SessionFormat, SessionType, Setup, SubTheme, Theme};
use crate::admin::audit;
use crate::context::RequestCtx;
use crate::db::{forum, session_format, session_type, theme};
use crate::error::{AppError, Problems};
use sea_orm::{
    entity::prelude::*, ActiveValue::Set, ConnectionTrait, DatabaseTransaction, PaginatorTrait,
    QueryFilter, QueryOrder,
};

/// The setup page's data: four queries for the structure, one for other editions.
pub async fn load(ctx: &RequestCtx, code: &str) -> Result<Setup, AppError> {
    ctx.require_organiser(code)?;
    let forum = by_code(ctx, code).await?;
    let db = ctx.db();
    let themes = themes_of(db, forum.id).await?;
    let session_types = session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(forum.id))
        .order_by_asc(session_type::Column::Position)
        .order_by_asc(session_type::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|t| SessionType {
            id: t.id,
            durations: rules::durations(&t.durations).unwrap_or_default(),
            name: t.name,
            code_prefix: t.code_prefix,
        })
        .collect();
    let formats = session_format::Entity::find()
        .filter(session_format::Column::ForumId.eq(forum.id))
        .order_by_asc(session_format::Column::Position)
        .order_by_asc(session_format::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|f| SessionFormat {
            id: f.id,
            name: f.name,
            needs_description: f.needs_description,
        })
        .collect();
    let others = list(ctx)
        .await?
        .into_iter()
        .filter(|f| f.code != forum.code)
        .collect();
    Ok(Setup {
        edition: view(forum),
        themes,
        session_types,
        formats,
        others,
    })
}

/// Themes in order, each with its sub-themes (one query).
pub async fn themes_of(db: &impl ConnectionTrait, forum_id: Uuid) -> Result<Vec<Theme>, AppError> {
    let rows = theme::Entity::find()
        .filter(theme::Column::ForumId.eq(forum_id))
        .order_by_asc(theme::Column::Position)
        .order_by_asc(theme::Column::Name)
        .all(db)
        .await?;
    let mut themes: Vec<Theme> = rows
        .iter()
        .filter(|t| t.parent_id.is_none())
        .map(|t| Theme {
            id: t.id,
            name: t.name.clone(),
            colour: t.colour.clone(),
            sub_themes: vec![],
        })
        .collect();
    for sub in rows.iter().filter(|t| t.parent_id.is_some()) {
        if let Some(parent) = themes.iter_mut().find(|t| Some(t.id) == sub.parent_id) {
            parent.sub_themes.push(SubTheme {
                id: sub.id,
                name: sub.name.clone(),
            });
        }
    }
    Ok(themes)
}

/// The edition's themes in order, each followed by its sub-themes named
/// "Theme — Sub-theme": (id, name), one query.
pub async fn theme_names(
    db: &impl ConnectionTrait,
    forum_id: Uuid,
) -> Result<Vec<(Uuid, String)>, AppError> {
    let mut names = vec![];
    for t in themes_of(db, forum_id).await? {
        names.push((t.id, t.name.clone()));
        for s in t.sub_themes {
            names.push((s.id, format!("{} — {}", t.name, s.name)));
        }
    }
    Ok(names)
}

/// Adds a theme, or a sub-theme when `parent` names a theme of the edition.
pub async fn add_theme(
    ctx: &RequestCtx,
    code: &str,
    name: &str,
    colour: &str,
    parent: Option<Uuid>,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let forum = by_code(ctx, code).await?;
    let txn = crate::db::begin_write(ctx.db()).await?;
    new_theme(ctx, &txn, me, &forum, name, colour, parent).await?;
    txn.commit().await?;
    Ok(())
}

/// Checks and inserts a theme (or sub-theme) of `forum` in the caller's
/// transaction, last in its list, and records it; the caller checked that
/// `me` organises the edition. Its id.
pub(crate) async fn new_theme(
    ctx: &RequestCtx,
    txn: &DatabaseTransaction,
    me: Uuid,
    forum: &forum::Model,
    name: &str,
    colour: &str,
    parent: Option<Uuid>,
) -> Result<Uuid, AppError> {
    let mut p = Problems::new();
    let name = p.check("name", rules::line(name, 120));
    let colour = match parent {
        Some(_) => Some(String::new()),
        None => p.check("colour", rules::colour(colour)),
    };
    let (name, colour) = p.finish(name.zip(colour))?;
    if let Some(parent) = parent {
        let found = theme::Entity::find_by_id(parent)
            .filter(theme::Column::ForumId.eq(forum.id))
            .filter(theme::Column::ParentId.is_null())
            .one(txn)
            .await?;
        if found.is_none() {
            return Err(AppError::field("parent", "field.choice-invalid"));
        }
    }
    let position = theme::Entity::find()
        .filter(theme::Column::ForumId.eq(forum.id))
        .filter(match parent {
            Some(id) => theme::Column::ParentId.eq(id),
            None => theme::Column::ParentId.is_null(),
        })
        .count(txn)
        .await? as i32;
    let id = Uuid::new_v4();
    theme::ActiveModel {
        id: Set(id),
        forum_id: Set(forum.id),
        parent_id: Set(parent),
        name: Set(name.clone()),
        colour: Set(colour),
        position: Set(position),
    }
    .insert(txn)
    .await?;
    audit::record(
        txn,
        Some(me),
        "forum.theme-added",
        &forum.code,
        &name,
        &ctx.client_addr,
    )
    .await?;
    Ok(id)
}

pub async fn add_session_type(
    ctx: &RequestCtx,
    code: &str,
    name: &str,
    prefix: &str,
    durations: &str,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let forum = by_code(ctx, code).await?;
    let mut p = Problems::new();
    let name = p.check("name", rules::line(name, 120));
    let prefix = p.check("code_prefix", rules::code_prefix(prefix));
    let durations = p.check("durations", rules::durations(durations));
    let ((name, prefix), durations) = p.finish(name.zip(prefix).zip(durations))?;
    let txn = crate::db::begin_write(ctx.db()).await?;
    let taken = session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(forum.id))
        .filter(session_type::Column::CodePrefix.eq(prefix.clone()))
        .one(&txn)
        .await?;
    if taken.is_some() {
        return Err(AppError::field("code_prefix", "forums.prefix-taken"));
    }
    let position = session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(forum.id))
        .count(&txn)
        .await? as i32;
    session_type::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(forum.id),
        name: Set(name.clone()),
        code_prefix: Set(prefix),
        durations: Set(rules::durations_text(&durations)),
        position: Set(position),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(me),
        "forum.session-type-added",
        code,
        &name,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn add_format(
    ctx: &RequestCtx,
    code: &str,
    name: &str,
    needs_description: bool,
) -> Result<(), AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let forum = by_code(ctx, code).await?;
    let mut p = Problems::new();
    let name = p.check("name", rules::line(name, 120));
    let name = p.finish(name)?;
    let txn = crate::db::begin_write(ctx.db()).await?;
    let position = session_format::Entity::find()
        .filter(session_format::Column::ForumId.eq(forum.id))
        .count(&txn)
        .await? as i32;
    session_format::ActiveModel {
        id: Set(Uuid::new_v4()),
        forum_id: Set(forum.id),
        name: Set(name.clone()),
        needs_description: Set(needs_description),
        position: Set(position),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(me),
        "forum.format-added",
        code,
        &name,
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Removes one item of the edition's structure (a theme goes with its
/// sub-themes: the schema cascades). `forum_column` keeps the removal inside
/// this edition.
async fn remove<E>(
    ctx: &RequestCtx,
    code: &str,
    id: Uuid,
    forum_column: E::Column,
    name: fn(&E::Model) -> String,
    action: &str,
) -> Result<(), AppError>
where
    E: EntityTrait,
    E::Model: Sync,
    <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<Uuid>,
{
    let me = ctx.require_organiser(code)?.user_id();
    let forum = by_code(ctx, code).await?;
    let txn = crate::db::begin_write(ctx.db()).await?;
    let found = E::find_by_id(id)
        .filter(forum_column.eq(forum.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    E::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        Some(me),
        action,
        code,
        &name(&found),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn remove_theme(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<(), AppError> {
    remove::<theme::Entity>(
        ctx,
        code,
        id,
        theme::Column::ForumId,
        |t| t.name.clone(),
        "forum.theme-removed",
    )
    .await
}

pub async fn remove_session_type(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<(), AppError> {
    remove::<session_type::Entity>(
        ctx,
        code,
        id,
        session_type::Column::ForumId,
        |t| t.name.clone(),
        "forum.session-type-removed",
    )
    .await
}

pub async fn remove_format(ctx: &RequestCtx, code: &str, id: Uuid) -> Result<(), AppError> {
    remove::<session_format::Entity>(
        ctx,
        code,
        id,
        session_format::Column::ForumId,
        |f| f.name.clone(),
        "forum.format-removed",
    )
    .await
}

/// "Start from last year": copies themes, session types and formats that the
/// edition does not have yet (by name; by prefix for session types).
pub async fn copy_from(ctx: &RequestCtx, code: &str, from: &str) -> Result<usize, AppError> {
    let me = ctx.require_organiser(code)?.user_id();
    let target = by_code(ctx, code).await?;
    let source = by_code(ctx, from)
        .await
        .map_err(|_| AppError::field("from", "field.choice-invalid"))?;
    if source.id == target.id {
        return Err(AppError::field("from", "forums.copy-from-itself"));
    }
    let txn = crate::db::begin_write(ctx.db()).await?;
    let copied = copy_structure(&txn, source.id, target.id).await?
        + crate::proposals::calls::copy_calls(&txn, &source, target.id, target.first_day).await?
        + super::mail::copy_wordings(&txn, source.id, target.id).await?;
    audit::record(
        &txn,
        Some(me),
        "forum.structure-copied",
        code,
        &format!("from {from}: {copied}"),
        &ctx.client_addr,
    )
    .await?;
    txn.commit().await?;
    Ok(copied)
}

/// Copies what `to` lacks of `from`'s structure; returns how many items.
pub async fn copy_structure(
    db: &impl ConnectionTrait,
    from: Uuid,
    to: Uuid,
) -> Result<usize, AppError> {
    let mut copied = 0;
    let existing: Vec<theme::Model> = theme::Entity::find()
        .filter(theme::Column::ForumId.eq(to))
        .all(db)
        .await?;
    let source_themes = themes_of(db, from).await?;
    for (i, t) in source_themes.into_iter().enumerate() {
        if existing
            .iter()
            .any(|e| e.parent_id.is_none() && e.name == t.name)
        {
            continue;
        }
        let id = Uuid::new_v4();
        theme::ActiveModel {
            id: Set(id),
            forum_id: Set(to),
            parent_id: Set(None),
            name: Set(t.name),
            colour: Set(t.colour),
            position: Set((existing.len() + i) as i32),
        }
        .insert(db)
        .await?;
        copied += 1;
        for (j, sub) in t.sub_themes.into_iter().enumerate() {
            theme::ActiveModel {
                id: Set(Uuid::new_v4()),
                forum_id: Set(to),
                parent_id: Set(Some(id)),
                name: Set(sub.name),
                colour: Set(String::new()),
                position: Set(j as i32),
            }
            .insert(db)
            .await?;
            copied += 1;
        }
    }
    let have_types = session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(to))
        .all(db)
        .await?;
    let source_types = session_type::Entity::find()
        .filter(session_type::Column::ForumId.eq(from))
        .order_by_asc(session_type::Column::Position)
        .all(db)
        .await?;
    for t in source_types {
        if have_types.iter().any(|h| h.code_prefix == t.code_prefix) {
            continue;
        }
        session_type::ActiveModel {
            id: Set(Uuid::new_v4()),
            forum_id: Set(to),
            name: Set(t.name),
            code_prefix: Set(t.code_prefix),
            durations: Set(t.durations),
            position: Set(t.position),
        }
        .insert(db)
        .await?;
        copied += 1;
    }
    let have_formats = session_format::Entity::find()
        .filter(session_format::Column::ForumId.eq(to))
        .all(db)
        .await?;
    let source_formats = session_format::Entity::find()
        .filter(session_format::Column::ForumId.eq(from))
        .order_by_asc(session_format::Column::Position)
        .all(db)
        .await?;
    for f in source_formats {
        if have_formats.iter().any(|h| h.name == f.name) {
            continue;
        }
        session_format::ActiveModel {
            id: Set(Uuid::new_v4()),
            forum_id: Set(to),
            name: Set(f.name),
            needs_description: Set(f.needs_description),
            position: Set(f.position),
        }
        .insert(db)
        .await?;
        copied += 1;
    }
    Ok(copied)
}
