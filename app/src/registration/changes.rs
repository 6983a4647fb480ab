//! Changes of participation mode (server only): a participant asks to take
//! part onsite instead of online or the other way round; what can change at
//! once does ([`on_mode_change`]), the rest waits for the organisers, who
//! approve while onsite places last or refuse. A change that takes effect
//! releases the person's session sign-ups (their seats go to the waiting
//! lists), since a seat is onsite and a link is online; its mail leaves in
//! the same transaction.

use super::service::{
    locked_setup, mail_kind, mode_of, move_up, send, state_of, taken, Batch, Decided, Mail,
};
use super::*;
use crate::context::RequestCtx;
use crate::db::{begin_write, now, registration};
use crate::error::{AppError, Problems};
use crate::forums::editions::by_code;
use sea_orm::{entity::prelude::*, ActiveValue::Set};

/// What asking for a mode did, for the page's notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asked {
    Changed,
    Waiting,
    Withdrawn,
}

/// The signed-in person asks to take part in `mode`.
pub async fn change_mode(ctx: &RequestCtx, code: &str, mode: &str) -> Result<Asked, AppError> {
    let me = ctx.require_signed_in()?.user_id();
    let f = by_code(ctx, code).await?;
    let mut p = Problems::new();
    let to = p.check(
        "mode",
        Mode::from_code(mode.trim()).ok_or("registration.mode-required"),
    );
    let to = p.finish(to)?;
    let txn = begin_write(ctx.db()).await?;
    let setup = locked_setup(&txn, f.id).await?;
    let r = registration::Entity::find()
        .filter(registration::Column::ForumId.eq(f.id))
        .filter(registration::Column::UserId.eq(me))
        .one(&txn)
        .await?
        .ok_or(AppError::Conflict("registration.nothing-to-change".into()))?;
    let needs_approval = setup.as_ref().is_some_and(|s| s.online_needs_approval);
    let change = on_mode_change(state_of(&r), mode_of(&r), to, needs_approval)
        .ok_or(AppError::Conflict("registration.nothing-to-change".into()))?;
    let at = now();
    let mut a: registration::ActiveModel = r.into();
    a.updated_at = Set(at);
    let asked = match change {
        ModeChange::Withdrawn => {
            a.requested_mode = Set(None);
            a.update(&txn).await?;
            Asked::Withdrawn
        }
        ModeChange::Asked => {
            a.requested_mode = Set(Some(to.code().into()));
            a.update(&txn).await?;
            Asked::Waiting
        }
        ModeChange::Now(state) => {
            a.mode = Set(to.code().into());
            a.requested_mode = Set(None);
            a.state = Set(state.code().into());
            a.queued_at = Set(None);
            let r = a.update(&txn).await?;
            crate::participation::service::withdraw_all(ctx, &txn, &f, me).await?;
            let mut mails = vec![Mail {
                kind: mail_kind(&r),
                registration: r,
            }];
            if let Some(setup) = &setup {
                mails.extend(move_up(&txn, f.id, setup).await?);
            }
            send(ctx, &txn, &f, mails).await?;
            Asked::Changed
        }
    };
    txn.commit().await?;
    Ok(asked)
}

impl Batch<'_> {
    /// Approves (while onsite places last) or refuses the changes of mode
    /// asked for by the chosen registrations; the others are left alone.
    pub(super) async fn changes(
        &self,
        rows: Vec<registration::Model>,
        approve: bool,
    ) -> Result<(Decided, Vec<Mail>), AppError> {
        let mut places = taken(self.txn, self.forum.id).await?;
        let at = now();
        let mut done = Decided::default();
        let mut mails = vec![];
        for r in rows {
            let asked = r.requested_mode.as_deref().and_then(Mode::from_code);
            let Some(to) = asked.filter(|_| state_of(&r) == State::Approved) else {
                done.unchanged += 1;
                continue;
            };
            let from = mode_of(&r);
            let mut a: registration::ActiveModel = r.into();
            a.requested_mode = Set(None);
            if !approve {
                a.reason = Set(self.reason.to_string());
                done.rejected += 1;
                let refused = Some("registration-change-refused");
                mails.push(self.write(a, at, false, refused).await?);
                continue;
            }
            if on_change_approval(to, places, self.capacity).is_none() {
                done.no_place += 1;
                continue;
            }
            match (from, to) {
                (Mode::Onsite, Mode::Online) => places = places.saturating_sub(1),
                (Mode::Online, Mode::Onsite) => places += 1,
                _ => {}
            }
            a.mode = Set(to.code().into());
            a.reason = Set(String::new());
            done.approved += 1;
            mails.push(self.write(a, at, true, None).await?);
        }
        Ok((done, mails))
    }
}
